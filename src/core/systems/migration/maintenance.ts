// Maintenance windows (system.ts runs them): each host is due at its time within the window, and
// starts evacuating when the policy and the seatbelt let it; once its last VM has switched over it
// is in maintenance for the window's maintenance minutes, and then takes VMs again.

import type { Scenario } from '../../../scenario/index.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { keyedFloat, keyedNormal } from '../../rng.ts';
import { DIRTY_RATE_SPREAD } from '../../settings.ts';
import { KEYED } from '../../streams.ts';
import { MAINT_DONE, MAINT_DUE, MAINT_EVACUATING, MAINT_IN, MAINT_NONE } from '../../fleet/placement.ts';
import { slotFreed } from './records.ts';

/** At the first step: each VM's dirty rate, what QEMU has allocated, and when each host is due. */
export function initMaintenance(st: SimState, log: EventLog): void {
  st.maintInitDone = true;
  const s = st.scenario,
    m = s.migration,
    H = st.hostsStart; // the schedule covers the hosts the fleet starts with (added hosts come maintained)
  // dirty rates: a VM's own, keyed by (seed, VM id) like its other figures (fleet/vm-size.ts), so
  // which VMs are busy does not depend on the step or on what drew from the run's Rng before
  for (let v = 0; v < st.vms; v++) {
    const id = st.vmId[v];
    if (id < 0) continue;
    const busy = keyedFloat(s.seed, id, KEYED.vmBusy.index) * 100 < m.busyPercent;
    st.busyVm[v] = busy ? 1 : 0;
    st.touchedMiB[v] = st.sizeMemMiB[st.sizeOf[v]];
    const base = busy ? m.busyDirtyMiBps : m.dirtyMiBps;
    st.dirtyMiBps[v] = Math.max(0, base * (1 + DIRTY_RATE_SPREAD * keyedNormal(s.seed, id, KEYED.vmDirtyRate.index)));
  }
  // QEMU has allocated all of a running VM's RAM (booked memory is kept by fleet/slots.ts)
  for (let h = 0; h < st.hosts; h++) {
    let used = 0;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (st.alive[v]) {
        st.allocMiB[v] = st.sizeMemMiB[st.sizeOf[v]];
        used += st.allocMiB[v];
      }
    }
    st.hostUsedMiB[h] = used;
  }
  // the schedule: each window spreads every host's start evenly over it (the policy may wait longer)
  for (const e of s.events) {
    if (e.kind !== 'maintenanceWindow') continue;
    for (let h = 0; h < H; h++) {
      const due = e.atMinute * 60 + (h * e.durationMinutes * 60) / H;
      if (due < st.maintDueAt[h]) st.maintDueAt[h] = due;
    }
    if (st.logMaint < 0) {
      st.logMaint = log.add(
        'maintenance-scheduled',
        e.atMinute * 60,
        'scenario',
        'info',
        'maintenance scheduled',
        `Maintenance (${e.maintenanceMinutes} min) scheduled for all ${H} hosts within ${e.durationMinutes} min; each host evacuates its VMs first` +
          `${s.maintenance.maxConcurrentHosts > 0 ? `, at most ${s.maintenance.maxConcurrentHosts} at once` : ', with no limit on how many at once'}.`,
      );
    }
  }
}

function maintenanceMinutesFor(s: Scenario): number {
  for (const e of s.events) if (e.kind === 'maintenanceWindow') return e.maintenanceMinutes;
  return 1;
}

/**
 * Maintenance at the step's start: due hosts start evacuating (policy and seatbelt permitting),
 * evacuated hosts go into maintenance. Times are exact: a host due at d in (t - dt, t] starts its
 * migrations from d, an evacuated host's maintenance starts when its last VM switched over.
 */
export function startMaintenance(st: SimState, log: EventLog): void {
  const s = st.scenario,
    m = s.migration,
    H = st.hosts,
    dt = st.dt,
    t = st.t;
  const P = m.maxParallelPerHost;
  let busy = 0;
  for (let h = 0; h < H; h++) if (st.maintState[h] === MAINT_EVACUATING || st.maintState[h] === MAINT_IN) busy++;
  const limit =
    st.maintManualLimit >= 0
      ? st.maintManualLimit // the automation was stopped: operators evacuate this many hosts at once (operator/actions.ts)
      : s.maintenance.policy === 'include-evacuation'
        ? 1
        : s.maintenance.maxConcurrentHosts > 0
          ? s.maintenance.maxConcurrentHosts
          : H;
  for (let h = 0; h < H; h++) {
    const ms = st.maintState[h];
    if (ms === MAINT_NONE && st.maintDueAt[h] <= t) st.maintState[h] = MAINT_DUE;
    if (st.maintState[h] === MAINT_DUE && busy < limit && st.up[h]) {
      st.maintState[h] = MAINT_EVACUATING;
      busy++;
      // due within the last step: its slots are free from the due time (else from now: it waited for the seatbelt)
      const from = st.maintDueAt[h] > t - dt ? st.maintDueAt[h] : t;
      for (let i = 0; i < P; i++) slotFreed(st, h, from);
      st.logEvac[h] = log.add(
        'host-evacuates',
        t,
        'hypervisor',
        'info',
        'host evacuates',
        `Maintenance due: evacuating ${st.hostLive[h]} VMs by live migration (${m.maxParallelPerHost} at a time).`,
        h,
        st.logMaint,
      );
    } else if (ms === MAINT_EVACUATING && st.hostLive[h] === 0 && st.hostOut[h] === 0 && st.hostIn[h] === 0) {
      st.maintState[h] = MAINT_IN;
      st.maintEndAt[h] = (st.lastOutAt[h] > t - dt ? st.lastOutAt[h] : t) + maintenanceMinutesFor(s) * 60;
    }
  }
}

/** A host whose maintenance ended within this step takes VMs again. */
export function endMaintenance(st: SimState): void {
  const tEnd = st.t + st.dt;
  for (let h = 0; h < st.hosts; h++) {
    if (st.maintState[h] === MAINT_IN && st.maintEndAt[h] <= tEnd) {
      st.maintState[h] = MAINT_DONE;
      st.hostsMaintained++;
    }
  }
}
