// One hypervisor's disk in one step, for the disk system: the reads as a closed loop
// (blockio.ts), the writes through the journal's commit chain (journal.ts), and what khungtaskd
// needs to see the oldest waiter at any scan inside the step. The state is struct-of-arrays per
// host (created here, owned by the disk system); the step allocates nothing.

import { solveClosedLoopMixed, type ClosedLoop } from './blockio.ts';
import {
  advanceJournal,
  blockedSinceAtScan,
  newJournalChain,
  writeBandwidthUnderReads,
  type JournalChain,
  type JournalRates,
} from './journal.ts';

/** What a host's device and filesystem are (per run; the disk factor is per host). */
export interface HostIoParams {
  /** random-read IOPS of the device at full depth */
  readIops: number;
  /** read and write bandwidth, bytes/s */
  readBps: number;
  writeBps: number;
  /** latency of one request at low depth, s */
  baseLatency: number;
  /** bytes one major fault reads */
  faultBytes: number;
  /** bytes of one sequential read request (background, images, catch-up) */
  seqBytes: number;
  /** sequential readers of a host (their population in the closed loop) */
  seqReaders: number;
  /** share of the write bandwidth writes keep while reads saturate the device */
  writeShareUnderReads: number;
  /** most ordered data one commit waits for, bytes (what the block layer holds in flight) */
  inFlightBytes: number;
  /** journal blocks per commit, bytes */
  journalBytes: number;
  /** dependent rounds of a commit after its data (journal blocks, commit block + cache flush) */
  flushRounds: number;
  /** commit age, s (JBD2_DEFAULT_MAX_COMMIT_AGE) */
  commitIntervalSeconds: number;
}

/** The per-host arrays (prefixed io, j: they sit flat in the run's state beside the disk's own). */
export type HostIo = ReturnType<typeof createHostIo>;

export function createHostIo(hosts: number) {
  return {
    /** read latency of the step, s */
    ioLatency: new Float64Array(hosts),
    /** reads outstanding (Little: throughput x latency): QEMU I/O workers in D state */
    ioOutstanding: new Float64Array(hosts),
    /** device time the reads use, 0..1 */
    ioReadUtil: new Float64Array(hosts),
    /** read bytes served in the step */
    ioReadBytes: new Float64Array(hosts),
    /** read requests served a second (faults and sequential requests) */
    ioRequests: new Float64Array(hosts),
    /** write bandwidth the journal had in the step, bytes/s */
    ioWriteBps: new Float64Array(hosts),
    // the commit chain at the end of the step (journal.ts JournalChain, one array per field)
    jCommitting: new Uint8Array(hosts),
    jBytesLeft: new Float64Array(hosts),
    jFlushLeft: new Float64Array(hosts),
    jCommittingOpen: new Float64Array(hosts).fill(-1),
    jRunningOpen: new Float64Array(hosts).fill(-1),
    jLastCommitSeconds: new Float64Array(hosts),
    // the chain at the start of the step and the step's rates: what a scan inside the step replays
    jStartCommitting: new Uint8Array(hosts),
    jStartBytesLeft: new Float64Array(hosts),
    jStartFlushLeft: new Float64Array(hosts),
    jStartCommittingOpen: new Float64Array(hosts).fill(-1),
    jStartRunningOpen: new Float64Array(hosts).fill(-1),
    jOrderedBps: new Float64Array(hosts),
    jFlushSeconds: new Float64Array(hosts),
    /** longest journal wait that ended in the step, s */
    jLongestWait: new Float64Array(hosts),
  };
}

const loop: ClosedLoop = { latency: 0, throughput: 0, outstanding: 0, population: 0, iterations: 0 };
const chain: JournalChain = newJournalChain();
const scratch: JournalChain = newJournalChain();
const rates: JournalRates = {
  orderedBps: 0,
  writeBps: 1,
  journalBytes: 0,
  flushSeconds: 0,
  commitIntervalSeconds: 5,
  orderedCapBytes: 0,
  busy: true,
};

/**
 * Reads of host h in the step: `count` fault classes in n, L (threads, faults/s they would ask
 * without waiting; class `count` is appended here for the sequential readers asking `seqBps`
 * bytes/s), on a device `factor` times the nominal one. n, L and D must have room for count + 1.
 */
export function hostReads(
  io: HostIo,
  h: number,
  p: HostIoParams,
  factor: number,
  n: Float64Array,
  L: Float64Array,
  D: Float64Array,
  count: number,
  seqBps: number,
  dt: number,
): void {
  const faultCost = Math.max(1 / (p.readIops * factor), p.faultBytes / (p.readBps * factor)),
    seqCost = p.seqBytes / (p.readBps * factor);
  for (let i = 0; i < count; i++) D[i] = faultCost;
  n[count] = p.seqReaders;
  L[count] = seqBps / p.seqBytes;
  D[count] = seqCost;
  solveClosedLoopMixed(n, L, D, count + 1, p.baseLatency, loop, io.ioLatency[h]);
  const R = loop.latency;
  io.ioLatency[h] = R;
  io.ioOutstanding[h] = loop.outstanding;
  // bytes: the faults' and the sequential readers' at the common latency
  const seqX = p.seqReaders > 0 && seqBps > 0 ? (p.seqReaders * L[count]) / (p.seqReaders + L[count] * R) : 0;
  const faultX = loop.throughput - seqX;
  io.ioReadBytes[h] = (faultX * p.faultBytes + seqX * p.seqBytes) * dt;
  io.ioRequests[h] = faultX + seqX;
  const util = faultX * faultCost + seqX * seqCost;
  io.ioReadUtil[h] = util > 1 ? 1 : util;
}

