// The operators' own actions in the seeds (issue 24 finding 5): revert a change (seed 000, 03:45),
// stop the maintenance automation (seed 001), drain the busiest hosts, clean zombie VMs, stop noisy
// VMs one by one, drop the queued monitoring actions, add parked hypervisors and resume
// monitoring (seed 002, 13:50 to 18:36). Each is a scenario event applied at its time by the system that owns what it changes
// (tasks, migration, the control plane); each is skipped, with a log line, where there is nothing
// to act on, so a counterfactual run is not harmed by a preset's recovery steps; each logs what it
// did with the entry it answers as its cause, so the post-mortem chain reads it.

import type { Scenario } from '../../../scenario/index.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { LogCode } from '../../observers/log-codes.ts';
import type { Scheduler } from '../../scheduler.ts';
import type { SimState } from '../../sim-state.ts';
import { EV, PRIO_TIMELINE } from '../../event-kinds.ts';
import { MAINT_DUE, MAINT_EVACUATING } from '../../fleet/placement.ts';
import { enqueue } from '../controlplane/queue.ts';
import { K_OPERATOR, K_UNREACHABLE, K_UPSCALE } from '../controlplane/deploy-kinds.ts';
import { forceStops } from '../controlplane/orchestrator.ts';
import { THRASH_FRACTION } from '../../settings.ts';
import { bootEmpty } from '../hosts/lifecycle.ts';

export function scheduleOperatorEvents(s: Scenario, sched: Scheduler): void {
  s.events.forEach((e, i) => {
    const t = e.atMinute * 60;
    switch (e.kind) {
      case 'revertChange':
        return sched.schedule(t, PRIO_TIMELINE, EV.revertChange, i);
      case 'stopAutomation':
        return sched.schedule(t, PRIO_TIMELINE, EV.stopAutomation, i);
      case 'drainHosts':
        return sched.schedule(t, PRIO_TIMELINE, EV.drainHosts, i);
      case 'undrainHosts':
        return sched.schedule(t, PRIO_TIMELINE, EV.undrainHosts, i);
      case 'cleanZombieVms':
        return sched.schedule(t, PRIO_TIMELINE, EV.cleanZombieVms, i);
      case 'stopNoisyVms':
        return sched.schedule(t, PRIO_TIMELINE, EV.stopNoisyVm, i);
      case 'dropMonitoringQueue':
        return sched.schedule(t, PRIO_TIMELINE, EV.dropMonitoringQueue, i);
      case 'resumeMonitoring':
        return sched.schedule(t, PRIO_TIMELINE, EV.resumeMonitoring, i);
      case 'addHosts':
        return sched.schedule(t, PRIO_TIMELINE, EV.addHosts, i);
    }
  });
}

/** The operator-action block's events (arg: index of the scenario event). */
export function applyOperatorEvent(
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  kind: number,
  arg: number,
  time: number,
): void {
  const e = st.scenario.events[arg];
  switch (kind) {
    case EV.revertChange:
      return revertChange(st, log, time);
    case EV.stopAutomation:
      return stopAutomation(st, log, time, 'hostsAtOnce' in e ? e.hostsAtOnce : 1);
    case EV.drainHosts:
      return drainHosts(st, log, time, 'count' in e ? e.count : 1);
    case EV.undrainHosts:
      return undrainHosts(st, log, time);
    case EV.cleanZombieVms:
      return cleanZombieVms(st, log, time);
    case EV.stopNoisyVm:
      if (e.kind === 'stopNoisyVms')
        stopNoisyVm(st, log, sched, time, arg, e.atMinute * 60 + e.durationMinutes * 60, e.perMinute);
      return;
    case EV.dropMonitoringQueue:
      return dropMonitoringQueue(st, log, time);
    case EV.resumeMonitoring:
      return resumeMonitoring(st, log, time);
    case EV.addHosts:
      return addHosts(st, log, time, 'count' in e ? e.count : 1);
  }
}

function skipped(log: EventLog, time: number, what: string, why: string): void {
  log.add(
    'operator-action-skipped',
    time,
    'scenario',
    'info',
    'operator action skipped',
    `Operator action "${what}" skipped: ${why}.`,
  );
}

function done(log: EventLog, code: LogCode, time: number, short: string, what: string, cause: number): number {
  return log.add(code, time, 'scenario', 'info', short, what, -1, cause);
}

/**
 * Seed 000: the agents go back to a version that does not fork a process per notification
 * through the messaging proxy. Processes already waiting for a connection time out or finish;
 * nothing new piles up, so the tasks fall below the pids limit within the connection timeout.
 */
