// Where a VM can go: one candidate filter for every model that places VMs (live migration's
// admission, the orchestrator's scheduler), and each one's own scoring rule. A host is a
// candidate when it is up, has a free slot (fleet/slots.ts: no live VM and no reservation) and is
// neither evacuating, in maintenance nor shedding VMs.

import type { SimState } from '../sim-state.ts';

/** Maintenance states of a host (systems/migration/). */
export const MAINT_NONE = 0,
  MAINT_DUE = 1,
  MAINT_EVACUATING = 2,
  MAINT_IN = 3,
  MAINT_DONE = 4;

/** Host h can take a VM now (not counting memory: each placer has its own check). */
export function canHost(st: SimState, h: number): boolean {
  if (st.up[h] === 0 || st.hostFree[h] <= 0 || st.cp.drained[h] === 1) return false;
  if (!st.maintOn) return true;
  const ms = st.maintState[h];
  return ms !== MAINT_EVACUATING && ms !== MAINT_IN && st.hostShedding[h] === 0;
}

/**
 * Live migration's admission: the target with the most free memory by the check, or -1. Locked
 * (migration.admissionLock), the check counts memory booked by incoming migrations; unlocked, it
 * reads only what QEMU has allocated so far, so two migrations can book the same memory.
 * migration.bookedCapPercent caps what may be booked at all.
 */
export function migrationTarget(st: SimState, src: number, memMiB: number): number {
  const m = st.scenario.migration,
    H = st.hosts,
    capMiB = st.hostCapMiB;
  let best = -1,
    bestFree = -Infinity;
  for (let h = 0; h < H; h++) {
    if (h === src || !canHost(st, h)) continue;
    if (st.hostIn[h] + st.hostOut[h] >= m.maxParallelPerHost) continue;
    const free = capMiB - (m.admissionLock ? st.hostBookedMiB[h] : st.hostUsedMiB[h]);
    if (free > bestFree) {
      bestFree = free;
      best = h;
    }
  }
  if (best < 0 || memMiB > bestFree) return -1;
  if (m.bookedCapPercent > 0 && st.hostBookedMiB[best] + memMiB > (capMiB * m.bookedCapPercent) / 100) return -1;
  return best;
}

/**
 * The orchestrator's scheduler: a host whose booked memory leaves room for memMiB of the host's
 * memory, other than `avoid`; spread picks the one with the fewest live VMs, least-loaded the
 * lowest load per core; -1 when none has room.
 */
export function deploymentHost(st: SimState, memMiB: number, avoid: number): number {
  const spread = st.scenario.controlPlane.placement === 'spread';
  const limit = st.scenario.hypervisor.memoryGiB * 1024;
  let best = -1,
    bestScore = Infinity;
  for (let h = 0; h < st.hosts; h++) {
    if (h === avoid || st.hostBookedMiB[h] + memMiB > limit || !canHost(st, h)) continue;
    const score = spread ? st.hostLive[h] : st.hostLoadPerCore[h];
    if (score < bestScore) {
      bestScore = score;
      best = h;
    }
  }
  return best;
}
