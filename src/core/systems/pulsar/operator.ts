// The broker cluster's operator actions and triggers (events.ts dispatches them): stopping every
// broker and starting one alone, the proxies down and up, a metadata stall, a slowdown, shedding
// every pending lookup.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import { LM_MODULAR } from './state.ts';
import { clearQueue, startBroker, stopBroker, unload, unloadWarm } from './brokers.ts';
import { scheduleRetry } from './retries.ts';

export function stopAllBrokers(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  const p = st.pulsar;
  for (let i = 0; i < p.B; i++) stopBroker(p, i);
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
}

/** One broker started alone: with no peer to conflict with it can claim a stuck system topic (the next step deletes it). */
export function startOneBroker(st: SimState): void {
  const p = st.pulsar;
  p.lm[0] = LM_MODULAR;
  p.zombie[0] = 0;
  startBroker(p, 0);
}

export function proxiesDown(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  const p = st.pulsar;
  p.proxiesUp = 0;
  for (let i = 0; i < p.B; i++) {
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
}

export function proxiesUp(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  st.pulsar.proxiesUp = 1;
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
}

/** Bundle ownership sticks (the metadata store stalls): every topic is looked up again, and every lookup fails. */
export function stallStart(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  const p = st.pulsar;
  p.stall = 1;
  for (let i = 0; i < p.B; i++) {
    unload(p, i, 1);
    unloadWarm(p, i, 1); // ownership is lost: every topic must be looked up again
  }
  log.pulsar = log.add(
    'lookup-stall',
    time,
    'messaging',
    'critical',
    'lookup stall',
    `Bundle ownership stuck: every topic must be looked up again and every lookup waits ${st.scenario.messaging.ownerWaitSeconds} s, then fails.`,
    -1,
    log.pulsar,
  );
}

export function stallEnd(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  st.pulsar.stall = 0;
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
}

/** Every broker gets through the scenario event's share of its work (arg: the event). */
export function slowdownStart(st: SimState, log: EventLog, _sched: Scheduler, arg: number, time: number): void {
  const p = st.pulsar,
    e = st.scenario.events[arg],
    percent = 'capacityPercent' in e ? e.capacityPercent : 100;
  p.capacity = percent / 100;
  p.everDisturbed = 1;
  log.pulsar = log.add(
    'brokers-slow-down',
    time,
    'messaging',
    'warning',
    'brokers slow down',
    `Every broker gets through ${percent.toFixed(0)}% of its work (a GC pause, a slow bookie, CPU starvation): requests queue; past the ${st.scenario.messaging.operationTimeoutSeconds} s operation timeout clients give up and look their topics up again.`,
    -1,
    log.pulsar,
  );
}

export function slowdownEnd(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  st.pulsar.capacity = 1;
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
}

/** Every pending lookup is shed at once; the clients waiting on them back off at the cap. */
export function shedLookups(st: SimState, log: EventLog, _sched: Scheduler, _arg: number, time: number): void {
  const p = st.pulsar;
  for (let i = 0; i < p.B; i++) clearQueue(p, i);
  for (let i = 0; i < p.inflight.length; i++) {
    scheduleRetry(p, p.levels - 1, p.inflight[i], p.tick);
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
}
