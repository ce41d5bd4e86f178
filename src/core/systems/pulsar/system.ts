// Apache Pulsar, in aggregate: brokers behind proxies, client topics that need a lookup after
// their bundle moved, lookups queued per broker under maxConcurrentLookupRequest, and clients
// retrying with exponential backoff and an operation timeout. Messaging availability is the
// share of client topics that are loaded (connected); it is not scripted.
//
// Per broker, a FIFO of lookup cohorts keyed by the step they were admitted. A healthy broker
// answers `topic loads at once / topic load time` lookups per second, oldest first; an answer to
// a lookup older than the client's operation timeout comes too late for the client (it gave up
// and retried; its old lookup kept the slot) but still leaves the topic loaded (warm: the
// client's next attempt finds it) up to the broker's topic load timeout (settings.ts); an older
// answer is wasted.
//
// Bundle ownership: every broker owns a share of the bundles. A broker that stops hands its share
// to the least-loaded broker that is up (the modular load manager's choice; an empty, just
// started broker attracts them all). A lookup for a bundle whose owner is up but not serving
// holds its slot for the owner wait, then fails ("The new owner ... is inactive", seed 002):
// the share of lookups that fail is the share of bundles owned by such brokers. A broker does
// not serve when its extensible load manager failed to start (3.3.1 stays up, looking healthy)
// or while its start waits for a system topic it cannot load: the TransferShedder switch leaves
// one, unassigned; brokers claiming it together conflict on its metadata and none gets it, so a
// broker that starts beside another stays blocked; a broker up alone claims it, and it is
// deleted (seed 002 12:22). Every lookup also fails while the metadata store stalls (lookupStall).
//
// Capacity: during a brokerSlowdown each broker gets through `capacity` of its work. Requests on
// loaded topics (usage messaging.normalLoadPercent at an even share) queue beyond what it serves;
// once the wait passes the operation timeout, clients give up and look their topics up again
// (their reconnects join the lookup queues, which are served at the same reduced rate).
//
// Time: the system advances in ticks of TICK_SECONDS whatever the step, so its retries, timeouts,
// owner waits, service and shedding are the same at every step (issue 24 finding 4). Clients
// retry after the Java client's jittered backoff (retries.ts). Service is stochastic: a broker
// completes `mu h + sqrt(mu h) z` lookups in a tick, z a keyed normal of (seed, broker, tick).
//
// Metastability: once a queue holds more than `service rate x topic load timeout` lookups, every
// answer is wasted, nothing loads, every client keeps retrying, and the queue stays full even
// after the trigger is gone, as long as the retries offered exceed the service rate. Shedding
// the queue (shedLookups, stopping the proxies, restarting brokers) ends it. Whether a trigger
// gets there depends on how many clients it sends back to lookups: its size times its duration.
//
// Client counts are float64 aggregates: the system costs O(brokers + backoff levels) per tick.
// Scenario events (upgrade, rollback, operator actions) are in events.ts.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { PulsarCluster } from './state.ts';
import { brokenShare, countUp, moveBundles, notServing, settleSystemTopic, unload } from './brokers.ts';
import { scheduleRetry } from './retries.ts';
import { keyedNormal } from '../../rng.ts';
import { TICKED } from '../../streams.ts';

import {
  MESSAGING_BACK_AT,
  MESSAGING_DOWN_BELOW,
  OVERLOAD_SHED_TARGET,
  OVERLOAD_USAGE,
  THRESHOLD_MARGIN,
} from '../../settings.ts';

/** Keyed draws of a broker's service noise: keyedNormal(seed, SERVICE_KEY - broker, tick), clear of VM and host ids. */
const SERVICE_KEY = TICKED.brokerService.keyBase;

/** One step of clients, proxies and brokers, tick by tick, phase by phase. Writes st.pulsarAvailability. */
export function pulsarSystem(st: SimState, log: EventLog): void {
  const p = st.pulsar;
  p.stepAdmitted = 0;
  p.stepRejected = 0;
  p.stepLoadedNew = 0;
  if (!p.everDisturbed) {
    p.tick += p.ticks;
    st.pulsarAvailability = 1;
    return;
  }
  if (settleSystemTopic(p)) logTopicDeleted(st, log);
  let pendingTotal = 0;
  for (let i = 0; i < p.ticks; i++) {
    const tick = p.tick;
    // lookups served by a working broker that still fail: their bundle's owner does not serve
    const badShare = brokenShare(p);
    const upCount = countUp(p);
    giveUp(p, tick);
    foldStaleCohorts(p, tick);
    retryLookups(p, tick, upCount, badShare);
    pendingTotal = answerLookups(st, p, tick);
    // load shedding every interval: bundles move off the busiest brokers (under broken ownership they never load again)
    if (st.t + i * p.h >= p.nextShed) {
      p.nextShed += st.scenario.messaging.sheddingIntervalSeconds;
      shed(st, p, upCount);
    }
    p.tick++;
  }
  updateAvailability(st, p, pendingTotal);
  logAvailability(st, log, p, pendingTotal);
}

