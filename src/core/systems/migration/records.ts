// The pool of migration records (start, end) and each host's migration slots within a step: a
// host runs at most maxParallelPerHost migrations, in and out together, and a slot freed at a
// second of the step starts the next migration at that second.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { RESV_MIGRATION_IN, RESV_MIGRATION_OUT, freeSlot, move, reserve, unreserve } from '../../fleet/slots.ts';

/** Migration of the VM in slot v from host src to host dst starts at time t (s): a record, a reserved target slot. */
export function startMigration(st: SimState, log: EventLog, v: number, src: number, dst: number, t: number): number {
  let rec = 0;
  while (st.migUsed[rec]) rec++;
  const slot = freeSlot(st, dst);
  const mem = st.sizeMemMiB[st.sizeOf[v]];
  st.migUsed[rec] = 1;
  st.migSrc[rec] = v;
  st.migDst[rec] = slot;
  st.migSrcHost[rec] = src;
  st.migDstHost[rec] = dst;
  st.migRemainMiB[rec] = mem;
  st.migStartT[rec] = t;
  st.migThrottle[rec] = 0;
  st.migIterTarget[rec] = mem;
  st.migIterSent[rec] = 0;
  st.migIterDirty[rec] = 0;
  st.migHighCount[rec] = 0;
  reserve(st, v, RESV_MIGRATION_OUT, 0);
  reserve(st, slot, RESV_MIGRATION_IN, mem);
  st.allocMiB[slot] = 0;
  st.hostOut[src]++;
  st.hostIn[dst]++;
  st.hostOutMiB[src] += mem;
  st.migInFlight++;
  if (st.migInFlight > st.migMaxConcurrent) st.migMaxConcurrent = st.migInFlight;
  if (st.hostBookedMiB[dst] > st.hostCapMiB && st.logBooked[dst] < 0) {
    st.logBooked[dst] = log.add(
      'memory-double-booked',
      t,
      'hypervisor',
      'warning',
      'memory double-booked',
      `Admitted a ${mem} MiB VM from hv-${src} on a free-memory check that ${st.scenario.migration.admissionLock ? 'has no booked-memory cap' : 'is not locked and does not count incoming migrations'}: ` +
        `${(st.hostBookedMiB[dst] / 1024).toFixed(0)} GiB booked for ${(st.hostCapMiB / 1024).toFixed(0)} GiB of VM memory.`,
      dst,
      st.logEvac[src],
    );
  }
  return rec;
}

/** Migration record `rec` ends: switched over (the VM moves), or failed (its target slot is freed). */
export function endMigration(st: SimState, rec: number, ok: boolean): void {
  const v = st.migSrc[rec],
    slot = st.migDst[rec],
    src = st.migSrcHost[rec],
    dst = st.migDstHost[rec];
  const mem = st.sizeMemMiB[st.sizeOf[v]];
  st.migUsed[rec] = 0;
  st.migInFlight--;
  st.hostOut[src]--;
  st.hostIn[dst]--;
  st.hostOutMiB[src] -= mem;
  if (ok) {
    st.hostUsedMiB[src] -= st.allocMiB[v];
    // the VM's whole per-slot state moves; the source slot is left empty (all zeros, no VM)
    move(st, v, slot);
    st.allocMiB[slot] = mem;
    st.migCompleted++;
  } else {
    st.hostUsedMiB[dst] -= st.allocMiB[slot];
    st.allocMiB[slot] = 0;
    unreserve(st, slot, mem);
    unreserve(st, v, 0);
    st.migFailed++;
  }
}

/** Host h's migration slot is free again from time `at` (s) within this step. */
export function slotFreed(st: SimState, h: number, at: number): void {
  const P = st.scenario.migration.maxParallelPerHost;
  if (st.slotReadyN[h] < P) st.slotReadyAt[h * P + st.slotReadyN[h]++] = at;
}

/** The earliest time within this step a slot of host h became free, taken; `otherwise` when none did. */
export function takeSlot(st: SimState, h: number, otherwise: number): number {
  const n = st.slotReadyN[h];
  if (n === 0) return otherwise;
  const P = st.scenario.migration.maxParallelPerHost,
    base = h * P;
  let best = 0;
  for (let i = 1; i < n; i++) if (st.slotReadyAt[base + i] < st.slotReadyAt[base + best]) best = i;
  const at = st.slotReadyAt[base + best];
  st.slotReadyAt[base + best] = st.slotReadyAt[base + n - 1];
  st.slotReadyN[h] = n - 1;
  return at;
}
