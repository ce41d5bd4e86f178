// Broker-cluster scenario events: a rolling upgrade, a rollback, operator actions (proxies,
// stop all / start one / start the rest, shed lookups) and stalls, scheduled at their minutes
// and applied to the aggregate broker state of system.ts at step boundaries: each kind of the
// pulsar block of event-kinds.ts by its handler (rolling.ts, operator.ts).

import type { Scenario } from '../../../scenario/index.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { EV, PRIO_TIMELINE } from '../../event-kinds.ts';
import { MESSAGING_BACK_AT } from '../../settings.ts';
import { countUp, ownershipBroken } from './brokers.ts';
import { brokerStartNew, brokerStartOld, brokerStop, rollback, rollingUpgrade, startRestOfBrokers } from './rolling.ts';
import {
  proxiesDown,
  proxiesUp,
  shedLookups,
  slowdownEnd,
  slowdownStart,
  stallEnd,
  stallStart,
  startOneBroker,
  stopAllBrokers,
} from './operator.ts';

// Scheduler event kinds of this system (event-kinds.ts).
export const EV_P_STOP = EV.brokerStop,
  EV_P_START_NEW = EV.brokerStartNew,
  EV_P_START_OLD = EV.brokerStartOld,
  EV_P_PROXIES_DOWN = EV.proxiesDown,
  EV_P_PROXIES_UP = EV.proxiesUp,
  EV_P_STOP_ALL = EV.stopAllBrokers,
  EV_P_START_ONE = EV.startOneBroker,
  EV_P_STALL_START = EV.stallStart,
  EV_P_STALL_END = EV.stallEnd,
  EV_P_SHED = EV.shedLookups,
  EV_P_UPGRADE = EV.rollingUpgrade,
  EV_P_ROLLBACK = EV.rollback,
  EV_P_START_REST = EV.startRestOfBrokers,
  EV_P_SLOW_START = EV.slowdownStart,
  EV_P_SLOW_END = EV.slowdownEnd;

export function schedulePulsarEvents(s: Scenario, sched: Scheduler): void {
  s.events.forEach((e, i) => {
    const t = e.atMinute * 60;
    switch (e.kind) {
      case 'rollingUpgrade':
        sched.schedule(t, PRIO_TIMELINE, EV_P_UPGRADE, i);
        break;
      case 'rollback':
        sched.schedule(t, PRIO_TIMELINE, EV_P_ROLLBACK, i);
        break;
      case 'startAllBrokers':
        sched.schedule(t, PRIO_TIMELINE, EV_P_START_REST, i);
        break;
      case 'stopProxies':
        sched.schedule(t, PRIO_TIMELINE, EV_P_PROXIES_DOWN);
        break;
      case 'startProxies':
        sched.schedule(t, PRIO_TIMELINE, EV_P_PROXIES_UP);
        break;
      case 'stopAllBrokers':
        sched.schedule(t, PRIO_TIMELINE, EV_P_STOP_ALL);
        break;
      case 'startOneBroker':
        sched.schedule(t, PRIO_TIMELINE, EV_P_START_ONE);
        break;
      case 'brokerSlowdown':
        sched.schedule(t, PRIO_TIMELINE, EV_P_SLOW_START, i);
        sched.schedule(t + e.durationSeconds, PRIO_TIMELINE, EV_P_SLOW_END);
        break;
      case 'shedLookups':
        sched.schedule(t, PRIO_TIMELINE, EV_P_SHED);
        break;
      case 'lookupStall':
        sched.schedule(t, PRIO_TIMELINE, EV_P_STALL_START);
        sched.schedule(t + e.durationMinutes * 60, PRIO_TIMELINE, EV_P_STALL_END);
        break;
      default:
        break;
    }
  });
}

/** How a broker event is applied (arg, arg2: what the kind's entry in event-kinds.ts says). */
type PulsarEventHandler = (
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  arg: number,
  time: number,
  arg2: number,
) => void;

const HANDLERS: Record<number, PulsarEventHandler> = {
  [EV_P_UPGRADE]: rollingUpgrade,
  [EV_P_ROLLBACK]: rollback,
  [EV_P_START_REST]: startRestOfBrokers,
  [EV_P_STOP]: brokerStop,
  [EV_P_START_NEW]: brokerStartNew,
  [EV_P_START_OLD]: brokerStartOld,
  [EV_P_STOP_ALL]: stopAllBrokers,
  [EV_P_START_ONE]: startOneBroker,
  [EV_P_PROXIES_DOWN]: proxiesDown,
  [EV_P_PROXIES_UP]: proxiesUp,
  [EV_P_STALL_START]: stallStart,
  [EV_P_STALL_END]: stallEnd,
  [EV_P_SLOW_START]: slowdownStart,
  [EV_P_SLOW_END]: slowdownEnd,
  [EV_P_SHED]: shedLookups,
};

/** Operator actions, by what the log calls them. */
const OPERATOR_NAMES: Record<number, string> = {
  [EV_P_ROLLBACK]: 'roll back',
  [EV_P_PROXIES_DOWN]: 'shut down proxies',
  [EV_P_STOP_ALL]: 'stop all brokers',
  [EV_P_START_ONE]: 'start one broker',
  [EV_P_START_REST]: 'start the other brokers',
  [EV_P_SHED]: 'shed lookups',
};

function clusterHealthy(st: SimState): boolean {
  const p = st.pulsar;
  return p.proxiesUp === 1 && countUp(p) === p.B && !ownershipBroken(p) && st.pulsarAvailability >= MESSAGING_BACK_AT;
}

/** Applies one broker event by its handler. */
export function applyPulsarEvent(
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  kind: number,
  arg: number,
  time: number,
  arg2: number,
): void {
  // operator actions answer an incident: on a healthy cluster (all up, topics loaded, nothing
  // stuck) they are skipped, so a preset's recovery steps do not cause an outage in a
  // counterfactual run (3.3.2, modular) where nothing went wrong
  if (kind in OPERATOR_NAMES && clusterHealthy(st)) {
    log.add(
      'operator-action-skipped',
      time,
      'messaging',
      'info',
      'operator action skipped',
      `Operator action "${OPERATOR_NAMES[kind]}" skipped: the cluster is healthy, there is nothing to recover.`,
      -1,
      log.pulsar,
    );
    return;
  }
  HANDLERS[kind]?.(st, log, sched, arg, time, arg2);
}
