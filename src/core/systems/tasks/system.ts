// Hypervisor agents, the notification proxy and the cgroup pids limit (seed 000, Clever Cloud,
// April 2022). Every hypervisor's agent receives notifications. In process-per-notification
// mode each one forks a process (tasksPerProcess tasks) that opens a connection through the
// proxy to the pooler; it holds it processSeconds and closes it, but the proxy leaks a share of
// closes: those connections stay in the pooler for good. Once the pooler is full, new
// connections hang until connectTimeoutSeconds and their processes pile up (Little's law:
// rate x timeout of them). Tasks of the agent's service (the agent's processes and its QEMUs:
// main + one per vCPU + I/O workers growing with I/O + a few extras per VM) count against the
// cgroup pids limit, DefaultTasksMax = 15% of min(pid_max, threads-max). At the limit fork and
// clone fail (EAGAIN): notifications are lost (deployments to that host fail) and a QEMU that
// needs a thread aborts, so its VM crashes. A single long-lived driver holds one connection and
// one process whatever the proxy does. Randomness is drawn only at the limit, so a run that
// never reaches it is bit-identical to one without this system.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { END_CRASH, endVm } from '../../fleet/slots.ts';
import { qemuTasksPerVm } from './limits.ts';
import { TASKS_LIMIT_EPISODE_END } from '../../settings.ts';

/** Puts m into ring bins (one host's ring at `base`, `slots` long) for a cohort started at `step`; returns the part that ends within the step. */
function schedule(
  ring: Float64Array,
  base: number,
  slots: number,
  step: number,
  k: number,
  f: number,
  m: number,
): number {
  return scheduleAt(ring, base, k, (step + (k === 0 ? 1 : k)) % slots, (step + k + 1) % slots, f, m);
}

/** schedule() with the step's two bins given (the same for every host: computed once a step, not per host). */
function scheduleAt(
  ring: Float64Array,
  base: number,
  k: number,
  at0: number,
  at1: number,
  f: number,
  m: number,
): number {
  if (k === 0) {
    ring[base + at0] += m * f;
    return m * (1 - f);
  }
  ring[base + at0] += m * (1 - f);
  if (f > 0) ring[base + at1] += m * f;
  return 0;
}

/** One step of the hypervisor agents, phase by phase; hosts take the pooler's free connections in an order that rotates every step. */
export function tasksSystem(st: SimState, log: EventLog): void {
  const closes = endWaitsAndHolds(st);
  closeConnections(st, log, closes);
  const H = st.hostsIn, // parked hosts (addHosts) are down: they join the rotation when added
    off = st.step % H, // no host always first at the pooler
    single = st.scenario.hvAgent.mode === 'single-driver';
  // imported bindings read once, not per host (under tsx each read of one in the loop costs: ARCHITECTURE.md)
  const qemuPerVm = qemuTasksPerVm,
    tk = st.scenario.tasks,
    limit = st.tasksLimit,
    episodeEnd = TASKS_LIMIT_EPISODE_END * limit;
  const { up, notifCarry, notifPerStep, hostLive, readServedMBps, hostVcpus, hostTasks, logLimit } = st;
  // the hold ring's bins for this step's new connections (schedule): the same for every host
  const holdK = st.holdK,
    hold0 = (st.step + (holdK === 0 ? 1 : holdK)) % st.holdSlots,
    hold1 = (st.step + holdK + 1) % st.holdSlots;
  for (let i = 0; i < H; i++) {
    const h = i + off < H ? i + off : i + off - H;
    if (up[h] === 0) continue;
    const c = notifCarry[h] + notifPerStep[h];
    const n = Math.floor(c);
    notifCarry[h] = c - n;
    const live = hostLive[h];
    const qemu = live > 0 ? live * qemuPerVm(0, readServedMBps[h] / live, tk) + hostVcpus[h] : 0;
    // reverted agents (operator/actions.ts) fork nothing new; the processes already there finish or time out
    const rejected = single
      ? singleDriver(st, h, qemu)
      : forkPerNotification(st, log, h, st.agentReverted ? 0 : n, qemu, hold0, hold1);
    // below the limit with no fork rejected (nearly every host-step): atPidsLimit's first case, here
    if (rejected === 0 && hostTasks[h] < limit) {
      if (hostTasks[h] < episodeEnd) logLimit[h] = -1;
    } else atPidsLimit(st, log, h, n, rejected);
  }
}

/**
 * Processes that waited past the connection timeout give up (their notifications are lost);
 * processes done with their work close their connection; a host that went down loses its agent's
 * processes and their connections. Returns the connections closed.
 */