/**
 * The journal of host h through [t, t + dt): ordered data accrues at `orderedBps` (buffered
 * writes to newly allocated blocks), commits write at the bandwidth the reads leave, their
 * flush rounds wait behind the read latency. Call after hostReads for the step.
 */
export function hostJournal(
  io: HostIo,
  h: number,
  p: HostIoParams,
  factor: number,
  orderedBps: number,
  t: number,
  dt: number,
): void {
  load(io, h, chain);
  if (chain.runningOpen < 0) chain.runningOpen = t; // a chain (re)started: the host is back
  io.jStartCommitting[h] = chain.committing;
  io.jStartBytesLeft[h] = chain.bytesLeft;
  io.jStartFlushLeft[h] = chain.flushLeft;
  io.jStartCommittingOpen[h] = chain.committingOpen;
  io.jStartRunningOpen[h] = chain.runningOpen;
  setRates(io, h, p, factor, orderedBps);
  io.jOrderedBps[h] = orderedBps;
  io.jFlushSeconds[h] = rates.flushSeconds;
  io.jLongestWait[h] = advanceJournal(chain, t, dt, rates);
  store(io, h, chain);
}

/** Block time of the oldest journal waiter a khungtaskd scan at scanT (in the step [t, t + dt)) sees. */
export function hostBlockedSince(
  io: HostIo,
  h: number,
  p: HostIoParams,
  factor: number,
  t: number,
  scanT: number,
): number {
  chain.committing = io.jStartCommitting[h];
  chain.bytesLeft = io.jStartBytesLeft[h];
  chain.flushLeft = io.jStartFlushLeft[h];
  chain.committingOpen = io.jStartCommittingOpen[h];
  chain.runningOpen = io.jStartRunningOpen[h];
  chain.lastCommitSeconds = 0;
  setRates(io, h, p, factor, io.jOrderedBps[h]);
  rates.flushSeconds = io.jFlushSeconds[h];
  return blockedSinceAtScan(chain, rates, t, scanT, scratch);
}

/**
 * Every array of createHostIo with the value a freshly booted host has (for the hosts' lifecycle
 * list of runtime arrays): a panic loses the chain, which restarts at the host's first step back
 * (runningOpen -1).
 */
export const HOST_IO_RUNTIME = [
  ['ioLatency', 0],
  ['ioOutstanding', 0],
  ['ioReadUtil', 0],
  ['ioReadBytes', 0],
  ['ioRequests', 0],
  ['ioWriteBps', 0],
  ['jCommitting', 0],
  ['jBytesLeft', 0],
  ['jFlushLeft', 0],
  ['jCommittingOpen', -1],
  ['jRunningOpen', -1],
  ['jLastCommitSeconds', 0],
  ['jStartCommitting', 0],
  ['jStartBytesLeft', 0],
  ['jStartFlushLeft', 0],
  ['jStartCommittingOpen', -1],
  ['jStartRunningOpen', -1],
  ['jOrderedBps', 0],
  ['jFlushSeconds', 0],
  ['jLongestWait', 0],
] as const;

/** A host that panicked or went down: its chain restarts when it is back. */
export function resetHostIo(io: HostIo, h: number): void {
  for (const [key, value] of HOST_IO_RUNTIME) io[key][h] = value;
}

function setRates(io: HostIo, h: number, p: HostIoParams, factor: number, orderedBps: number): void {
  rates.orderedBps = orderedBps;
  rates.writeBps = writeBandwidthUnderReads(p.writeBps * factor, io.ioReadUtil[h], p.writeShareUnderReads);
  io.ioWriteBps[h] = rates.writeBps;
  rates.journalBytes = p.journalBytes;
  rates.flushSeconds = p.flushRounds * (io.ioLatency[h] > p.baseLatency ? io.ioLatency[h] : p.baseLatency);
  rates.commitIntervalSeconds = p.commitIntervalSeconds;
  rates.orderedCapBytes = p.inFlightBytes;
  rates.busy = true;
}

function load(io: HostIo, h: number, c: JournalChain): void {
  c.committing = io.jCommitting[h];
  c.bytesLeft = io.jBytesLeft[h];
  c.flushLeft = io.jFlushLeft[h];
  c.committingOpen = io.jCommittingOpen[h];
  c.runningOpen = io.jRunningOpen[h];
  c.lastCommitSeconds = io.jLastCommitSeconds[h];
}

function store(io: HostIo, h: number, c: JournalChain): void {
  io.jCommitting[h] = c.committing;
  io.jBytesLeft[h] = c.bytesLeft;
  io.jFlushLeft[h] = c.flushLeft;
  io.jCommittingOpen[h] = c.committingOpen;
  io.jRunningOpen[h] = c.runningOpen;
  io.jLastCommitSeconds[h] = c.lastCommitSeconds;
}
