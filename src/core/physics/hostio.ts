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

export type HostIo = ReturnType<typeof createHostIo>;

export function createHostIo(hosts: number) {
  return {
    /** read latency of the step, s */
    latency: new Float64Array(hosts),
    /** reads outstanding (Little: throughput x latency): QEMU I/O workers in D state */
    outstanding: new Float64Array(hosts),
    /** device time the reads use, 0..1 */
    readUtil: new Float64Array(hosts),
    /** read bytes served in the step */
    readBytes: new Float64Array(hosts),
    /** write bandwidth the journal had in the step, bytes/s */
    writeBps: new Float64Array(hosts),
    // the commit chain at the end of the step (journal.ts JournalChain, one array per field)
    committing: new Uint8Array(hosts),
    bytesLeft: new Float64Array(hosts),
    flushLeft: new Float64Array(hosts),
    committingOpen: new Float64Array(hosts),
    runningOpen: new Float64Array(hosts),
    lastCommitSeconds: new Float64Array(hosts),
    // the chain at the start of the step and the step's rates: what a scan inside the step replays
    startCommitting: new Uint8Array(hosts),
    startBytesLeft: new Float64Array(hosts),
    startFlushLeft: new Float64Array(hosts),
    startCommittingOpen: new Float64Array(hosts),
    startRunningOpen: new Float64Array(hosts),
    orderedBps: new Float64Array(hosts),
    flushSeconds: new Float64Array(hosts),
    /** longest journal wait that ended in the step, s */
    longestWait: new Float64Array(hosts),
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
  solveClosedLoopMixed(n, L, D, count + 1, p.baseLatency, loop, io.latency[h]);
  const R = loop.latency;
  io.latency[h] = R;
  io.outstanding[h] = loop.outstanding;
  // bytes: the faults' and the sequential readers' at the common latency
  const seqX = p.seqReaders > 0 && seqBps > 0 ? (p.seqReaders * L[count]) / (p.seqReaders + L[count] * R) : 0;
  const faultX = loop.throughput - seqX;
  io.readBytes[h] = (faultX * p.faultBytes + seqX * p.seqBytes) * dt;
  const util = faultX * faultCost + seqX * seqCost;
  io.readUtil[h] = util > 1 ? 1 : util;
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
  io.startCommitting[h] = chain.committing;
  io.startBytesLeft[h] = chain.bytesLeft;
  io.startFlushLeft[h] = chain.flushLeft;
  io.startCommittingOpen[h] = chain.committingOpen;
  io.startRunningOpen[h] = chain.runningOpen;
  setRates(io, h, p, factor, orderedBps);
  io.orderedBps[h] = orderedBps;
  io.flushSeconds[h] = rates.flushSeconds;
  io.longestWait[h] = advanceJournal(chain, t, dt, rates);
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
  chain.committing = io.startCommitting[h];
  chain.bytesLeft = io.startBytesLeft[h];
  chain.flushLeft = io.startFlushLeft[h];
  chain.committingOpen = io.startCommittingOpen[h];
  chain.runningOpen = io.startRunningOpen[h];
  chain.lastCommitSeconds = 0;
  setRates(io, h, p, factor, io.orderedBps[h]);
  rates.flushSeconds = io.flushSeconds[h];
  return blockedSinceAtScan(chain, rates, t, scanT, scratch);
}

/** A host that panicked or went down: its chain restarts when it is back. */
export function resetHostIo(io: HostIo, h: number): void {
  io.committing[h] = 0;
  io.bytesLeft[h] = 0;
  io.flushLeft[h] = 0;
  io.runningOpen[h] = -1;
  io.committingOpen[h] = -1;
  io.lastCommitSeconds[h] = 0;
  io.latency[h] = 0;
  io.outstanding[h] = 0;
  io.readUtil[h] = 0;
  io.readBytes[h] = 0;
  io.longestWait[h] = 0;
}

function setRates(io: HostIo, h: number, p: HostIoParams, factor: number, orderedBps: number): void {
  rates.orderedBps = orderedBps;
  rates.writeBps = writeBandwidthUnderReads(p.writeBps * factor, io.readUtil[h], p.writeShareUnderReads);
  io.writeBps[h] = rates.writeBps;
  rates.journalBytes = p.journalBytes;
  rates.flushSeconds = p.flushRounds * (io.latency[h] > p.baseLatency ? io.latency[h] : p.baseLatency);
  rates.commitIntervalSeconds = p.commitIntervalSeconds;
  rates.orderedCapBytes = p.inFlightBytes;
  rates.busy = true;
}

function load(io: HostIo, h: number, c: JournalChain): void {
  c.committing = io.committing[h];
  c.bytesLeft = io.bytesLeft[h];
  c.flushLeft = io.flushLeft[h];
  c.committingOpen = io.committingOpen[h];
  c.runningOpen = io.runningOpen[h];
  c.lastCommitSeconds = io.lastCommitSeconds[h];
}

function store(io: HostIo, h: number, c: JournalChain): void {
  io.committing[h] = c.committing;
  io.bytesLeft[h] = c.bytesLeft;
  io.flushLeft[h] = c.flushLeft;
  io.committingOpen[h] = c.committingOpen;
  io.runningOpen[h] = c.runningOpen;
  io.lastCommitSeconds[h] = c.lastCommitSeconds;
}
