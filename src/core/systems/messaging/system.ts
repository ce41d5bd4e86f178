// Messaging availability: a scripted outage (scenario events, for simple lessons) or what the
// broker model (pulsar/system.ts) gives: the share of producers whose topic is loaded. Minutes with
// less than half of them loaded count as unavailable.

import type { Scenario } from '../../../scenario/index.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { EV, PRIO_TIMELINE } from '../../event-kinds.ts';
import { MESSAGING_DOWN_BELOW } from '../../settings.ts';

export const EV_OUTAGE_START = EV.outageStart,
  EV_OUTAGE_END = EV.outageEnd;

/** A scripted outage's start and end (arg: the index of the scenario event). */
export function scheduleMessagingEvents(s: Scenario, sched: Scheduler): void {
  s.events.forEach((e, i) => {
    if (e.kind === 'messagingOutage') {
      sched.schedule(e.atMinute * 60, PRIO_TIMELINE, EV_OUTAGE_START, i);
      sched.schedule((e.atMinute + e.durationMinutes) * 60, PRIO_TIMELINE, EV_OUTAGE_END, i);
    }
  });
}

/** The messaging block's events. */
export function applyMessagingEvent(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  kind: number,
  arg: number,
  time: number,
): void {
  if (kind === EV_OUTAGE_START) {
    const e = st.scenario.events[arg];
    outageStart(st, log, time, e.kind === 'messagingOutage' ? e.durationMinutes : 0);
  } else if (kind === EV_OUTAGE_END) outageEnd(st, log, time);
}

export function outageStart(st: SimState, log: EventLog, time: number, minutes: number): void {
  st.messagingDown++;
  const id = log.add(
    'messaging-outage',
    time,
    'messaging',
    'critical',
    'messaging outage',
    `Messaging unavailable for ${minutes} min: producers are refused, agents retry with backoff.`,
  );
  if (log.outage < 0) {
    log.outage = id;
    log.backlog = -1;
  }
}

export function outageEnd(st: SimState, log: EventLog, time: number): void {
  st.messagingDown--;
  if (st.messagingDown === 0) {
    log.add(
      'messaging-back',
      time,
      'messaging',
      'info',
      'messaging back',
      'Messaging available again: agents reconnect at their next retry and drain their backlogs.',
      -1,
      log.outage,
    );
    log.outage = -1;
  }
}

/** Availability: a scripted outage refuses everyone; otherwise the broker model's share of loaded topics. */
export function messagingSystem(st: SimState): void {
  st.availability = st.messagingDown > 0 ? 0 : st.pulsarAvailability;
  if (st.availability < MESSAGING_DOWN_BELOW) st.unavailableSteps++;
  // what the brokers up can take this step: the ceiling of a fleet-wide catch-up
  // what the brokers up can take this step for this fleet: the cluster serves every region, whose
  // agents all replay their backlogs at once after an outage, so the fleet gets its production's
  // share of the platform's ingest, production / normal load (physics/recovery.ts): a backlog
  // built over T drains in T u / (1 - u); never more than the brokers up take
  const p = st.pulsar,
    m = st.scenario.messaging;
  let brokersUp = 0;
  for (let b = 0; b < p.B; b++) brokersUp += p.up[b];
  const cluster = brokersUp * m.brokerIngestEventsPerSecond * st.dt,
    share = p.B > 0 ? ((brokersUp / p.B) * st.stepProduced) / (m.normalLoadPercent / 100) : cluster;
  st.ingestPerStep = share < cluster ? share : cluster;
}
