// Apache Pulsar, in aggregate: brokers behind proxies, client topics that need a lookup after
// their bundle moved, lookups queued per broker under maxConcurrentLookupRequest, and clients
// retrying with exponential backoff and an operation timeout. Messaging availability is the
// share of client topics that are loaded (connected); it is not scripted.
//
// Per broker, a FIFO of lookup cohorts keyed by the step they were admitted. A healthy broker
// answers `topic loads at once / topic load time` lookups per second, oldest first; an answer to
// a lookup older than the client's operation timeout is wasted (the client gave up and retried;
// its old lookup kept the slot). While bundle ownership cannot be settled (an extensible load
// manager that failed to start, a stuck system topic, a stall), every lookup holds its slot for
// the owner wait and then fails: pending = arrival rate x owner wait (Little's law) below the cap.
//
// Metastability: once a queue holds more than `service rate x operation timeout` lookups, every
// answer is stale, nothing loads, every client keeps retrying, and the queue stays full even
// after the trigger is gone, as long as the retries offered exceed the service rate. Shedding
// the queue (shedLookups, stopping the proxies, restarting brokers) ends it.
//
// Client counts are float64 aggregates: the system costs O(brokers + backoff levels) per step.
// Scenario events (upgrade, rollback, operator actions) are in pulsar-events.ts.

import type { Scenario } from '../../scenario/index.ts';
import type { SimState } from '../state.ts';
import type { EventLog } from '../observers/eventlog.ts';

export const LM_MODULAR = 0,
  LM_EXTENSIBLE = 1;
/** Overload shedder: a broker above this usage sheds (concepts-broker-load-balancing: 85%). */
const OVERLOAD_USAGE = 0.85;
/** Usage of a broker holding an even share of the topics (typical). */
const EVEN_SHARE_USAGE = 0.5;
/** Threshold shedder: a broker above the mean + 10 points of usage sheds (loadBalancerBrokerThresholdShedderPercentage = 10). */
const THRESHOLD_MARGIN = 0.1;

export type PulsarState = ReturnType<typeof createPulsarState>;

