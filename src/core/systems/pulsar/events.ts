// Broker-cluster scenario events: a rolling upgrade, a rollback, operator actions (proxies,
// stop all / start one / start the rest, shed lookups) and stalls, scheduled at their minutes
// and applied to the aggregate broker state of system.ts at step boundaries.

import type { Scenario } from '../../../scenario/index.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { EV, PRIO_REACTION, PRIO_TIMELINE } from '../../event-kinds.ts';
import { LM_EXTENSIBLE, LM_MODULAR } from './state.ts';
import { clearQueue, countUp, ownershipBroken, startBroker, stopBroker, unload } from './brokers.ts';

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

/** Applies one broker event; returns false when the kind is not this system's. */
const OPERATOR_NAMES: Record<number, string> = {
  [EV_P_ROLLBACK]: 'roll back',
  [EV_P_PROXIES_DOWN]: 'shut down proxies',
  [EV_P_STOP_ALL]: 'stop all brokers',
  [EV_P_START_ONE]: 'start one broker',
  [EV_P_START_REST]: 'start the other brokers',
  [EV_P_SHED]: 'shed lookups',
};
const OPERATOR_ACTIONS: ReadonlySet<number> = new Set(Object.keys(OPERATOR_NAMES).map(Number));

function clusterHealthy(st: SimState): boolean {
  const p = st.pulsar;
  return p.proxiesUp === 1 && countUp(p) === p.B && !ownershipBroken(p) && st.pulsarAvailability >= 0.95;
}

/** A rolling restart: broker i stops at time + i * step and starts again (as `startKind`) after the restart time. */
function rollBrokers(st: SimState, sched: Scheduler, time: number, step: number, startKind: number): void {
  const p = st.pulsar,
    restart = st.scenario.messaging.brokerRestartSeconds;
  for (let i = 0; i < p.B; i++) {
    sched.schedule(time + i * step, PRIO_REACTION, EV_P_STOP, i, p.generation);
    sched.schedule(time + i * step + restart, PRIO_REACTION, startKind, i, p.generation);
  }
}