function revertChange(st: SimState, log: EventLog, time: number): void {
  if (st.scenario.hvAgent.mode !== 'process-per-notification' || st.agentReverted) {
    skipped(log, time, 'revert the agent update', 'the agents do not fork a process per notification');
    return;
  }
  st.agentReverted = 1;
  done(
    log,
    'change-reverted',
    time,
    'agent update reverted',
    `The agents go back to a version that does not open a connection per notification: no new process forks; the ${Math.round(sumOf(st.agentWaiting))} processes still waiting finish or time out within ${st.scenario.hvAgent.connectTimeoutSeconds} s.`,
    st.logPoolFull,
  );
}

/**
 * Seed 001: no host starts a maintenance by itself any more; hosts that are evacuating stop
 * starting migrations (those in flight finish). The rest is done by hand, `hostsAtOnce` at a time.
 */
function stopAutomation(st: SimState, log: EventLog, time: number, hostsAtOnce: number): void {
  if (!st.maintOn) {
    skipped(log, time, 'stop the maintenance automation', 'no maintenance is scheduled');
    return;
  }
  let halted = 0;
  for (let h = 0; h < st.hosts; h++) {
    if (st.maintState[h] === MAINT_EVACUATING && st.hostLive[h] > 0) {
      st.maintState[h] = MAINT_DUE;
      halted++;
    }
  }
  st.maintManualLimit = hostsAtOnce;
  done(
    log,
    'automation-stopped',
    time,
    'automation stopped',
    `The maintenance automation is stopped: ${halted} hosts stop evacuating (migrations in flight finish); ` +
      (hostsAtOnce > 0
        ? `the remaining maintenance is done by hand, ${hostsAtOnce} host${hostsAtOnce > 1 ? 's' : ''} at a time.`
        : 'no more maintenance in this run.'),
    st.logMaint,
  );
}

/** Seed 002 13:50: the most loaded hosts take no placements and their VMs are redeployed elsewhere. */
function drainHosts(st: SimState, log: EventLog, time: number, count: number): void {
  const cp = st.cp;
  if (!cp.enabled) {
    skipped(log, time, 'drain hosts', 'the control plane is off');
    return;
  }
  let picked = 0,
    queued = 0;
  for (; picked < count; picked++) {
    let best = -1;
    for (let h = 0; h < st.hosts; h++)
      if (st.up[h] && !cp.drained[h] && (best < 0 || st.hostLoadPerCore[h] > st.hostLoadPerCore[best])) best = h;
    if (best < 0 || st.hostLoadPerCore[best] <= 1) break; // only overloaded hosts are worth draining
    cp.drained[best] = 1;
    for (let v = st.vmStart[best], end = st.vmStart[best + 1]; v < end; v++)
      if (cp.cpAlive[v] && !cp.queued[v] && !cp.dangling[v] && enqueue(cp, v, K_OPERATOR)) queued++;
  }
  if (picked === 0) {
    skipped(log, time, 'drain hosts', 'no host is overloaded');
    return;
  }
  done(
    log,
    'hosts-drained',
    time,
    'hosts drained',
    `${picked} of the most loaded hosts take no more placements; their ${queued} VMs are queued for redeploy elsewhere.`,
    cp.stormEvent >= 0 ? cp.stormEvent : log.outage,
  );
}

function undrainHosts(st: SimState, log: EventLog, time: number): void {
  const cp = st.cp;
  let n = 0;
  for (let h = 0; h < st.hosts; h++) {
    if (!cp.drained[h]) continue;
    cp.drained[h] = 0;
    n++;
  }
  if (n === 0) {
    skipped(log, time, 'undrain hosts', 'no host is drained');
    return;
  }
  done(log, 'hosts-undrained', time, 'hosts undrained', `${n} drained hosts take placements again.`, -1);
}

/** Seed 002 14:08: old copies of redeployed VMs stuck in stopping state are destroyed by hand. */
function cleanZombieVms(st: SimState, log: EventLog, time: number): void {
  if (!st.cp.enabled) {
    skipped(log, time, 'clean zombie VMs', 'the control plane is off');
    return;
  }
  const n = forceStops(st);
  if (n === 0) {
    skipped(log, time, 'clean zombie VMs', 'no VM is stuck in stopping state');
    return;
  }
  done(
    log,
    'zombie-vms-cleaned',
    time,
    'zombie VMs cleaned',
    `${n} VMs stuck in stopping state (their QEMU could not exit behind a saturated disk) are destroyed: their memory and slots are free.`,
    st.cp.stormEvent,
  );
}

/**
 * Seed 002 16:24 to 18:30: the VM that stalls the most is stopped and redeployed fresh (its
 * backlog and its heap go with the old copy); the next one follows at the event's pace.
 */
