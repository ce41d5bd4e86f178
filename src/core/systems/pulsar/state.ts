// The broker model's part of the state (system.ts): the cluster in aggregate (brokers, their
// lookup queues as rings of cohorts by admission tick, clients by backoff level and the tick they
// retry, and by the tick their lookup was admitted) and the availability it gives messaging.

import type { Scenario } from '../../../scenario/index.ts';
import { TOPIC_LOAD_TIMEOUT_SECONDS } from '../../settings.ts';

/** The tick of the broker model, seconds: each step is cut into whole ticks of at most this (numerics, not a claim). */
export const TICK_SECONDS = 1;

/** A broker's load manager. */
export const LM_MODULAR = 0,
  LM_EXTENSIBLE = 1;

export type PulsarCluster = ReturnType<typeof createPulsarCluster>;
export type PulsarState = ReturnType<typeof createPulsarState>;

export function createPulsarState(s: Scenario) {
  return {
    /** the broker cluster in aggregate */
    pulsar: createPulsarCluster(s),
    /** availability from the broker model (1 when nothing ever disturbed it) */
    pulsarAvailability: 1,
  };
}

function createPulsarCluster(s: Scenario) {
  const m = s.messaging,
    dt = s.stepSeconds,
    B = m.brokers;
  // backoff levels: initial x 2^k, capped
  const delays: number[] = [];
  for (let d = m.clientBackoffInitialSeconds; ; d *= 2) {
    if (d >= m.clientBackoffMaxSeconds || delays.length >= 40) {
      delays.push(m.clientBackoffMaxSeconds);
      break;
    }
    delays.push(d);
  }
  // the model runs in ticks of h seconds whatever the step, so it converges in the step
  const ticks = Math.max(1, Math.ceil(dt / TICK_SECONDS - 1e-9));
  const h = dt / ticks;
  const serviceRate = m.maxConcurrentTopicLoadRequest / m.topicLoadSeconds; // lookups/s per broker
  const timeoutSteps = Math.max(1, Math.round(m.operationTimeoutSeconds / h));
  // a load answered this many ticks after its request still leaves its topic loaded (settings.ts)
  const loadTimeoutSteps = Math.max(timeoutSteps, Math.round(TOPIC_LOAD_TIMEOUT_SECONDS / h));
  const queueSeconds = m.maxConcurrentLookupRequest / serviceRate + m.ownerWaitSeconds + m.operationTimeoutSeconds;
  const ringLen = Math.min(8192, Math.max(loadTimeoutSteps, Math.ceil(queueSeconds / h)) + 4);
  const ownerWaitSteps = Math.max(1, Math.round(m.ownerWaitSeconds / h));
  const retryLen = Math.ceil(delays[delays.length - 1] / h) + 3;
  const loaded = new Float64Array(B).fill(m.clients / B);
  return {
    B,
    clients: m.clients,
    serviceRate,
    /** ticks per step, the tick in seconds, ticks run so far */
    ticks,
    h,
    tick: 0,
    /** the backoff delay after k failures (s) */
    delays: Float64Array.from(delays),
    levels: delays.length,
    retryLen,
    /** clients due to retry, by backoff level (failures so far) and tick: [level * retryLen + tick % retryLen] */
    retry: new Float64Array(delays.length * retryLen),
    /** a broker's usage with an even share of the topics (messaging.normalLoadPercent) */
    normalLoad: m.normalLoadPercent / 100,
    ringLen,
    timeoutSteps,
    loadTimeoutSteps,
    ownerWaitSteps,
    cap: m.maxConcurrentLookupRequest,
    // per broker
    up: new Uint8Array(B).fill(1),
    lm: new Uint8Array(B).fill(LM_MODULAR),
    upgraded: new Uint8Array(B),
    zombie: new Uint8Array(B), // up, but its load manager failed to start: serves no lookup (3.3.1)
    initBlocked: new Uint8Array(B), // up, its start waiting for the stuck system topic
    bundleShare: new Float64Array(B).fill(1 / B), // share of the bundles each broker owns
    unownedShare: 0, // bundles of stopped brokers with no broker up to take them
    loaded,
    /** topics loaded on each broker by an answer that came after their client gave up: its next attempt finds them */
    warm: new Float64Array(B),
    warmTotal: 0,
    pending: new Float64Array(B),
    ring: new Float64Array(B * ringLen), // lookups admitted at step s sit at [b * ringLen + s % ringLen]
    staleOld: new Float64Array(B), // lookups older than the ring, still queued (every answer stale)
    ringBad: new Float64Array(B * ringLen), // the part of each cohort whose bundle owner does not serve: fails after the owner wait
    workSeconds: new Float64Array(B), // seconds of produce/consume work queued on each broker (beyond its capacity)
    capacity: 1, // share of its work a broker gets through (a brokerSlowdown lowers it)
    slowdownTimedOut: 0, // clients sent back to lookups by slowdowns (counted)
    head: new Float64Array(B), // oldest step that may still hold lookups
    // clients
    inflight: new Float64Array(timeoutSteps + 1), // clients waiting on an admitted lookup, by admission step
    inflightTotal: 0,
    waitingTotal: 0,
    proxiesUp: 1,
    /** the stuck system topic has been reported (once per conflict) */
    stuckLogged: 0,
    systemTopic: 0, // 1: the system topic left by the switch exists, unassigned (seed 002)
    stall: 0,
    generation: 0, // a rollback cancels the upgrade steps still scheduled
    upgradeHalted: 0,
    nextShed: m.sheddingIntervalSeconds,
    everDisturbed: 0,
    // per step, for the recorder and tests
    stepAdmitted: 0,
    stepRejected: 0,
    stepLoadedNew: 0,
    pendingTotal: 0,
    loadedTotal: m.clients,
    peakPending: 0,
    downSince: -1,
    downEvent: -1,
  };
}

export const PULSAR_DOUBLES = ['pulsarAvailability'] as const;
/** Number fields of the cluster that hold doubles during a run. */
export const CLUSTER_DOUBLES = [
  'inflightTotal',
  'waitingTotal',
  'warmTotal',
  'stepAdmitted',
  'stepRejected',
  'stepLoadedNew',
  'pendingTotal',
  'loadedTotal',
  'peakPending',
] as const;