export function applyPulsarEvent(
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  kind: number,
  arg: number,
  time: number,
  arg2: number,
): void {
  const p = st.pulsar,
    m = st.scenario.messaging,
    B = p.B;
  const b = arg,
    gen = arg2;
  /** a rolling kind's seconds between brokers, from its scenario event (arg) */
  const rollStep = () => {
    const e = st.scenario.events[arg];
    return 'minutesPerBroker' in e ? e.minutesPerBroker * 60 : 0;
  };
  // operator actions answer an incident: on a healthy cluster (all up, topics loaded, nothing
  // stuck) they are skipped, so a preset's recovery steps do not cause an outage in a
  // counterfactual run (3.3.2, modular) where nothing went wrong
  if (OPERATOR_ACTIONS.has(kind) && clusterHealthy(st)) {
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
  switch (kind) {
    case EV_P_UPGRADE: {
      const step = rollStep();
      log.pulsar = log.add(
        'rolling-upgrade',
        time,
        'messaging',
        'info',
        'rolling upgrade',
        `Rolling upgrade of ${B} brokers to ${m.brokerVersion} with the ${m.loadManager} load manager and ${m.sheddingStrategy}, one every ${(step / 60).toFixed(1)} min.`,
      );
      rollBrokers(st, sched, time, step, EV_P_START_NEW);
      break;
    }
    case EV_P_ROLLBACK: {
      const step = rollStep();
      p.generation++;
      p.upgradeHalted = 0;
      log.pulsar = log.add(
        'rollback',
        time,
        'messaging',
        'info',
        'rollback',
        `Rolling the load manager back to modular, one broker every ${(step / 60).toFixed(1)} min.`,
        -1,
        log.pulsar,
      );
      rollBrokers(st, sched, time, step, EV_P_START_OLD);
      break;
    }
    case EV_P_START_REST: {
      const step = rollStep();
      let k = 0;
      for (let i = 0; i < B; i++)
        if (!p.up[i])
          sched.schedule(time + k++ * step + m.brokerRestartSeconds, PRIO_REACTION, EV_P_START_OLD, i, p.generation);
      log.add(
        'starting-brokers',
        time,
        'messaging',
        'info',
        'starting brokers',
        `Starting the ${k} stopped brokers one after the other.`,
        -1,
        log.pulsar,
      );
      break;
    }
    case EV_P_STOP:
      if (gen !== p.generation || (p.upgradeHalted && !p.up[b])) break;
      if (p.upgradeHalted) break;
      stopBroker(p, b);
      break;
    case EV_P_START_NEW: {
      if (gen !== p.generation || p.upgradeHalted) break;
      p.upgraded[b] = 1;
      const wantExt = m.loadManager === 'extensible';
      let mixed = false;
      for (let i = 0; i < B; i++)
        if (i !== b && p.up[i] && p.lm[i] !== (wantExt ? LM_EXTENSIBLE : LM_MODULAR)) mixed = true;
      p.lm[b] = wantExt ? LM_EXTENSIBLE : LM_MODULAR;
      if (wantExt && mixed) {
        // no rolling path to the extensible load manager: it fails to start beside modular brokers
        if (m.brokerVersion === '3.3.2') {
          p.upgradeHalted = 1;
          p.lm[b] = LM_MODULAR;
          log.pulsar = log.add(
            'broker-exits-upgrade-halted',
            time,
            'messaging',
            'warning',
            'broker exits, upgrade halted',
            `Broker ${b}: the extensible load manager failed to start; 3.3.2 shuts the broker down, so the rolling upgrade stops here and the others keep serving.`,
            -1,
            log.pulsar,
          );
          return; // stays down
        }
        const first = !ownershipBroken(p);
        startBroker(p, b);
        p.zombie[b] = 1;
        // the TransferShedder switch leaves its system topic behind, unassigned (seed 002)
        if (m.sheddingStrategy === 'TransferShedder') p.systemTopic = 1;
        if (first) {
          log.pulsar = log.add(
            'load-manager-fails-silently',
            time,
            'messaging',
            'critical',
            'load manager fails silently',
            `Broker ${b} (3.3.1): the extensible load manager failed to start but the broker stays up and looks healthy; lookups wait ${m.ownerWaitSeconds} s for a bundle owner and fail.`,
            -1,
            log.pulsar,
          );
        }
        return;
      }
      startBroker(p, b);
      break;
    }
    case EV_P_START_OLD: {
      if (gen !== p.generation) break;
      p.lm[b] = LM_MODULAR;
      p.zombie[b] = 0;
      startBroker(p, b);
      if (p.initBlocked[b]) {
        if (!p.stuckLogged) {
          p.stuckLogged = 1;
          log.add(
            'system-topic-stuck',
            time,
            'messaging',
            'warning',
            'system topic stuck',
            'Brokers restart modular, but their start waits for the system topic left by the switch, which brokers claiming it together cannot load: lookups keep failing.',
            -1,
            log.pulsar,
          );
        }
      }
      break;
    }
    case EV_P_STOP_ALL:
      for (let i = 0; i < B; i++) stopBroker(p, i);
      p.generation++;
      log.add(
        'all-brokers-stopped',
        time,
        'messaging',
        'info',
        'all brokers stopped',
        'All brokers stopped: every queue and loaded topic is gone.',
        -1,
        log.pulsar,
      );
      break;
    case EV_P_START_ONE: {
      // one broker started alone: with no peer to conflict with it can claim a stuck system topic
      // (pulsarSystem deletes it at the next step)
      p.lm[0] = LM_MODULAR;
      p.zombie[0] = 0;
      startBroker(p, 0);
      break;
    }
    case EV_P_PROXIES_DOWN:
      p.proxiesUp = 0;
      for (let i = 0; i < B; i++) {
        unload(p, i, 1);
        clearQueue(p, i);
      }
      log.add(
        'proxies-shut-down',
        time,
        'messaging',
        'info',
        'proxies shut down',
        'Proxies shut down: every client connection drops and pending lookups are shed; clients back off.',
        -1,
        log.pulsar,
      );
      break;
    case EV_P_PROXIES_UP:
      p.proxiesUp = 1;
      log.add(
        'proxies-started',
        time,
        'messaging',
        'info',
        'proxies started',
        'Proxies started: clients reconnect at their next retry.',
        -1,
        log.pulsar,
      );
      break;
    case EV_P_STALL_START:
      p.stall = 1;
      for (let i = 0; i < B; i++) unload(p, i, 1);
      log.pulsar = log.add(
        'lookup-stall',
        time,
        'messaging',
        'critical',
        'lookup stall',
        `Bundle ownership stuck: every topic must be looked up again and every lookup waits ${m.ownerWaitSeconds} s, then fails.`,
        -1,
        log.pulsar,
      );
      break;
    case EV_P_STALL_END:
      p.stall = 0;
      log.add(
        'stall-over',
        time,
        'messaging',
        'info',
        'stall over',
        'Ownership can be settled again: the trigger is gone.',
        -1,
        log.pulsar,
      );
      break;
    case EV_P_SLOW_START: {
      const e = st.scenario.events[arg],
        percent = 'capacityPercent' in e ? e.capacityPercent : 100;
      p.capacity = percent / 100;
      p.everDisturbed = 1;
      log.pulsar = log.add(
        'brokers-slow-down',
        time,
        'messaging',
        'warning',
        'brokers slow down',
        `Every broker gets through ${percent.toFixed(0)}% of its work (a GC pause, a slow bookie, CPU starvation): requests queue; past the ${m.operationTimeoutSeconds} s operation timeout clients give up and look their topics up again.`,
        -1,
        log.pulsar,
      );
      break;
    }
    case EV_P_SLOW_END:
      p.capacity = 1;
      log.add(
        'slowdown-over',
        time,
        'messaging',
        'info',
        'slowdown over',
        'Brokers run at full capacity again: the trigger is gone.',
        -1,
        log.pulsar,
      );
      break;
    case EV_P_SHED:
      for (let i = 0; i < B; i++) clearQueue(p, i);
      for (let i = 0; i < p.inflight.length; i++) {
        p.waiting[p.levels - 1] += p.inflight[i];
        p.inflight[i] = 0;
      }
      log.add(
        'lookups-shed',
        time,
        'messaging',
        'info',
        'lookups shed',
        'Every pending lookup is shed at once: queues start empty.',
        -1,
        log.pulsar,
      );
      break;
  }
}