export function createPulsarState(s: Scenario) {
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
  const retryFrac = Float64Array.from(delays, (d) => Math.min(1, dt / d));
  const serviceRate = m.maxConcurrentTopicLoadRequest / m.topicLoadSeconds; // lookups/s per broker
  const ringLen = Math.min(
    4096,
    Math.ceil((m.maxConcurrentLookupRequest / serviceRate + m.ownerWaitSeconds + m.operationTimeoutSeconds) / dt) + 4,
  );
  const timeoutSteps = Math.max(1, Math.round(m.operationTimeoutSeconds / dt));
  const ownerWaitSteps = Math.max(1, Math.round(m.ownerWaitSeconds / dt));
  const loaded = new Float64Array(B).fill(m.clients / B);
  return {
    B,
    clients: m.clients,
    serviceRate,
    retryFrac,
    levels: delays.length,
    ringLen,
    timeoutSteps,
    ownerWaitSteps,
    cap: m.maxConcurrentLookupRequest,
    // per broker
    up: new Uint8Array(B).fill(1),
    lm: new Uint8Array(B).fill(LM_MODULAR),
    upgraded: new Uint8Array(B),
    zombie: new Uint8Array(B), // up, but its load manager failed to start: fails every lookup (3.3.1)
    loaded,
    pending: new Float64Array(B),
    ring: new Float64Array(B * ringLen), // lookups admitted at step s sit at [b * ringLen + s % ringLen]
    head: new Float64Array(B), // oldest step that may still hold lookups
    // clients
    waiting: new Float64Array(delays.length), // by backoff level
    inflight: new Float64Array(timeoutSteps + 1), // clients waiting on an admitted lookup, by admission step
    inflightTotal: 0,
    waitingTotal: 0,
    proxiesUp: 1,
    /** the stuck system topic has been reported (once per conflict) */
    stuckLogged: 0,
    metadataConflict: 0, // a system topic no broker can load while others run (seed 002)
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

export function ownershipBroken(p: PulsarState): boolean {
  if (p.metadataConflict || p.stall) return true;
  for (let b = 0; b < p.B; b++) if (p.up[b] && p.zombie[b]) return true;
  return false;
}

/** Clients of topics that just lost their broker look up again at once (first backoff level). */
export function unload(p: PulsarState, b: number, share: number): void {
  const n = p.loaded[b] * share;
  if (n <= 0) return;
  p.loaded[b] -= n;
  p.waiting[0] += n;
  p.everDisturbed = 1;
}

export function clearQueue(p: PulsarState, b: number): void {
  const base = b * p.ringLen;
  for (let i = 0; i < p.ringLen; i++) p.ring[base + i] = 0;
  p.pending[b] = 0;
}

export function countUp(p: PulsarState): number {
  let n = 0;
  for (let b = 0; b < p.B; b++) n += p.up[b];
  return n;
}

export function stopBroker(p: PulsarState, b: number): void {
  if (!p.up[b]) return;
  unload(p, b, 1);
  clearQueue(p, b);
  p.up[b] = 0;
  p.zombie[b] = 0;
}

/** One step of clients, proxies and brokers. Writes st.pulsarAvailability. */
export function pulsarSystem(st: SimState, log: EventLog): void {
  const p = st.pulsar,
    dt = st.dt,
    B = p.B,
    L = p.ringLen;
  const step = st.step;
  p.stepAdmitted = 0;
  p.stepRejected = 0;
  p.stepLoadedNew = 0;
  if (!p.everDisturbed) {
    st.pulsarAvailability = 1;
    return;
  }
  const K = p.levels,
    top = K - 1,
    waiting = p.waiting,
    inflight = p.inflight,
    ring = p.ring,
    cap = p.cap;
  const broken = ownershipBroken(p);
  let upCount = 0;
  for (let b = 0; b < B; b++) upCount += p.up[b];
  const slotNow = step % inflight.length;

  // 1. clients whose lookup has been out for the operation timeout give up: back off at the cap
  const expired = inflight[slotNow];
  if (expired > 0) {
    waiting[top] += expired;
    inflight[slotNow] = 0;
  }

  // 2. retries due this step, level by level; failures climb one level
  let attempts = 0;
  const reachable = p.proxiesUp && upCount > 0;
  let tried = 0;
  for (let k = top; k >= 0; k--) tried += waiting[k] * p.retryFrac[k];
  // share of attempts admitted (attempts spread evenly over brokers; a full broker refuses)
  const perBroker = upCount > 0 ? tried / upCount : 0;
  let admittedTotal = 0;
  if (reachable) {
    for (let b = 0; b < B; b++) {
      if (!p.up[b]) continue;
      const room = cap - p.pending[b];
      const a = perBroker < room ? perBroker : room > 0 ? room : 0;
      if (a > 0) {
        ring[b * L + (step % L)] += a;
        p.pending[b] += a;
        admittedTotal += a;
      }
    }
  }
  const admitShare = tried > 0 ? admittedTotal / tried : 0;
  for (let k = top; k >= 0; k--) {
    const go = waiting[k] * p.retryFrac[k];
    if (go <= 0) continue;
    waiting[k] -= go;
    attempts += go;
    const rejected = go * (1 - admitShare);
    waiting[k < top ? k + 1 : top] += rejected;
  }
  inflight[slotNow] += admittedTotal;
  p.stepAdmitted = admittedTotal;
  p.stepRejected = attempts - admittedTotal;

  // 3. brokers answer
  const servePerStep = p.serviceRate * dt;
  const T = p.timeoutSteps,
    W = p.ownerWaitSteps;
  let pendingTotal = 0;
  for (let b = 0; b < B; b++) {
    if (!p.up[b]) continue;
    const base = b * L;
    let h = p.head[b];
    if (h < step - L + 1) {
      // cohorts older than the ring: abandoned
      for (let s = h; s < step - L + 1; s++) {
        p.pending[b] -= ring[base + (s % L)];
        ring[base + (s % L)] = 0;
      }
      h = step - L + 1;
    }
    if (broken || p.zombie[b]) {
      // every lookup holds its slot for the owner wait, then fails
      for (; h <= step - W; h++) {
        const i = base + (h % L),
          n = ring[i];
        if (n <= 0) continue;
        ring[i] = 0;
        p.pending[b] -= n;
        if (step - h < T) {
          // the client still waits: it hears the failure now
          const c = inflight[h % inflight.length];
          const back = n < c ? n : c;
          inflight[h % inflight.length] = c - back;
          waiting[top] += back;
        }
      }
    } else {
      let budget = servePerStep;
      for (; h <= step && budget > 0; h++) {
        const i = base + (h % L),
          n = ring[i];
        if (n <= 0) continue;
        const x = n < budget ? n : budget;
        ring[i] = n - x;
        p.pending[b] -= x;
        budget -= x;
        if (step - h < T) {
          // answered in time: the topic loads on this broker
          const j = h % inflight.length,
            c = inflight[j];
          const ok = x < c ? x : c;
          inflight[j] = c - ok;
          p.loaded[b] += ok;
          p.stepLoadedNew += ok;
        }
        if (ring[i] > 0) break;
      }
    }
    if (p.pending[b] < 1e-9) p.pending[b] = 0;
    p.head[b] = h;
    pendingTotal += p.pending[b];
  }

  // 4. load shedding every interval: bundles move off the busiest brokers (under broken ownership they never load again)
  if (st.t >= p.nextShed) {
    p.nextShed += st.scenario.messaging.sheddingIntervalSeconds;
    shed(st, p, upCount);
  }

  let loaded = 0,
    wait = 0,
    fl = 0;
  for (let b = 0; b < B; b++) loaded += p.loaded[b];
  for (let k = 0; k < K; k++) wait += waiting[k];
  for (let i = 0; i < inflight.length; i++) fl += inflight[i];
  p.loadedTotal = loaded;
  p.waitingTotal = wait;
  p.inflightTotal = fl;
  p.pendingTotal = pendingTotal;
  if (pendingTotal > p.peakPending) p.peakPending = pendingTotal;
  const notLoaded = wait + fl;
  let a = p.proxiesUp ? 1 - notLoaded / p.clients : 0;
  if (a < 0) a = 0;
  if (notLoaded < 0.5) a = 1; // every client topic loaded again
  st.pulsarAvailability = a;

  // the log: messaging down (availability below half) and back
  if (a < 0.5 && p.downEvent < 0) {
    p.downEvent = log.add(
      st.t,
      'messaging',
      'critical',
      'messaging down',
      `Only ${(a * 100).toFixed(0)}% of client topics are loaded; ${Math.round(pendingTotal)} lookups pending, ${Math.round(p.stepRejected / dt)} refused per second (TooManyRequests).`,
      -1,
      log.pulsar,
    );
    log.outage = p.downEvent;
    log.backlog = -1;
  } else if (a >= 0.95 && p.downEvent >= 0) {
    log.add(
      st.t,
      'messaging',
      'info',
      'messaging back',
      `${(a * 100).toFixed(0)}% of client topics loaded again: agents reconnect and drain their backlogs.`,
      -1,
      p.downEvent,
    );
    p.downEvent = -1;
    log.outage = -1;
  }
}

function shed(st: SimState, p: PulsarState, upCount: number): void {
  if (upCount < 2 || !p.proxiesUp) return;
  const strategy = st.scenario.messaging.sheddingStrategy;
  const even = p.clients / p.B;
  let sum = 0,
    max = -1,
    min = Infinity,
    n = 0;
  for (let b = 0; b < p.B; b++) {
    if (!p.up[b] || p.zombie[b]) continue;
    sum += p.loaded[b];
    n++;
    if (p.loaded[b] > max) max = p.loaded[b];
    if (p.loaded[b] < min) min = p.loaded[b];
  }
  if (n < 2 || max <= 0 || max - min < 1) return;
  const mean = sum / n;
  for (let b = 0; b < p.B; b++) {
    if (!p.up[b] || p.zombie[b]) continue;
    const usage = (p.loaded[b] / even) * EVEN_SHARE_USAGE,
      meanUsage = (mean / even) * EVEN_SHARE_USAGE;
    let excess: number;
    if (strategy === 'OverloadShedder')
      excess = usage > OVERLOAD_USAGE ? p.loaded[b] - (OVERLOAD_USAGE / EVEN_SHARE_USAGE) * even * 0.9 : 0;
    else if (strategy === 'UniformLoadShedder') excess = p.loaded[b] === max ? (max - min) / 2 : 0;
    else excess = usage > meanUsage + THRESHOLD_MARGIN ? p.loaded[b] - mean : 0; // Threshold, Transfer
    if (excess > 0) unload(p, b, excess / p.loaded[b]);
  }
}
