// The control plane's scenario events: operator actions (the control-plane block of event-kinds.ts).

import type { Scenario } from '../../../scenario/index.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import type { SimState } from '../../sim-state.ts';
import { EV, PRIO_TIMELINE } from '../../event-kinds.ts';

export const EV_CP_FALLBACK = EV.fallbackBus,
  EV_CP_PAUSE = EV.pauseMonitoring,
  EV_CP_WATCHDOG_OFF = EV.stopWatchdog;

export function scheduleControlPlaneEvents(s: Scenario, sched: Scheduler): void {
  for (const e of s.events) {
    const t = e.atMinute * 60;
    if (e.kind === 'enableFallbackBus') sched.schedule(t, PRIO_TIMELINE, EV_CP_FALLBACK);
    else if (e.kind === 'pauseMonitoring') sched.schedule(t, PRIO_TIMELINE, EV_CP_PAUSE);
    else if (e.kind === 'stopWatchdog') sched.schedule(t, PRIO_TIMELINE, EV_CP_WATCHDOG_OFF);
  }
}

/** The control-plane block's events: operator actions. */
export function applyControlPlaneEvent(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  kind: number,
  _arg: number,
  time: number,
): void {
  const cp = st.cp;
  if (kind === EV_CP_FALLBACK) {
    cp.fallbackBus = 1;
    log.add(
      'fallback-bus-on',
      time,
      'scenario',
      'info',
      'fallback bus on',
      'The orchestrator sends its notifications over the fallback bus: it no longer waits for messaging.',
    );
  } else if (kind === EV_CP_PAUSE) {
    cp.paused = 1;
    log.add(
      'monitoring-paused',
      time,
      'scenario',
      'info',
      'monitoring paused',
      'Global maintenance on monitoring: no more redeploy or upscale actions.',
    );
  } else if (kind === EV_CP_WATCHDOG_OFF) {
    cp.watchdog = 0;
    log.add(
      'watchdog-stopped',
      time,
      'scenario',
      'info',
      'watchdog stopped',
      'The watchdog is stopped: crashed VMs wait for monitoring to call them unreachable.',
    );
  }
}
