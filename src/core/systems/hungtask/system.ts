// khungtaskd on every live hypervisor (kernel/hung_task.c): it wakes every check interval (the
// timeout when the interval is 0) at a per-host phase and looks at every task in D state
// (TASK_UNINTERRUPTIBLE). A task whose context-switch count has not changed since the scan that
// first saw it blocked, hung_task_timeout_secs or more ago, is a hung task (last_switch_count,
// last_switch_time). So a task blocked at b is reported at the first scan s with
// floor((s - b) / interval) x interval >= timeout: after waiting between the timeout and the
// timeout plus one interval. The waiter that matters is the oldest one on the journal (disk/system.ts);
// with hung_task_panic the host panics (hosts/lifecycle.ts): its VMs die and what they held is lost.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { oldestWaiterAt } from '../disk/system.ts';
import { panicHost } from '../hosts/lifecycle.ts';

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
