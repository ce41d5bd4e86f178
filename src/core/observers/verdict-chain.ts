// The verdict's chain for a panic: the first panic's cause chain from the event log (eventlog.ts
// causeChain), corrected by what the log alone cannot tell (witness.ts):
//
// - the thrash link names the VM size whose refaults the panicked hosts' disks read most before
//   they panicked, with its share; the log's entry names the first VM to thrash on one host,
//   which may be of any size (a big VM with one more vCPU thrashes first, forty small ones drive
//   the disk);
// - a backlog that began while messaging was up, because the brokers ingest less than the fleet
//   logs, is where the chain starts, with why: an outage that came later only added to it.

import { VM_SIZES, type VmSize } from '../../scenario/index.ts';
import { clockLabel } from '../clock.ts';
import type { SimState } from '../sim-state.ts';
import type { SimEvent } from '../types.ts';
import { count } from '../text.ts';
import { causeChain } from './eventlog.ts';
import { witnessOf, type Witness } from './witness.ts';

/** The chain's links (root first) and the sentences that qualify them. */
export interface VerdictChain {
  links: string[];
  notes: string[];
}

const FRACTIONS: readonly [number, string][] = [
  [1 / 7, 'a seventh'],
  [1 / 6, 'a sixth'],
  [1 / 5, 'a fifth'],
  [1 / 4, 'a quarter'],
  [1 / 3, 'a third'],
  [2 / 5, 'two fifths'],
  [1 / 2, 'half'],
  [3 / 5, 'three fifths'],
  [2 / 3, 'two thirds'],
  [3 / 4, 'three quarters'],
  [4 / 5, 'four fifths'],
  [9 / 10, 'nine tenths'],
];

/** A share in words: 0.62 -> "about three fifths", 0.97 -> "nearly all". */
export function shareWords(x: number): string {
  if (x >= 0.95) return 'nearly all';
  let best = FRACTIONS[0];
  for (const f of FRACTIONS) if (Math.abs(f[0] - x) < Math.abs(best[0] - x)) best = f;
  return `about ${best[1]}`;
}

/** The size whose VMs read the most from the panicked hosts' disks, and its share (null: no refault read). */
export function thrashDriver(st: SimState, w: Witness): { size: VmSize; share: number } | null {
  const reads = w.readsOnPanicked(st);
  let total = 0,
    size: VmSize = VM_SIZES[0];
  for (const s of VM_SIZES) {
    total += reads[s];
    if (reads[s] > reads[size]) size = s;
  }
  return total > 0 ? { size, share: reads[size] / total } : null;
}

/** the VM size a 'vms-thrash' entry names (its short is "<size> VMs thrash", memory/system.ts logThrash) */
function sizeNamed(e: SimEvent): VmSize | null {
  const word = e.short.split(' ')[0];
  return (VM_SIZES as readonly string[]).includes(word) ? (word as VmSize) : null;
}

/** the driver sentence's opening; verdictDriver reads it back (one format, written and read here) */
const DRIVER_LEAD = (size: string) => `The ${size} VMs made `;
const DRIVER_TAIL = " of the refault reads on the panicked hosts' disks";

/**
 * The VM size a verdict names as the one that drove the panicked hosts' disks (panicChain's note),
 * or null when the verdict names none (no panic, no refault read). The page's plain chain reads it
 * so that its words agree with the verdict's; must return null for any text this file did not write.
 */
export function verdictDriver(verdict: string): VmSize | null {
  for (const s of VM_SIZES) {
    const i = verdict.indexOf(DRIVER_LEAD(s));
    if (i >= 0 && verdict.indexOf(DRIVER_TAIL, i) > i) return s;
  }
  return null;
}

