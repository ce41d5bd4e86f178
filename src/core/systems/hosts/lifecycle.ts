// A host's life: a panic (hung_task_panic) kills its VMs and its kernel's state, the panic
// message holds it for PANIC_HOLD_SECONDS, it reboots and comes back up empty. The per-host
// arrays a crash wipes are one registry (HOST_RUNTIME_ARRAYS, as VM_SLOT_ARRAYS is for VM
// slots): a panic sets them to a fresh host's values, and so does the boot. The reboot and the
// return are scheduler events of the host block of event-kinds.ts, applied by applyHostEvent.

import { resetClosedLoopHost } from '../disk/closed-loop.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { END_PANIC, endVm } from '../../fleet/slots.ts';
import { HV_HEALTHY, HV_PANICKED, HV_REBOOTING } from '../../types.ts';
import { PANIC_SHORT } from '../../observers/summary.ts';
import { EV, PRIO_REACTION } from '../../event-kinds.ts';
import { PANIC_HOLD_SECONDS } from '../../settings.ts';

export const EV_HOST_REBOOTING = EV.hostRebooting,
  EV_HOST_UP = EV.hostUp;

/**
 * Every per-host array that describes a running host's kernel and workload, with the value a
 * freshly booted host has: a panic loses them (the kernel and its VMs are gone) and a boot starts
 * from them. A new per-host array is listed here, or in HOST_KEPT_ARRAYS with why it outlives a
 * crash (tests/unit/core/host-arrays.test.ts checks that every per-host array is in one of them).
 */
export const HOST_RUNTIME_ARRAYS = [
  ['diskQueueSeconds', 0],
  ['blockedSince', -1],
  ['dStateSeconds', 0],
  ['roundDoneAt', -1], // the journal chain restarts when the host is back
  ['hungThisEpisode', 0],
  ['hostPsi', 0],
  ['hostRamBacklogMiB', 0],
  ['hostThrashing', 0],
  ['hostDelivered', 0],
  ['extraLoadCores', 0],
  ['hostLoadPerCore', 0],
] as const;

/** The per-host arrays a crash does not reset, by why. */
export const HOST_KEPT_ARRAYS: Record<string, readonly string[]> = {
  'the host itself (its zone, its disk)': ['zoneOf', 'hostDiskFactor'],
  'its lifecycle, set here': ['up', 'hvState', 'panickedEver'],
  "khungtaskd's phase, drawn again at the boot": ['nextScan'],
  'the slot books, which follow the slots endVm frees': ['hostLive', 'hostFree', 'hostBookedMiB', 'hostVcpus'],
  "the disk's per-step figures, zeroed at its next pass over a host that is down (the recorder still sees this step's)":
    ['readDemandBytes', 'writeDemandBytes', 'readServedMBps'],
  'the journal chain, restarted from roundDoneAt': ['commitStart', 'txnOpen', 'txnOpenPrev', 'commitRoundsLeft'],
  "the VM pass's per-step scratch and skip, written for hosts that are up and read for them alone": [
    'hostPsiVms',
    'hostMemSteady',
    'memLogHosts',
    'memLogOomVm',
    'memLogOomApp',
    'memLogThrashVm',
    'memLogThrashCache',
  ],
  "the host's notification rate; its agents' processes, cleared by the tasks system while the host is down": [
    'notifPerStep',
    'notifCarry',
    'agentWaiting',
    'agentHolding',
    'driverConnected',
    'hostTasks',
  ],
  'log episodes and run counters': [
    'logPile',
    'logLimit',
    'logFork',
    'hostsWithThreadCrashes',
    'logEvac',
    'logBooked',
    'logSwap',
  ],
  'maintenance and migration books, emptied by the migration system once its migrations ended': [
    'maintState',
    'maintDueAt',
    'maintEndAt',
    'hostUsedMiB',
    'hostOut',
    'hostOutMiB',
    'hostIn',
    'hostSwapping',
    'slotReadyN',
    'lastOutAt',
    'hostShedding',
  ],
};

/** Host h's runtime arrays take a fresh host's values. */
export function resetHost(st: SimState, h: number): void {
  for (const [key, value] of HOST_RUNTIME_ARRAYS) st[key][h] = value;
  resetClosedLoopHost(st, h); // the closed-loop disk's figures and its journal chain, restarted when the host is back
}

/**
 * Host h boots empty at `time` (back from a reboot, or a parked host added): a fresh host's runtime
 * values, up and healthy, khungtaskd scanning from a phase of its own (one draw from the run's generator).
 */
export function bootEmpty(st: SimState, h: number, time: number): void {
  resetHost(st, h);
  st.up[h] = 1;
  st.hvState[h] = HV_HEALTHY;
  if (st.scanInterval > 0) st.nextScan[h] = time + st.rng.float() * st.scanInterval;
}

/** Host h panics at `time`: its VMs die with what they held, its runtime state is lost, it reboots after the hold. */
export function panicHost(st: SimState, log: EventLog, sched: Scheduler, h: number, time: number): void {
  const { vmStart, alive } = st;
  let vms = 0,
    events = 0;
  for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
    if (alive[v] === 0) continue;
    events += endVm(st, v, END_PANIC);
    vms++;
  }
  st.panics++;
  st.panickedEver[h] = 1;
  if (st.firstPanicT < 0) st.firstPanicT = time;
  st.up[h] = 0;
  st.hvState[h] = HV_PANICKED;
  resetHost(st, h);
  log.panic[h] = log.add(
    'panic',
    time,
    'kernel',
    'critical',
    PANIC_SHORT,
    `Kernel panic (hung_task_panic=1): ${vms} VMs die, ${events} telemetry events they held are lost.`,
    h,
    log.hung[h],
  );
  sched.schedule(time + PANIC_HOLD_SECONDS, PRIO_REACTION, EV_HOST_REBOOTING, h);
  // back up after the reboot time, never before the panic hold ends (equal times pop in scheduling order)
  sched.schedule(
    time + Math.max(st.scenario.hypervisor.rebootMinutes * 60, PANIC_HOLD_SECONDS),
    PRIO_REACTION,
    EV_HOST_UP,
    h,
  );
}

/** The host block's events (arg: the host): the reboot starts, the host is back up, empty. */
export function applyHostEvent(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  kind: number,
  h: number,
  time: number,
): void {
  if (kind === EV_HOST_REBOOTING) {
    st.hvState[h] = HV_REBOOTING;
    log.add('rebooting', time, 'hypervisor', 'info', 'rebooting', 'Rebooting after the panic.', h, log.panic[h]);
    return;
  }
  if (kind !== EV_HOST_UP) return;
  bootEmpty(st, h, time);
  log.add(
    'back-up-empty',
    time,
    'hypervisor',
    'info',
    'back up, empty',
    'Back up after the reboot, with no VMs: its VMs stay down until redeployed.',
    h,
    log.panic[h],
  );
  log.thrash[h] = -1;
  log.oom[h] = -1;
  log.disk[h] = -1;
  log.hung[h] = -1;
  log.deploy[h] = -1;
}
