// khungtaskd on every live hypervisor (kernel/hung_task.c): it wakes every check interval (the
// timeout when the interval is 0) at a per-host phase and looks at every task in D state
// (TASK_UNINTERRUPTIBLE). A task whose context-switch count has not changed since the scan that
// first saw it blocked, hung_task_timeout_secs or more ago, is a hung task (last_switch_count,
// last_switch_time). So a task blocked at b is reported at the first scan s with
// floor((s - b) / interval) x interval >= timeout: after waiting between the timeout and the
// timeout plus one interval. The waiter that matters is the oldest one on the journal (disk.ts);
// with hung_task_panic the host panics: its VMs die and what they held is lost.

import type { SimState } from '../state.ts';
import type { EventLog } from '../observers/eventlog.ts';
import type { Scheduler } from '../scheduler.ts';
import { END_PANIC, endVm } from '../fleet/slots.ts';
import { HV_PANICKED } from '../types.ts';
import { PANIC_SHORT } from '../observers/summary.ts';
import { oldestWaiterAt } from './disk.ts';

import { EV, PRIO_REACTION } from '../event-kinds.ts';

export const EV_HOST_REBOOTING = EV.hostRebooting,
  EV_HOST_UP = EV.hostUp;
/** From the panic to the start of the reboot: the panic message and dump (kernel.panic=60 typical). */
export const PANIC_HOLD_SECONDS = 60;

/** Does a scan at time s report a task blocked since b? (hung_task.c: unchanged switch count since the first scan that saw it, timeout ago) */
export function hungAtScan(s: number, b: number, interval: number, timeout: number): boolean {
  return s >= b && Math.floor((s - b) / interval) * interval >= timeout;
}

export function hungTaskSystem(st: SimState, log: EventLog, sched: Scheduler): void {
  const timeout = st.scenario.hypervisor.hungTaskTimeoutSeconds;
  const interval = st.scanInterval;
  if (timeout <= 0 || interval <= 0) return;
  const tEnd = st.t + st.dt;
  const { up, nextScan, hungThisEpisode } = st;
  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) continue;
    while (nextScan[h] <= tEnd) {
      const scanT = nextScan[h];
      nextScan[h] = scanT + interval;
      const since = oldestWaiterAt(st, h, scanT);
      if (!hungAtScan(scanT, since, interval, timeout)) continue;
      if (hungThisEpisode[h] === 0) {
        hungThisEpisode[h] = 1;
        log.hung[h] = log.add(
          'hung-task',
          scanT,
          'kernel',
          'critical',
          `D state > ${timeout} s`,
          `khungtaskd: a task waiting on the journal commit has been blocked in D state for ${Math.round(scanT - since)} s (hung_task_timeout_secs=${timeout}).`,
          h,
          log.disk[h],
        );
      }
      if (st.scenario.hypervisor.hungTaskPanic) {
        panicHost(st, log, sched, h, scanT);
        break;
      }
    }
  }
}

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
  st.diskQueueSeconds[h] = 0;
  st.blockedSince[h] = -1;
  st.dStateSeconds[h] = 0;
  st.roundDoneAt[h] = -1; // the journal chain restarts when the host is back
  st.hungThisEpisode[h] = 0;
  st.hostPsi[h] = 0;
  st.hostRamBacklogMiB[h] = 0;
  st.hostThrashing[h] = 0;
  st.hostDelivered[h] = 0;
  st.extraLoadCores[h] = 0;
  st.hostLoadPerCore[h] = 0;
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
