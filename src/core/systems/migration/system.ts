// Maintenance windows and live migration (seed 001, Flying Circus, 2017-08-02). A maintenance
// window asks every host for a short maintenance; the policy says when each starts (evenly over
// the window, or the next one once the previous has evacuated) and the seatbelt caps how many run
// at once. A host first evacuates its VMs by pre-copy live migration; a host runs at most
// maxParallelPerHost migrations, incoming and outgoing together (fc.qemu runs each in one of the
// host agent's event threads), so neither side of a link is shared by more. Each migration gets
// min(QEMU max-bandwidth, its share of the source's and target's link); its remaining memory R starts at the VM's RAM and shrinks at B - D (D: the VM's dirty rate,
// lowered by auto-converge's throttle), so it takes about RAM / (B - D) and never converges when
// D >= B; it switches over once R can be sent within the downtime limit, and is cancelled at the
// timeout. The target admits a VM after a free-memory check: locked, it counts memory booked by
// incoming migrations; unlocked, it reads what QEMU has allocated so far, which grows only as
// pages arrive, so two migrations can book the same memory. Past its VM memory a host swaps (its
// VMs hang); past swap too its OOM killer kills the largest QEMU (that VM reboots, or that
// incoming migration fails). Reclaim takes every guest's cold pages first, in proportion to its
// size; the VMs whose working set it reaches stall, and the guest watchdog (fc.qemu in 2017) resets
// a VM stalled past its timeout (host-memory.ts, stalls). An overcommitted host evacuates VMs itself until
// it fits again.
// Times are exact in seconds, not steps: a migration switches over, passes a bitmap sync or times
// out at its own second within a step, and the slot it frees starts the next migration at that
// second; a host starts evacuating at its due second and its maintenance starts when its last VM
// switched over. Only the bandwidth shares are the step's (the counts on each link at its start).
// Everything here is skipped when the scenario has no maintenanceWindow event.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { MAINT_EVACUATING, migrationTarget } from '../../fleet/placement.ts';
import { GOING, SWITCHED, precopy } from './precopy.ts';
import { endMigration, slotFreed, startMigration, takeSlot } from './records.ts';
import { endMaintenance, initMaintenance, startMaintenance } from './maintenance.ts';
import { hostMemory } from './host-memory.ts';

/** One step of maintenance and migration, phase by phase. */
export function migrationSystem(st: SimState, log: EventLog): void {
  if (!st.maintOn) return;
  if (!st.maintInitDone) initMaintenance(st, log);
  for (let h = 0; h < st.hosts; h++) st.slotReadyN[h] = 0;
  startMaintenance(st, log);
  advanceMigrations(st);
  releaseDownHosts(st);
  endMaintenance(st);
  const fresh = admitMigrations(st, log);
  copyAdmitted(st, fresh);
  hostMemory(st, log);
}

/** Migrations in flight over [t, t + dt]: pre-copy, auto-converge, switch over or time out, each at its own second. */
function advanceMigrations(st: SimState): void {
  const t = st.t,
    tEnd = t + st.dt;
  for (let r = 0; r < st.migCap; r++) {
    if (!st.migUsed[r]) continue;
    const v = st.migSrc[r],
      src = st.migSrcHost[r],
      dst = st.migDstHost[r];
    if (st.up[src] === 0 || st.up[dst] === 0 || st.alive[v] === 0) {
      endMigration(st, r, false);
      continue;
    }
    const res = precopy(st, r, t, tEnd);
    if (res === GOING) continue;
    endMigration(st, r, res === SWITCHED);
    if (res === SWITCHED) st.lastOutAt[src] = st.migEndAt[r];
    slotFreed(st, src, st.migEndAt[r]);
  }
}

/** A host that went down lost every VM: once its migrations have ended, QEMU holds nothing there. */
function releaseDownHosts(st: SimState): void {
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] !== 0 || st.hostOut[h] !== 0 || st.hostIn[h] !== 0 || st.hostUsedMiB[h] === 0) continue;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) st.allocMiB[v] = 0;
    st.hostUsedMiB[h] = 0;
    st.hostOutMiB[h] = 0;
  }
}

/**
 * Evacuating and overcommitted hosts start migrations, up to their parallel limit (a host's agent
 * handles each migration, in or out, in one of its maxParallelPerHost event threads). A migration
 * whose slot came free within this step starts at that second: listed in migFresh, it copies for
 * the rest of the step (copyAdmitted). Returns how many are listed.
 */
function admitMigrations(st: SimState, log: EventLog): number {
  const capMiB = st.hostCapMiB,
    P = st.scenario.migration.maxParallelPerHost,
    tEnd = st.t + st.dt;
  let queued = 0,
    fresh = 0;
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0) continue;
    const evac = st.maintState[h] === MAINT_EVACUATING;
    // an overcommitted host sheds VMs until what stays booked fits (a VM stays booked here until it switches over)
    st.hostShedding[h] = !evac && st.hostSwapping[h] && st.hostBookedMiB[h] - st.hostOutMiB[h] > capMiB ? 1 : 0;
    if (!evac && !st.hostShedding[h]) continue;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (st.alive[v] === 0 || st.resv[v] !== 0) continue;
      if (!evac && st.hostBookedMiB[h] - st.hostOutMiB[h] <= capMiB) break;
      if (st.hostOut[h] + st.hostIn[h] >= P) {
        queued++;
        continue;
      }
      const dst = migrationTarget(st, h, st.sizeMemMiB[st.sizeOf[v]]);
      if (dst < 0) {
        queued++;
        continue;
      }
      const from = takeSlot(st, h, tEnd);
      const rec = startMigration(st, log, v, h, dst, from);
      if (from < tEnd) st.migFresh[fresh++] = rec;
    }
  }
  st.migQueued = queued;
  return fresh;
}

/**
 * The migrations admitted within this step copy for the rest of it, once all are admitted (each
 * check saw the same allocated memory: the race of an unlocked check).
 */
function copyAdmitted(st: SimState, fresh: number): void {
  const tEnd = st.t + st.dt;
  for (let i = 0; i < fresh; i++) {
    const rec = st.migFresh[i];
    const res = precopy(st, rec, st.migStartT[rec], tEnd);
    if (res === GOING) continue;
    const src = st.migSrcHost[rec];
    endMigration(st, rec, res === SWITCHED);
    if (res === SWITCHED) st.lastOutAt[src] = st.migEndAt[rec];
  }
}