function stopNoisyVm(
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  time: number,
  arg: number,
  end: number,
  perMinute: number,
): void {
  const cp = st.cp;
  const next = time + 60 / perMinute;
  if (next < end) sched.schedule(next, PRIO_TIMELINE, EV.stopNoisyVm, arg);
  if (!cp.enabled) return;
  // noisy: a VM that thrashes (misses more than THRASH_FRACTION of its working set: it reads the
  // disk and burns CPU in reclaim, what the operators sorted by), the most stalled first; in the
  // closed loop such a VM's stall can stay below monitoring's unresponsive threshold
  let worst = -1;
  for (let v = 0; v < st.vms; v++)
    if (
      st.alive[v] &&
      cp.cpAlive[v] &&
      !cp.queued[v] &&
      st.psi[v] > 0 &&
      st.missingMiB[v] * st.invWsMiB[v] > THRASH_FRACTION &&
      (worst < 0 || st.psi[v] > st.psi[worst])
    )
      worst = v;
  if (worst < 0) return; // nothing noisy left: the operators have nothing to stop
  enqueue(cp, worst, K_OPERATOR);
  cp.noisyStopped++;
  if (cp.logNoisy < 0)
    cp.logNoisy = done(
      log,
      'noisy-vms-stopped',
      time,
      'noisy VMs stopped',
      `The operators stop the VMs that stall the most, ${perMinute} a minute, and redeploy them fresh: their held backlog goes with the old copy.`,
      log.thrash[st.hostOf[worst]],
    );
}

/** Seed 002 15:45: the monitoring actions still queued for the orchestrator are dropped. */
function dropMonitoringQueue(st: SimState, log: EventLog, time: number): void {
  const cp = st.cp;
  let kept = 0,
    dropped = 0;
  for (let k = 0; k < cp.qLen; k++) {
    const i = (cp.qHead + k) % cp.qCap;
    const kind = cp.qKind[i];
    if (kind === K_UNREACHABLE || kind === K_UPSCALE) {
      if (cp.qVm[i] >= 0) cp.queued[cp.qVm[i]] = 0;
      dropped++;
      continue;
    }
    const j = (cp.qHead + kept) % cp.qCap;
    cp.qVm[j] = cp.qVm[i];
    cp.qKind[j] = kind;
    kept++;
  }
  cp.qLen = kept;
  if (dropped === 0) {
    skipped(log, time, 'drop queued monitoring actions', 'no monitoring action is queued');
    return;
  }
  done(
    log,
    'monitoring-queue-dropped',
    time,
    'monitoring queue dropped',
    `${dropped} queued monitoring actions (unreachable redeploys, upscales) are dropped; ${kept} other deployments stay queued.`,
    cp.stormEvent,
  );
}

/** Seed 002 18:36: monitoring sends actions again. */
function resumeMonitoring(st: SimState, log: EventLog, time: number): void {
  const cp = st.cp;
  if (!cp.enabled || !cp.paused) {
    skipped(log, time, 'resume monitoring', 'monitoring is not paused');
    return;
  }
  cp.paused = 0;
  done(log, 'monitoring-resumed', time, 'monitoring resumed', 'Monitoring checks and sends actions again.', -1);
}

/**
 * Seed 002 16:05: parked hypervisors join the fleet "to add capacity". The next `count` parked
 * hosts (fleet/state.ts allocates them, dense after the starting hosts) boot empty: up, healthy,
 * every slot free, khungtaskd scanning from a phase of their own; from then on the orchestrator's
 * placement (fleet/placement.ts) can put redeploys on them and they count in the fleet's figures.
 */
function addHosts(st: SimState, log: EventLog, time: number, count: number): void {
  if (!st.cp.enabled) {
    skipped(log, time, 'add hosts', 'the control plane is off (nothing would place VMs on them)');
    return;
  }
  const n = Math.min(count, st.hosts - st.hostsIn);
  if (n <= 0) {
    skipped(log, time, 'add hosts', 'no parked host is left');
    return;
  }
  const first = st.hostsIn;
  for (let h = first; h < first + n; h++) bootEmpty(st, h, time);
  st.hostsIn = first + n;
  if (st.hostsAddedT < 0) st.hostsAddedT = time;
  done(
    log,
    'hosts-added',
    time,
    'hosts added',
    `${n} parked hypervisor${n > 1 ? 's join' : ' joins'} the fleet empty (hv-${first}${n > 1 ? ` to hv-${first + n - 1}` : ''}), ${st.hostsIn} hosts now (${st.hostsStart} at the start): the orchestrator can place redeploys on ${n > 1 ? 'them' : 'it'}.`,
    st.cp.stormEvent,
  );
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
