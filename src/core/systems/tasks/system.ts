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
  if (k === 0) {
    ring[base + ((step + 1) % slots)] += m * f;
    return m * (1 - f);
  }
  ring[base + ((step + k) % slots)] += m * (1 - f);
  if (f > 0) ring[base + ((step + k + 1) % slots)] += m * f;
  return 0;
}

export function tasksSystem(st: SimState, log: EventLog): void {
  const s = st.scenario,
    a = s.hvAgent,
    tk = s.tasks;
  const H = st.hosts,
    W = st.waitSlots,
    A = st.holdSlots;
  const step = st.step,
    t = st.t,
    tEnd = t + st.dt;
  const sW = step % W,
    sA = step % A,
    wK = st.waitK,
    wF = st.waitF,
    hK = st.holdK,
    hF = st.holdF;
  const { up, waitRing, holdRing, agentWaiting, agentHolding, hostLive, hostTasks, hostVcpus, readServedMBps } = st;
  const single = a.mode === 'single-driver';
  const tpp = a.tasksPerProcess,
    limit = st.tasksLimit,
    poolMax = s.proxy.poolMaxConnections;
  const leakFrac = s.proxy.leakPercent / 100;

  // 1. processes that waited past the timeout give up; processes done with their work close
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
  // connections opened and closed within last step (holds shorter than a step) leak too
  const briefPrev = st.briefCloses;
  st.briefCloses = 0;
  st.poolActive -= closes;
  closes += briefPrev;
  if (closes > 0) {
    if (leakFrac > 0) {
      const c = st.leakCarry + closes * leakFrac;
      const leaked = Math.floor(c);
      st.leakCarry = c - leaked;
      st.poolLeaked += leaked;
      if (leaked > 0 && st.logLeak < 0) {
        st.logLeak = log.add(
          'proxy-leaks-connections',
          t,
          'messaging',
          'warning',
          'proxy leaks connections',
          `The proxy does not close ${s.proxy.leakPercent}% of the connections agents close: they stay in the pooler (max ${poolMax}).`,
        );
      }
    }
  }
  let free = poolMax - st.poolActive - st.poolLeaked;

  // 2. per host, in an order that rotates every step (no host always first at the pooler)
  const off = step % H;
  for (let i = 0; i < H; i++) {
    const h = i + off < H ? i + off : i + off - H;
    if (up[h] === 0) continue;
    const c = st.notifCarry[h] + st.notifPerStep[h];
    const n = Math.floor(c);
    st.notifCarry[h] = c - n;
    const live = hostLive[h];
    const qemu = live > 0 ? live * qemuTasksPerVm(0, readServedMBps[h] / live, tk) + hostVcpus[h] : 0;
    let rejected = 0;
    if (single) {
      // one driver process, one connection kept open; notifications never fork
      if (st.driverConnected[h] === 0 && free > 0) {
        st.driverConnected[h] = 1;
        st.poolActive++;
        free--;
      }
      hostTasks[h] = qemu + tpp;
    } else {
      // waiting processes get freed connections, oldest first
      if (agentWaiting[h] > 0 && free > 0) {
        for (let k = 1; k < W && free > 0; k++) {
          const j = h * W + ((sW + k) % W);
          const m = waitRing[j] < free ? waitRing[j] : free;
          if (m <= 0) continue;
          waitRing[j] -= m;
          agentWaiting[h] -= m;
          const brief = schedule(holdRing, h * A, A, step, hK, hF, m);
          agentHolding[h] += m - brief;
          st.poolActive += m - brief;
          free -= m - brief;
          st.briefCloses += brief;
        }
      }
      // new notifications fork a process each, if the pids limit lets them
      if (n > 0) {
        const room = limit - qemu - (agentWaiting[h] + agentHolding[h]) * tpp;
        const forkable = room >= tpp ? Math.min(n, Math.floor(room / tpp)) : 0;
        rejected = n - forkable;
        const got = forkable < free ? forkable : free > 0 ? free : 0;
        const brief = schedule(holdRing, h * A, A, step, hK, hF, got);
        agentHolding[h] += got - brief;
        st.poolActive += got - brief;
        free -= got - brief;
        st.briefCloses += brief;
        const wait = forkable - got;
        if (wait > 0) {
          const gaveUp = schedule(waitRing, h * W, W, step, wK, wF, wait);
          agentWaiting[h] += wait - gaveUp;
          st.notificationsLost += gaveUp;
          if (st.logPoolFull < 0) {
            st.logPoolFull = log.add(
              'pooler-full',
              t,
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
              t,
              'hypervisor',
              'warning',
              'agent processes pile up',
              `Agent processes wait on connections that hang (${a.tasksPerProcess} tasks each); about ${Math.round((st.notifPerStep[h] / st.dt) * a.connectTimeoutSeconds)} will wait at once (rate x timeout).`,
              h,
              st.logPoolFull,
            );
          }
        }
        if (rejected > 0) {
          st.forksRejected += rejected;
          st.notificationsLost += rejected;
        }
      }
      hostTasks[h] = qemu + (agentWaiting[h] + agentHolding[h]) * tpp;
    }

    // 3. at the limit, a QEMU that needs a new thread cannot create it and aborts (tasks never exceed pids.max)
    const atLimit = rejected > 0 || hostTasks[h] >= limit;
    if (hostTasks[h] > limit) hostTasks[h] = limit;
    if (!atLimit) {
      if (hostTasks[h] < 0.9 * limit) st.logLimit[h] = -1;
      continue;
    }
    if (st.logLimit[h] < 0) {
      st.logLimit[h] = log.add(
        'tasks-at-pids-limit',
        t,
        'kernel',
        'critical',
        'tasks at pids limit',
        `Tasks of the agent's service reach the cgroup pids limit (${Math.round(hostTasks[h])} of ${limit}, DefaultTasksMax ${tk.defaultTasksMaxPercent}% of min(pid_max, threads-max)): fork and clone fail with EAGAIN.`,
        h,
        st.logPile[h],
      );
    }
    if (rejected > 0 && st.logFork[h] < 0) {
      st.logFork[h] = log.add(
        'deployments-fail',
        t,
        'hypervisor',
        'warning',
        'deployments fail',
        'fork rejected by pids controller: the agent cannot start processes, deployments to this host fail.',
        h,
        st.logLimit[h],
      );
    }
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
    if (crashed > 0) {
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
  }
}