function logTopicDeleted(st: SimState, log: EventLog): void {
  log.pulsar = log.add(
    'stuck-topic-deleted',
    st.t,
    'messaging',
    'info',
    'stuck topic deleted',
    'A broker up alone claims the stuck system topic with no peer to conflict with, and it is deleted: brokers can start again.',
    -1,
    log.pulsar,
  );
}

/** 1. Clients whose lookup has been out for the operation timeout give up: they back off at the cap. */
function giveUp(p: PulsarCluster, step: number): void {
  const slot = step % p.inflight.length,
    expired = p.inflight[slot];
  if (expired > 0) {
    p.inflight[slot] = 0;
    scheduleRetry(p, p.levels - 1, expired, step);
  }
}

/**
 * 2a. Cohorts as old as the ring fold into the broker's stale backlog before this step's cohort
 * takes their place: their clients gave up long ago, but the lookups still hold their slots and
 * still cost service when their turn comes (no broker drops a lookup for its age).
 */
function foldStaleCohorts(p: PulsarCluster, step: number): void {
  const L = p.ringLen,
    ring = p.ring;
  for (let b = 0; b < p.B; b++) {
    const h = p.head[b];
    if (!p.up[b] || h > step - L) continue;
    for (let s = h; s <= step - L; s++) {
      const i = b * L + (s % L);
      p.staleOld[b] += ring[i];
      ring[i] = 0;
      p.pending[b] -= p.ringBad[i]; // (already failed: a bad cohort leaves at the owner wait, younger than the ring)
      p.ringBad[i] = 0;
    }
    p.head[b] = step - L + 1;
  }
}

/**
 * 2b. Retries due this tick, level by level, spread evenly over the brokers up; a full broker
 * refuses (TooManyRequests) and a refused client backs off one level further. A lookup whose
 * bundle owner does not serve is admitted to fail after the owner wait (ringBad).
 */
function retryLookups(p: PulsarCluster, step: number, upCount: number, badShare: number): void {
  const K = p.levels,
    R = p.retryLen,
    r0 = step % R,
    retry = p.retry,
    L = p.ringLen;
  let tried = 0;
  for (let k = 0; k < K; k++) tried += retry[k * R + r0];
  // clients whose topic a late answer left loaded find it at once: no lookup queued, no load; not
  // while bundle ownership is stuck (a stall): every lookup, theirs too, waits and fails
  const found = p.proxiesUp && upCount > 0 && !p.stall ? findWarm(p, tried) : 0;
  const perBroker = upCount > 0 ? (tried - found) / upCount : 0;
  let admittedTotal = 0;
  if (p.proxiesUp && upCount > 0) {
    for (let b = 0; b < p.B; b++) {
      if (!p.up[b]) continue;
      const room = p.cap - p.pending[b];
      const a = perBroker < room ? perBroker : room > 0 ? room : 0;
      if (a > 0) {
        const bad = notServing(p, b) ? a : a * badShare;
        p.ring[b * L + (step % L)] += a - bad;
        p.ringBad[b * L + (step % L)] += bad;
        p.pending[b] += a;
        admittedTotal += a;
      }
    }
  }
  const admitShare = tried > 0 ? (admittedTotal + found) / tried : 0;
  for (let k = 0; k < K; k++) {
    const i = k * R + r0,
      go = retry[i];
    if (go <= 0) continue;
    retry[i] = 0;
    p.waitingTotal -= go;
    scheduleRetry(p, k, go * (1 - admitShare), step);
  }
  p.inflight[step % p.inflight.length] += admittedTotal;
  p.stepAdmitted += admittedTotal;
  p.stepRejected += tried - admittedTotal;
}

