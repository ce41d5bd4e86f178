// Rolling broker restarts (events.ts dispatches them): an upgrade, a rollback to the modular load
// manager, starting the brokers still stopped, and each broker's stop and start. A rollback bumps
// the cluster's generation, which cancels the steps of a roll still scheduled.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { EV, PRIO_REACTION } from '../../event-kinds.ts';
import { LM_EXTENSIBLE, LM_MODULAR } from './state.ts';
import { ownershipBroken, startBroker, stopBroker } from './brokers.ts';

/** A rolling kind's seconds between brokers, from its scenario event (the event's index). */
function rollStep(st: SimState, index: number): number {
  const e = st.scenario.events[index];
  return 'minutesPerBroker' in e ? e.minutesPerBroker * 60 : 0;
}

/** A rolling restart: broker i stops at time + i * step and starts again (as `startKind`) after the restart time. */
function rollBrokers(st: SimState, sched: Scheduler, time: number, step: number, startKind: number): void {
  const p = st.pulsar,
    restart = st.scenario.messaging.brokerRestartSeconds;
  for (let i = 0; i < p.B; i++) {
    sched.schedule(time + i * step, PRIO_REACTION, EV.brokerStop, i, p.generation);
    sched.schedule(time + i * step + restart, PRIO_REACTION, startKind, i, p.generation);
  }
}

/** The scenario's rolling upgrade (arg: its event): every broker restarts on the new version and load manager. */
export function rollingUpgrade(st: SimState, log: EventLog, sched: Scheduler, arg: number, time: number): void {
  const m = st.scenario.messaging,
    step = rollStep(st, arg);
  log.pulsar = log.add(
    'rolling-upgrade',
    time,
    'messaging',
    'info',
    'rolling upgrade',
    `Rolling upgrade of ${st.pulsar.B} brokers to ${m.brokerVersion} with the ${m.loadManager} load manager and ${m.sheddingStrategy}, one every ${(step / 60).toFixed(1)} min.`,
  );
  rollBrokers(st, sched, time, step, EV.brokerStartNew);
}

/** The operator rolls the load manager back to modular (arg: its event); the upgrade's remaining steps are cancelled. */
export function rollback(st: SimState, log: EventLog, sched: Scheduler, arg: number, time: number): void {
  const p = st.pulsar,
    step = rollStep(st, arg);
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
  rollBrokers(st, sched, time, step, EV.brokerStartOld);
}

/** The operator starts the stopped brokers one after the other (arg: its event). */
export function startRestOfBrokers(st: SimState, log: EventLog, sched: Scheduler, arg: number, time: number): void {
  const p = st.pulsar,
    step = rollStep(st, arg),
    restart = st.scenario.messaging.brokerRestartSeconds;
  let k = 0;
  for (let i = 0; i < p.B; i++)
    if (!p.up[i]) sched.schedule(time + k++ * step + restart, PRIO_REACTION, EV.brokerStartOld, i, p.generation);
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
}

/** A roll stops broker b (arg2: the generation it was scheduled in), unless cancelled or halted. */
export function brokerStop(
  st: SimState,
  _log: EventLog,
  _sched: Scheduler,
  b: number,
  _time: number,
  gen: number,
): void {
  const p = st.pulsar;
  if (gen !== p.generation || p.upgradeHalted) return;
  stopBroker(p, b);
}

/**
 * An upgrade starts broker b on the new version and load manager. The extensible load manager
 * has no rolling path from modular: beside a modular broker it fails to start, and 3.3.2 shuts
 * the broker down (the upgrade halts) while 3.3.1 stays up, serving nothing (a zombie).
 */
export function brokerStartNew(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  b: number,
  time: number,
  gen: number,
): void {
  const p = st.pulsar,
    m = st.scenario.messaging;
  if (gen !== p.generation || p.upgradeHalted) return;
  p.upgraded[b] = 1;
  const wantExt = m.loadManager === 'extensible';
  let mixed = false;
  for (let i = 0; i < p.B; i++)
    if (i !== b && p.up[i] && p.lm[i] !== (wantExt ? LM_EXTENSIBLE : LM_MODULAR)) mixed = true;
  p.lm[b] = wantExt ? LM_EXTENSIBLE : LM_MODULAR;
  if (!(wantExt && mixed)) {
    startBroker(p, b);
    return;
  }
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
  if (!first) return;
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

/** A rollback (or the operator) starts broker b modular; its start may wait for the stuck system topic. */
export function brokerStartOld(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  b: number,
  time: number,
  gen: number,
): void {
  const p = st.pulsar;
  if (gen !== p.generation) return;
  p.lm[b] = LM_MODULAR;
  p.zombie[b] = 0;
  startBroker(p, b);
  if (!p.initBlocked[b] || p.stuckLogged) return;
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