function endWaitsAndHolds(st: SimState): number {
  const H = st.hosts,
    W = st.waitSlots,
    A = st.holdSlots;
  const sW = st.step % W,
    sA = st.step % A;
  const { up, waitRing, holdRing, agentWaiting, agentHolding, hostTasks } = st;
  let closes = 0;
  for (let h = 0; h < H; h++) {
    if (up[h] === 0) {
      // the host went down: its agent processes died, their connections were reset
      closes += agentHolding[h] + st.driverConnected[h];
      for (let k = 0; k < W; k++) waitRing[h * W + k] = 0;
      for (let k = 0; k < A; k++) holdRing[h * A + k] = 0;
      agentWaiting[h] = 0;
      agentHolding[h] = 0;
      st.driverConnected[h] = 0;
      hostTasks[h] = 0;
      continue;
    }
    const timedOut = waitRing[h * W + sW];
    if (timedOut > 0) {
      waitRing[h * W + sW] = 0;
      agentWaiting[h] -= timedOut;
      st.notificationsLost += timedOut;
    }
    const done = holdRing[h * A + sA];
    if (done > 0) {
      holdRing[h * A + sA] = 0;
      agentHolding[h] -= done;
      closes += done;
    }
  }
  return closes;
}

/**
 * The pooler sees the closes (and the connections opened and closed within the last step: holds
 * shorter than a step); the proxy leaks its share of them. Sets poolFree, what the pooler can
 * still open this step.
 */
function closeConnections(st: SimState, log: EventLog, closes: number): void {
  const s = st.scenario,
    leakFrac = s.proxy.leakPercent / 100;
  const briefPrev = st.briefCloses;
  st.briefCloses = 0;
  st.poolActive -= closes;
  closes += briefPrev;
  if (closes > 0 && leakFrac > 0) {
    const c = st.leakCarry + closes * leakFrac;
    const leaked = Math.floor(c);
    st.leakCarry = c - leaked;
    st.poolLeaked += leaked;
    if (leaked > 0 && st.logLeak < 0) {
      st.logLeak = log.add(
        'proxy-leaks-connections',
        st.t,
        'messaging',
        'warning',
        'proxy leaks connections',
        `The proxy does not close ${s.proxy.leakPercent}% of the connections agents close: they stay in the pooler (max ${s.proxy.poolMaxConnections}).`,
      );
    }
  }
  st.poolFree = s.proxy.poolMaxConnections - st.poolActive - st.poolLeaked;
}

/** One driver process per host keeps one connection open; notifications never fork. Returns the forks rejected (none). */
function singleDriver(st: SimState, h: number, qemu: number): number {
  if (st.driverConnected[h] === 0 && st.poolFree > 0) {
    st.driverConnected[h] = 1;
    st.poolActive++;
    st.poolFree--;
  }
  st.hostTasks[h] = qemu + st.scenario.hvAgent.tasksPerProcess;
  return 0;
}

/**
 * Process per notification on host h: waiting processes get freed connections, oldest first;
 * each of the n new notifications forks a process if the pids limit lets it, which connects or
 * waits. Returns the forks the pids limit rejected.
 */
function forkPerNotification(
  st: SimState,
  log: EventLog,
  h: number,
  n: number,
  qemu: number,
  hold0: number,
  hold1: number,
): number {
  const W = st.waitSlots,
    A = st.holdSlots,
    step = st.step;
  const { waitRing, holdRing, agentWaiting, agentHolding } = st;
  const tpp = st.scenario.hvAgent.tasksPerProcess;
  let free = st.poolFree;
  if (agentWaiting[h] > 0 && free > 0) {
    const sW = step % W;
    for (let k = 1; k < W && free > 0; k++) {
      const j = h * W + ((sW + k) % W);
      const m = waitRing[j] < free ? waitRing[j] : free;
      if (m <= 0) continue;
      waitRing[j] -= m;
      agentWaiting[h] -= m;
      const brief = schedule(holdRing, h * A, A, step, st.holdK, st.holdF, m);
      agentHolding[h] += m - brief;
      st.poolActive += m - brief;
      free -= m - brief;
      st.briefCloses += brief;
    }
  }
  let rejected = 0;
  if (n > 0) {
    const room = st.tasksLimit - qemu - (agentWaiting[h] + agentHolding[h]) * tpp;
    const forkable = room >= tpp ? Math.min(n, Math.floor(room / tpp)) : 0;
    rejected = n - forkable;
    const got = forkable < free ? forkable : free > 0 ? free : 0;
    const brief = scheduleAt(holdRing, h * A, st.holdK, hold0, hold1, st.holdF, got);
    agentHolding[h] += got - brief;
    st.poolActive += got - brief;
    free -= got - brief;
    st.briefCloses += brief;
    const wait = forkable - got;
    if (wait > 0) {
      const gaveUp = schedule(waitRing, h * W, W, step, st.waitK, st.waitF, wait);
      agentWaiting[h] += wait - gaveUp;
      st.notificationsLost += gaveUp;
      logPileUp(st, log, h);
    }
    if (rejected > 0) {
      st.forksRejected += rejected;
      st.notificationsLost += rejected;
    }
  }
  st.poolFree = free;
  st.hostTasks[h] = qemu + (agentWaiting[h] + agentHolding[h]) * tpp;
  return rejected;
}