/**
 * Of `tried` clients retrying now, those whose topic is warm (loaded by an answer that came after
 * they gave up) attach to it at once, in proportion to the warm topics among the clients backing
 * off. Returns how many.
 */
function findWarm(p: PulsarCluster, tried: number): number {
  if (p.warmTotal <= 0 || tried <= 0) return 0;
  const share = p.waitingTotal > p.warmTotal ? p.warmTotal / p.waitingTotal : 1,
    found = tried * share < p.warmTotal ? tried * share : p.warmTotal,
    f = found / p.warmTotal;
  for (let b = 0; b < p.B; b++) {
    const n = p.warm[b] * f;
    if (n <= 0) continue;
    p.warm[b] -= n;
    p.loaded[b] += n;
    p.stepLoadedNew += n;
  }
  p.warmTotal -= found;
  return found;
}

/** x topics of broker b loaded after their clients gave up: warm, up to the clients backing off that are not yet. */
function addWarm(p: PulsarCluster, b: number, x: number): void {
  const room = p.waitingTotal - p.warmTotal;
  const n = x < room ? x : room > 0 ? room : 0;
  p.warm[b] += n;
  p.warmTotal += n;
}

/**
 * 3. Each broker up answers: the cohort that has waited the owner wait fails, the rest are served
 * oldest first at the broker's (possibly reduced) rate, and its produce/consume work queues.
 * Returns the lookups pending on all brokers.
 */
function answerLookups(st: SimState, p: PulsarCluster, tick: number): number {
  // completions of many independent topic loads: mean mu h, variance the same (linear in time)
  const serveMean = p.serviceRate * p.h * p.capacity,
    seed = st.scenario.seed;
  let pendingTotal = 0;
  for (let b = 0; b < p.B; b++) {
    if (!p.up[b]) continue;
    failOwnerWait(p, b, tick);
    let budget = 0;
    if (p.pending[b] > 0 && serveMean > 0) {
      budget = serveMean + Math.sqrt(serveMean) * keyedNormal(seed, SERVICE_KEY - b, tick); /* TICKED.brokerService */
      if (budget < 0) budget = 0;
    }
    serveOldestFirst(p, b, tick, budget);
    pendingTotal += p.pending[b];
    queueWork(st, p, b);
  }
  return pendingTotal;
}

/** The cohort of broker b that has now waited the owner wait fails (each cohort reaches it exactly once). */
function failOwnerWait(p: PulsarCluster, b: number, step: number): void {
  const L = p.ringLen,
    s = step - p.ownerWaitSteps;
  const i0 = b * L + (((s % L) + L) % L),
    n = s >= 0 ? p.ringBad[i0] : 0;
  if (n <= 0) return;
  p.ringBad[i0] = 0;
  p.pending[b] -= n;
  if (step - s < p.timeoutSteps) {
    // the client still waits: it hears the failure now
    const inflight = p.inflight,
      c = inflight[s % inflight.length];
    const back = n < c ? n : c;
    inflight[s % inflight.length] = c - back;
    scheduleRetry(p, p.levels - 1, back, step);
  }
}

/**
 * Broker b answers up to `budget` lookups, its stale backlog first (older than the topic load
 * timeout: wasted), then its cohorts by age: in time for the client, the topic loads; later but
 * within the topic load timeout, it is warm.
 */
function serveOldestFirst(p: PulsarCluster, b: number, step: number, budget: number): void {
  const L = p.ringLen,
    base = b * L,
    ring = p.ring,
    inflight = p.inflight;
  if (p.staleOld[b] > 0) {
    const x = p.staleOld[b] < budget ? p.staleOld[b] : budget;
    p.staleOld[b] -= x;
    p.pending[b] -= x;
    budget -= x;
  }
  let h = p.head[b];
  for (; h <= step; h++) {
    const i = base + (h % L),
      n = ring[i];
    if (n > 0 && budget > 0) {
      const x = n < budget ? n : budget;
      ring[i] = n - x;
      p.pending[b] -= x;
      budget -= x;
      const age = step - h;
      if (age < p.timeoutSteps) {
        // answered in time: the topic loads on this broker
        const j = h % inflight.length,
          c = inflight[j];
        const ok = x < c ? x : c;
        inflight[j] = c - ok;
        p.loaded[b] += ok;
        p.stepLoadedNew += ok;
        if (x > ok) addWarm(p, b, x - ok);
      } else if (age < p.loadTimeoutSteps) addWarm(p, b, x); // too late for the client, in time for the broker
    }
    if (ring[i] > 0) break; // the budget ran out inside this cohort
  }
  if (p.pending[b] < 1e-9) p.pending[b] = 0;
  p.head[b] = h;
}