export function panicChain(st: SimState, events: readonly SimEvent[], panic: SimEvent): VerdictChain {
  let chain = causeChain(events, panic.id);
  const w = witnessOf(st);
  const notes: string[] = [];
  const at = (t: number) => clockLabel(st.scenario.clockStart, t);
  // 1. where the backlog really began
  const bi = chain.findIndex((e) => e.code === 'backlog-held');
  const f = w && bi >= 0 ? w.shortfallAt(chain[bi].t) : null;
  if (f && bi >= 0) {
    const before = chain.slice(0, bi);
    // the entry logged when that backlog first filled an agent's buffer (else the chain's own)
    const first = events.find((e) => e.code === 'backlog-held' && e.t >= f.t && e.t <= chain[bi].t) ?? chain[bi];
    chain = [first, ...chain.slice(bi + 1)];
    const outage =
      before.length > 0 ? `; the outage that followed (${before.map((e) => e.short).join(' → ')}) added to it` : '';
    notes.push(
      `The backlog began at ${at(f.t)} with messaging up: the brokers took ${count(f.ingestPerSecond)} events/s and the fleet logged ${count(f.logPerSecond)} (their ingest, messaging.brokerIngestEventsPerSecond, is not sized for this fleet)${outage}.`,
    );
  }
  // 2. the size that drove the disks
  const links = chain.map((e) => e.short);
  const ti = chain.findIndex((e) => e.code === 'vms-thrash');
  const d = w && ti >= 0 ? thrashDriver(st, w) : null;
  if (d && ti >= 0) {
    const firstSize = sizeNamed(chain[ti]);
    links[ti] = `${d.size} VMs thrash`;
    const first = firstSize && firstSize !== d.size ? `; the first VM to thrash was ${firstSize}` : '';
    notes.push(
      `${DRIVER_LEAD(d.size)}${shareWords(d.share)} (${Math.round(d.share * 100)}%)${DRIVER_TAIL} before they panicked${first}.`,
    );
  }
  return { links, notes };
}

/**
 * Where a run's telemetry backlog went, as one sentence (leading space; empty when the run had no
 * backlog). The 2024 chain needs the socket source's unbounded heap: under `block` the agent's
 * buffer fills in seconds and the application's logger keeps everything else in its heap. Every
 * bounded logger drops logs or keeps them on disk instead (tests/unit/model/bounded-loggers.test.ts).
 */
export function loggerNote(st: SimState, events: readonly SimEvent[]): string {
  const backlog = events.some((e) => e.code === 'backlog-held' || e.code === 'agents-drop-newest-events');
  const tm = st.scenario.telemetry;
  if (!backlog && st.dropped === 0) return '';
  if (st.dropNewest)
    return ` The agents' buffers are bounded (telemetry.buffer.whenFull = drop_newest, ${count(st.bufferCap)} events each): they dropped ${count(st.dropped)} events, and no backlog took the VMs' memory.`;
  if (st.heldInApp && st.heldInRam) {
    if (!events.some((e) => e.code === 'backlog-held')) {
      // a disk buffer never filled: the backlog stayed in it
      return st.bufferInRam
        ? ''
        : ` The agents' disk buffers held the backlog (telemetry.buffer.type = disk, ${count(tm.buffer.maxSizeBytes / 2 ** 20)} MiB each): it cost the hypervisors' disks writes, not the VMs' memory.`;
    }
    if (!st.bufferInRam)
      return ` The agents' disk buffers (telemetry.buffer.type = disk, ${count(tm.buffer.maxSizeBytes / 2 ** 20)} MiB each) held the backlog until they filled; beyond that the socket source's logger kept it in the application's heap, without bound (buffer.whenFull = block).`;
    return ` The backlog took the VMs' RAM only because the socket source's logger keeps what the agent cannot take in the application's heap, without bound (telemetry.source = socket, buffer.whenFull = block); a bounded logger (buffer.whenFull = drop_newest, a disk buffer, a file or journald source) drops logs or keeps them on disk instead.`;
  }
  if (st.heldInRam)
    return ` The runtime journal is bounded (telemetry.source = journald-volatile, ${tm.journalRuntimeMaxUsePercentOfRam}% of each VM's RAM): it vacuumed ${count(st.dropped)} of its oldest events instead of taking the VM's memory.`;
  if (st.heldOnDisk)
    return ` The backlog waited on the VMs' disks (telemetry.source = ${tm.source}): it cost disk writes and reads, not memory.`;
  return '';
}