/** The pooler is full and host h's processes wait on connections that hang (each episode logged once). */
function logPileUp(st: SimState, log: EventLog, h: number): void {
  const a = st.scenario.hvAgent,
    poolMax = st.scenario.proxy.poolMaxConnections;
  if (st.logPoolFull < 0) {
    st.logPoolFull = log.add(
      'pooler-full',
      st.t,
      'messaging',
      'critical',
      'pooler full',
      `The pooler is full (${st.poolActive} in use + ${st.poolLeaked} leaked of ${poolMax}): new connections hang until ${a.connectTimeoutSeconds} s.`,
      -1,
      st.logLeak,
    );
  }
  if (st.logPile[h] < 0) {
    st.logPile[h] = log.add(
      'agent-processes-pile-up',
      st.t,
      'hypervisor',
      'warning',
      'agent processes pile up',
      `Agent processes wait on connections that hang (${a.tasksPerProcess} tasks each); about ${Math.round((st.notifPerStep[h] / st.dt) * a.connectTimeoutSeconds)} will wait at once (rate x timeout).`,
      h,
      st.logPoolFull,
    );
  }
}

/**
 * At the limit, a QEMU that needs a new thread cannot create it and aborts: its VM crashes
 * (tasks never exceed pids.max). Draws from the run's generator only at the limit. Called only at
 * the limit (a fork rejected or the tasks at pids.max): below it, the caller's loop ends the episode.
 */
function atPidsLimit(st: SimState, log: EventLog, h: number, n: number, rejected: number): void {
  const tk = st.scenario.tasks,
    limit = st.tasksLimit,
    hostTasks = st.hostTasks;
  if (hostTasks[h] > limit) hostTasks[h] = limit;
  logAtLimit(st, log, h, rejected);
  // the share of the step spent at the limit: all of it when the tasks already fill it; else
  // forks arrive spread over the step and the limit is reached after the ones that fit, so
  // the rejected share of them (a whole step at the limit for one rejected fork made aborts
  // grow with the step)
  const atShare = hostTasks[h] >= limit || n === 0 ? 1 : rejected / n;
  const p = (tk.qemuThreadSpawnsPerHour / 3600) * st.dt * atShare;
  let crashed = 0;
  for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
    if (st.alive[v] === 0 || st.resv[v] !== 0) continue;
    if (st.rng.float() >= p) continue;
    endVm(st, v, END_CRASH);
    crashed++;
  }
  if (crashed === 0) return;
  const tEnd = st.t + st.dt;
  st.threadExhaustionCrashes += crashed;
  st.hostsWithThreadCrashes[h] = 1;
  if (st.firstThreadCrashT < 0) st.firstThreadCrashT = tEnd;
  log.add(
    'qemu-abort',
    tEnd,
    'vm',
    'critical',
    'QEMU abort',
    `QEMU cannot create a thread (EAGAIN) and aborts: ${crashed} VM${crashed > 1 ? 's' : ''} crash.`,
    h,
    st.logLimit[h],
  );
}

/** Host h's tasks reach the pids limit, and its forks fail (each episode logged once). */
function logAtLimit(st: SimState, log: EventLog, h: number, rejected: number): void {
  const tk = st.scenario.tasks;
  if (st.logLimit[h] < 0) {
    st.logLimit[h] = log.add(
      'tasks-at-pids-limit',
      st.t,
      'kernel',
      'critical',
      'tasks at pids limit',
      `Tasks of the agent's service reach the cgroup pids limit (${Math.round(st.hostTasks[h])} of ${st.tasksLimit}, DefaultTasksMax ${tk.defaultTasksMaxPercent}% of min(pid_max, threads-max)): fork and clone fail with EAGAIN.`,
      h,
      st.logPile[h],
    );
  }
  if (rejected > 0 && st.logFork[h] < 0) {
    st.logFork[h] = log.add(
      'deployments-fail',
      st.t,
      'hypervisor',
      'warning',
      'deployments fail',
      'fork rejected by pids controller: the agent cannot start processes, deployments to this host fail.',
      h,
      st.logLimit[h],
    );
  }
}