/**
 * Broker b's produce/consume work beyond its capacity queues; past the operation timeout its
 * clients give up and look their topics up again, over one timeout.
 */
function queueWork(st: SimState, p: PulsarCluster, b: number): void {
  const dt = p.h,
    cap = p.capacity,
    timeout = st.scenario.messaging.operationTimeoutSeconds;
  const usage = (p.loaded[b] / (p.clients / p.B)) * p.normalLoad;
  let work = p.workSeconds[b] + (usage - cap) * dt;
  if (work < 0) work = 0;
  p.workSeconds[b] = work;
  const wait = cap > 0 ? work / cap : work > 0 ? Infinity : 0;
  if (wait > timeout) {
    const share = Math.min(1, dt / timeout),
      n = p.loaded[b] * share;
    p.slowdownTimedOut += n;
    unload(p, b, share);
    p.workSeconds[b] = work * (1 - share); // their queued requests go with them
  }
}

/** 5. The totals, and availability: the share of client topics loaded (0 with the proxies down). */
function updateAvailability(st: SimState, p: PulsarCluster, pendingTotal: number): void {
  let loaded = 0,
    wait = 0,
    fl = 0;
  for (let b = 0; b < p.B; b++) loaded += p.loaded[b];
  for (let i = 0; i < p.retry.length; i++) wait += p.retry[i];
  for (let i = 0; i < p.inflight.length; i++) fl += p.inflight[i];
  let warm = 0;
  for (let b = 0; b < p.B; b++) warm += p.warm[b];
  p.warmTotal = warm;
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
}

/** The log: messaging down (availability below half) and back. */
function logAvailability(st: SimState, log: EventLog, p: PulsarCluster, pendingTotal: number): void {
  const a = st.pulsarAvailability;
  if (a < MESSAGING_DOWN_BELOW && p.downEvent < 0) {
    p.downEvent = log.add(
      'messaging-down',
      st.t,
      'messaging',
      'critical',
      'messaging down',
      `Only ${(a * 100).toFixed(0)}% of client topics are loaded; ${Math.round(pendingTotal)} lookups pending, ${Math.round(p.stepRejected / st.dt)} refused per second (TooManyRequests).`,
      -1,
      log.pulsar,
    );
    log.outage = p.downEvent;
    log.backlog = -1;
  } else if (a >= MESSAGING_BACK_AT && p.downEvent >= 0) {
    log.add(
      'messaging-back',
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

/** 4. Load shedding: bundles move off the busiest brokers by the strategy's rule. */
function shed(st: SimState, p: PulsarCluster, upCount: number): void {
  if (upCount < 2 || !p.proxiesUp) return;
  const strategy = st.scenario.messaging.sheddingStrategy;
  const even = p.clients / p.B;
  let sum = 0,
    max = -1,
    min = Infinity,
    n = 0;
  for (let b = 0; b < p.B; b++) {
    if (!p.up[b] || notServing(p, b)) continue;
    sum += p.loaded[b];
    n++;
    if (p.loaded[b] > max) max = p.loaded[b];
    if (p.loaded[b] < min) min = p.loaded[b];
  }
  if (n < 2 || max <= 0 || max - min < 1) return;
  const mean = sum / n;
  for (let b = 0; b < p.B; b++) {
    if (!p.up[b] || notServing(p, b)) continue;
    const usage = (p.loaded[b] / even) * p.normalLoad,
      meanUsage = (mean / even) * p.normalLoad;
    let excess: number;
    if (strategy === 'OverloadShedder')
      excess = usage > OVERLOAD_USAGE ? p.loaded[b] - (OVERLOAD_USAGE / p.normalLoad) * even * OVERLOAD_SHED_TARGET : 0;
    else if (strategy === 'UniformLoadShedder') excess = p.loaded[b] === max ? (max - min) / 2 : 0;
    else excess = usage > meanUsage + THRESHOLD_MARGIN ? p.loaded[b] - mean : 0; // Threshold, Transfer
    if (excess > 0) {
      // the shed bundles go to the least-loaded broker: a broker that does not serve has no load and takes them
      const share = excess / p.loaded[b];
      unload(p, b, share);
      moveBundles(p, b, share);
    }
  }
}
