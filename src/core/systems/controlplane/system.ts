// The control plane: monitoring, customers, the orchestrator and its scheduler.
//
// Monitoring checks every VM every check interval: a VM stalled on memory (PSI above the
// threshold) or a crashed VM fails its check; after N failures in a row it is declared
// unreachable and redeployed elsewhere. Each zone's monitoring instance is a VM on the fleet
// running `monitorConcurrentChecks` checks at once: a healthy VM answers in HEALTHY_CHECK_SECONDS,
// an unresponsive one holds its checker for the check timeout, so the instance gets through
// concurrent / mean check time checks per second (Little's law), times its share of CPU (1/load
// past one task per core, none on a dead host). The VMs it cannot reach within the interval (the
// tail of its fixed check order) have late data: a failed check with lateDataIsFailure (seed
// 002), no data otherwise. Autoscaled VMs on hosts with a high load average or CPU
// steal are upscaled (one more VM), at most once per cooldown. Customers redeploy VMs that look
// down, and make baseline deployments on a quiet day.
//
// The orchestrator drains its deployment queue at a finite rate, scaled by the share of its own
// hosts that are up and not overloaded, and only while messaging carries its notifications (or
// the fallback bus is on). A deployment puts a VM in a free slot of a host chosen by the
// scheduler (spread or least-loaded, within memory), reads its image from that host's disk,
// boots with a cold page cache (its working set is read once) and burns CPU there. A redeploy
// stops the old copy only once the new one has booted (blue/green), and only when the old
// copy's host can carry the stop out: a QEMU whose I/O waits in the host's saturated disk queue
// (tasks in D state do not act on signals until their wait ends) cannot exit, so the old copy
// keeps running, unknown to the control plane, "in stopping state" (seed 002 14:08 and 18:53:
// zombie VMs, dangling VMs in stopping state). A redeploy off a saturated host is an added VM,
// not a moved one. A watchdog redeploys crashed VMs at once.
// Eviction damping (Kubernetes): in a zone where at least 55% of hosts are unhealthy, monitoring
// redeploys at 0.01 per second.
//
// Per step the cost is O(hosts); the per-VM monitoring pass runs once per check interval.

import type { Scenario } from '../../../scenario/index.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import type { Scheduler } from '../../scheduler.ts';
import type { SimState } from '../../sim-state.ts';
import { MiB } from '../../units.ts';
import { vmLogRate } from '../../fleet/vm-size.ts';
import { QUEUE_BLOCK_SECONDS } from '../disk/system.ts';
import { END_REDEPLOYED, endVm, freeSlot, startVm as startSlot } from '../../fleet/slots.ts';
import { deploymentHost } from '../../fleet/placement.ts';
import { EV, PRIO_TIMELINE } from '../../event-kinds.ts';
import { K_BASELINE, K_CRASHED, K_CUSTOMER, K_UNREACHABLE, K_UPSCALE } from './deploy-kinds.ts';
import { deployButFor } from './but-for.ts';
import type { ControlPlane } from './state.ts';

export const EV_CP_FALLBACK = EV.fallbackBus,
  EV_CP_PAUSE = EV.pauseMonitoring,
  EV_CP_WATCHDOG_OFF = EV.stopWatchdog;

/** kube-controller-manager nodelifecycle: unhealthyZoneThreshold 0.55, secondaryNodeEvictionRate 0.01/s. */
const UNHEALTHY_ZONE_SHARE = 0.55,
  DAMPED_EVICTIONS_PER_SECOND = 0.01;
/** Time a check of a healthy VM takes (typical; plausible 0.01 to 1 s). */
const HEALTHY_CHECK_SECONDS = 0.1;
/** Orchestrator VMs on a host above this load per core slow down in proportion (typical). */
const ORCH_SLOW_LOAD = 1;

/** The control plane's view of the fleet at the start, and its hooks into the slot module (a crash, a move). */
export function initControlPlane(st: SimState): void {
  const cp = st.cp;
  for (let v = 0; v < st.vms; v++) if (st.alive[v]) cp.cpAlive[v] = 1;
  st.onVmLost = (v) => vmLost(st, v);
  st.onVmMoved = (from, to) => vmMoved(st, from, to);
}

export function scheduleControlPlaneEvents(s: Scenario, sched: Scheduler): void {
  for (const e of s.events) {
    const t = e.atMinute * 60;
    if (e.kind === 'enableFallbackBus') sched.schedule(t, PRIO_TIMELINE, EV_CP_FALLBACK);
    else if (e.kind === 'pauseMonitoring') sched.schedule(t, PRIO_TIMELINE, EV_CP_PAUSE);
    else if (e.kind === 'stopWatchdog') sched.schedule(t, PRIO_TIMELINE, EV_CP_WATCHDOG_OFF);
  }
}

/** The control-plane block's events: operator actions. */
export function applyControlPlaneEvent(
  st: SimState,
  log: EventLog,
  _sched: Scheduler,
  kind: number,
  _arg: number,
  time: number,
): void {
  const cp = st.cp;
  if (kind === EV_CP_FALLBACK) {
    cp.fallbackBus = 1;
    log.add(
      'fallback-bus-on',
      time,
      'scenario',
      'info',
      'fallback bus on',
      'The orchestrator sends its notifications over the fallback bus: it no longer waits for messaging.',
    );
  } else if (kind === EV_CP_PAUSE) {
    cp.paused = 1;
    log.add(
      'monitoring-paused',
      time,
      'scenario',
      'info',
      'monitoring paused',
      'Global maintenance on monitoring: no more redeploy or upscale actions.',
    );
  } else if (kind === EV_CP_WATCHDOG_OFF) {
    cp.watchdog = 0;
    log.add(
      'watchdog-stopped',
      time,
      'scenario',
      'info',
      'watchdog stopped',
      'The watchdog is stopped: crashed VMs wait for monitoring to call them unreachable.',
    );
  }
}

function enqueue(cp: ControlPlane, vm: number, kind: number): boolean {
  if (cp.qLen >= cp.qCap) return false;
  const i = (cp.qHead + cp.qLen) % cp.qCap;
  cp.qVm[i] = vm;
  cp.qKind[i] = kind;
  cp.qLen++;
  if (vm >= 0) cp.queued[vm] = 1;
  cp.requested[kind]++;
  if (cp.qLen > cp.peakQueue) cp.peakQueue = cp.qLen;
  return true;
}

/** A new VM (or a redeployed copy) starts in slot w: the slot module's start, plus the control plane's view and the deployment's cost on its target. */
function startVm(st: SimState, w: number, si: number, rate: number, id: number, byMonitoring: boolean): void {
  const c = st.scenario.controlPlane,
    h = st.hostOf[w];
  startSlot(st, w, si, rate, id);
  st.cp.cpAlive[w] = 1;
  st.cp.failCount[w] = 0;
  st.cp.queued[w] = 0;
  st.cp.nextUpscale[w] = 0;
  st.cp.dangling[w] = 0;
  // the deployment's cost on its target: the image, then the working set into a cold page cache
  // (a booted guest starts with an empty cache: every page of its working set is read once), and CPU
  const bytes = (c.imageMiB + (c.coldBootReads ? st.wsMiB[w] : 0)) * MiB;
  st.cp.deployReadLeft[h] += bytes;
  if (byMonitoring) st.cp.deployMonLeft[h] += bytes;
  st.cp.deployWork[h] += c.deployCpuCores * c.deploySeconds;
}

/**
 * A redeploy's old copy: the control plane forgets it at once (its replacement is booting), but
 * it keeps running until stopVm runs for it (processStops).
 */
function retire(st: SimState, v: number): void {
  const cp = st.cp;
  cp.cpAlive[v] = 0;
  cp.queued[v] = 0;
  cp.failCount[v] = 0;
  if (cp.stopLen >= cp.qCap) {
    stopVm(st, v); // no room to track it: stop at once (never reached with the ring sized to the slots)
    return;
  }
  cp.dangling[v] = 1;
  cp.stopSlot[cp.stopLen] = v;
  cp.stopAt[cp.stopLen] = st.t + st.scenario.controlPlane.deploySeconds;
  cp.stopLen++;
}

/**
 * Old copies stop once their replacement has booted and their host can carry the stop out:
 * up, and its disk queue short enough that QEMU's pending I/O completes (a task in D state does
 * not act on the kill until its wait ends). Copies that died meanwhile (their host panicked) drop out.
 */
function processStops(st: SimState): void {
  const cp = st.cp;
  let n = 0,
    dangling = 0;
  for (let i = 0; i < cp.stopLen; i++) {
    const v = cp.stopSlot[i];
    if (!cp.dangling[v] || !st.alive[v]) {
      cp.dangling[v] = 0;
      continue;
    }
    const h = st.hostOf[v];
    if (st.t >= cp.stopAt[i] && st.up[h] && st.diskQueueSeconds[h] <= QUEUE_BLOCK_SECONDS) {
      cp.dangling[v] = 0;
      stopVm(st, v);
      continue;
    }
    if (st.t >= cp.stopAt[i]) dangling++;
    cp.stopSlot[n] = v;
    cp.stopAt[n] = cp.stopAt[i];
    n++;
  }
  cp.stopLen = n;
  cp.danglingNow = dangling;
  cp.danglingSeconds += dangling * st.dt;
  if (dangling > cp.danglingPeak) cp.danglingPeak = dangling;
}

/**
 * The VM in slot v died (its host went down, or QEMU aborted): the watchdog restarts it at
 * once, or monitoring notices it after N failed checks and redeploys it. No-op when the
 * control plane is off or already knows.
 */
export function vmLost(st: SimState, v: number): void {
  const cp = st.cp;
  if (!cp.enabled || !cp.cpAlive[v]) return;
  const c = st.scenario.controlPlane,
    h = st.hostOf[v];
  cp.cpAlive[v] = 0;
  cp.queued[v] = 0;
  cp.failCount[v] = 0;
  if (cp.watchdog) enqueue(cp, -1 - st.sizeOf[v], K_CRASHED);
  else if (cp.lostLen < cp.qCap) {
    const i = (cp.lostHead + cp.lostLen++) % cp.qCap;
    cp.lostSize[i] = st.sizeOf[v];
    cp.lostAt[i] = st.t + c.failuresBeforeUnreachable * c.checkIntervalSeconds;
    cp.lostZone[i] = st.zoneOf[h];
  }
}

/** A VM moved from slot `from` to `to` (live migration): deployments queued for it follow it. */
export function vmMoved(st: SimState, from: number, to: number): void {
  const cp = st.cp;
  if (!cp.enabled || !cp.queued[to]) return; // its per-slot view has moved with it already
  for (let k = 0, i = cp.qHead; k < cp.qLen; k++, i = i + 1 === cp.qCap ? 0 : i + 1)
    if (cp.qVm[i] === from) cp.qVm[i] = to;
}

/** A redeployed VM's old copy stops: what it still held is lost (counted, so conservation holds). */
function stopVm(st: SimState, v: number): void {
  st.cp.dangling[v] = 0;
  endVm(st, v, END_REDEPLOYED);
  st.cp.cpAlive[v] = 0;
}

export function controlPlaneSystem(st: SimState, log: EventLog): void {
  const cp = st.cp;
  if (!cp.enabled) return;
  const c = st.scenario.controlPlane,
    dt = st.dt,
    t = st.t,
    rng = st.rng;

  // hosts that went down since the last step: their VMs are lost
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0 && cp.hostWasUp[h] === 1) {
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) if (cp.cpAlive[v]) vmLost(st, v);
      cp.deployWork[h] = 0;
      cp.deployReadLeft[h] = 0;
      cp.deployMonLeft[h] = 0;
    }
    cp.hostWasUp[h] = st.up[h];
  }

  // zones: unhealthy share (damping) and late monitoring instances
  for (let z = 0; z < cp.zoneTokens.length; z++)
    cp.zoneTokens[z] = Math.min(1, cp.zoneTokens[z] + DAMPED_EVICTIONS_PER_SECOND * dt);
  if (c.evictionDamping) {
    for (let z = 0; z < cp.zoneUnhealthy.length; z++) cp.zoneUnhealthy[z] = 0;
    let zi = 0,
      zoneHosts = 0,
      zoneBad = 0;
    for (let h = 0; h <= st.hosts; h++) {
      if (h === st.hosts || st.zoneOf[h] !== zi) {
        cp.zoneUnhealthy[zi] = zoneHosts > 0 && zoneBad / zoneHosts >= UNHEALTHY_ZONE_SHARE ? 1 : 0;
        if (h === st.hosts) break;
        zi = st.zoneOf[h];
        zoneHosts = 0;
        zoneBad = 0;
      }
      zoneHosts++;
      if (!st.up[h] || st.hvState[h] >= 1 || st.hostLoadPerCore[h] > c.upscaleLoadPerCore) zoneBad++; // pressured or worse: its VMs fail checks
    }
  }

  // baseline deployments customers make anyway
  cp.baselineCarry += (c.baselineDeploymentsPerVmHour * st.vmsReal * dt) / 3600;
  while (cp.baselineCarry >= 1) {
    cp.baselineCarry -= 1;
    // a random live VM: a random slot, then the next live one (spare slots are skipped)
    let v = Math.floor(rng.float() * st.vms),
      tries = st.vms;
    while (!cp.cpAlive[v] && --tries > 0) v = v + 1 === st.vms ? 0 : v + 1;
    if (cp.cpAlive[v] && !cp.queued[v]) enqueue(cp, v, K_BASELINE);
  }

  // monitoring checks, once per interval
  if (t >= cp.nextCheck) {
    cp.nextCheck += c.checkIntervalSeconds;
    // each zone's monitoring instance: the checks it can run this interval against the VMs to
    // check; unresponsive VMs (stalled, or crashed and not yet noticed) hold a checker for the timeout
    cp.zoneVms.fill(0);
    cp.zoneStalled.fill(0);
    for (let v = 0; v < st.vms; v++) {
      if (!cp.cpAlive[v]) continue;
      const z = st.zoneOf[st.hostOf[v]];
      cp.zoneVms[z]++;
      if (st.psi[v] > c.unresponsivePsi || !st.alive[v]) cp.zoneStalled[z]++;
    }
    for (let z = 0; z < cp.zoneLateShare.length; z++) {
      const mh = cp.monitorHost[z],
        load = mh >= 0 ? st.hostLoadPerCore[mh] : 0,
        n = cp.zoneVms[z];
      const cpu = mh < 0 || !st.up[mh] ? 0 : load > 1 ? 1 / load : 1;
      const meanCheck =
        n > 0 ? ((n - cp.zoneStalled[z]) * HEALTHY_CHECK_SECONDS + cp.zoneStalled[z] * c.checkTimeoutSeconds) / n : 1;
      const capacity = ((c.monitorConcurrentChecks * c.checkIntervalSeconds) / meanCheck) * cpu;
      cp.zoneLateShare[z] = n > capacity ? 1 - capacity / n : 0;
    }
    const actions = !cp.paused;
    const redeployChance = c.customerRedeployPerMinute * (c.checkIntervalSeconds / 60);
    while (cp.lostLen > 0 && cp.lostAt[cp.lostHead] <= t) {
      // crashed VMs noticed as unreachable
      const z = cp.lostZone[cp.lostHead];
      if (!actions || (c.evictionDamping && cp.zoneUnhealthy[z] && cp.zoneTokens[z] < 1)) break;
      if (c.evictionDamping && cp.zoneUnhealthy[z]) cp.zoneTokens[z] -= 1;
      enqueue(cp, -1 - cp.lostSize[cp.lostHead], K_UNREACHABLE);
      cp.lostHead = (cp.lostHead + 1) % cp.qCap;
      cp.lostLen--;
    }
    for (let h = 0; h < st.hosts; h++) {
      if (!st.up[h]) continue;
      const z = st.zoneOf[h],
        lateShare = cp.zoneLateShare[z];
      const load = st.hostLoadPerCore[h],
        steal = load > 1 ? 1 - 1 / load : 0; // VMs see steal once the host is past one task per core
      const hot = load > c.upscaleLoadPerCore || steal > c.upscaleSteal;
      // an overcommitted host swaps (migration.ts): its VMs stall and miss their checks
      const swapping = st.maintOn && st.hostSwapping[h] === 1;
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
        if (!cp.cpAlive[v]) continue;
        const stalled = swapping || st.psi[v] > c.unresponsivePsi;
        // the instance checks in a fixed order (a hash of the slot): the tail it cannot reach is late
        const late = lateShare > 0 && (Math.imul(v + 1, 0x9e3779b1) >>> 0) * 2.3283064365386963e-10 >= 1 - lateShare;
        if (late) cp.lateChecks++;
        if (late && !c.lateDataIsFailure) continue; // no data: neither a failure nor a pass
        if (stalled || late) {
          if (cp.failCount[v] < 255) cp.failCount[v]++;
          if (stalled && !cp.queued[v] && rng.float() < redeployChance) enqueue(cp, v, K_CUSTOMER);
          else if (actions && !cp.queued[v] && cp.failCount[v] >= c.failuresBeforeUnreachable) {
            if (c.evictionDamping && cp.zoneUnhealthy[z]) {
              if (cp.zoneTokens[z] < 1) continue;
              cp.zoneTokens[z] -= 1;
            }
            enqueue(cp, v, K_UNREACHABLE);
          }
        } else cp.failCount[v] = 0;
        if (
          actions &&
          hot &&
          !cp.queued[v] &&
          t >= cp.nextUpscale[v] &&
          (Math.imul(v + 1, 0x85ebca6b) >>> 0) * 2.3283064365386963e-10 < c.autoscaledShare
        ) {
          cp.nextUpscale[v] = t + c.upscaleCooldownMinutes * 60;
          enqueue(cp, -1 - st.sizeOf[v], K_UPSCALE);
        }
      }
    }
  }

  // the orchestrator drains its queue
  let share = 0;
  for (let i = 0; i < cp.orchHosts.length; i++) {
    const h = cp.orchHosts[i];
    if (st.up[h]) share += st.hostLoadPerCore[h] > ORCH_SLOW_LOAD ? ORCH_SLOW_LOAD / st.hostLoadPerCore[h] : 1;
  }
  share /= cp.orchHosts.length;
  const notified = cp.fallbackBus || st.availability >= 0.5;
  cp.stepDeployments = 0;
  if (notified) {
    cp.drainCarry += (c.deploymentsPerMinute / 60) * dt * share;
    while (cp.drainCarry >= 1 && cp.qLen > 0) {
      cp.drainCarry -= 1;
      const vm = cp.qVm[cp.qHead],
        kind = cp.qKind[cp.qHead];
      cp.qHead = (cp.qHead + 1) % cp.qCap;
      cp.qLen--;
      if (vm >= 0 && !cp.cpAlive[vm]) continue; // its host died meanwhile: handled as a crash
      const si = vm >= 0 ? st.sizeOf[vm] : -1 - vm;
      const target = deploymentHost(st, st.sizeMemMiB[si], vm >= 0 ? st.hostOf[vm] : -1);
      const w = target >= 0 ? freeSlot(st, target) : -1;
      if (w < 0) {
        cp.noCapacity++;
        if (vm >= 0) cp.queued[vm] = 0;
        continue;
      }
      startVm(
        st,
        w,
        si,
        vm >= 0 ? st.ratePerStep[vm] : vmLogRate(st.scenario, st.nextVmId) * dt,
        vm >= 0 ? st.vmId[vm] : st.nextVmId++,
        kind === K_UNREACHABLE || kind === K_UPSCALE,
      );
      if (vm >= 0) retire(st, vm);
      if (kind === K_CRASHED || (kind === K_UNREACHABLE && vm < 0)) st.vmsRestored++;
      cp.deployments++;
      cp.byKind[kind]++;
      cp.lastKind[target] = kind;
      cp.stepDeployments++;
    }
    if (cp.drainCarry > 1) cp.drainCarry = 1;
  }
  if (cp.qLen > 0 && !notified && cp.lastDrainOk) {
    log.add(
      'deployments-blocked',
      t,
      'controlPlane',
      'warning',
      'deployments blocked',
      'The orchestrator cannot send notifications while messaging is down: its deployment queue stops draining.',
      -1,
      log.outage,
    );
  }
  cp.lastDrainOk = notified ? 1 : 0;
  if (cp.stormEvent < 0 && cp.qLen >= Math.max(20, (c.baselineDeploymentsPerVmHour * st.vmsReal) / 2)) {
    cp.stormEvent = log.add(
      'redeploy-storm',
      t,
      'controlPlane',
      'warning',
      'redeploy storm',
      `${cp.qLen} deployments queued (unreachable VMs, upscales, customers), against a baseline of ${(c.baselineDeploymentsPerVmHour * st.vmsReal).toFixed(0)} per hour.`,
      -1,
      log.outage >= 0 ? log.outage : log.pulsar,
    );
  }

  processStops(st);

  // deployment costs on their targets: image and cold-cache reads on the disk, CPU in the load average
  const readPerStep = c.deployReadMBps * 1e6 * dt,
    imageBytes = c.imageMiB * MiB,
    decay = dt < c.deploySeconds ? dt / c.deploySeconds : 1;
  for (let h = 0; h < st.hosts; h++) {
    const left = cp.deployReadLeft[h];
    let r = 0,
      rMon = 0;
    if (left > 0) {
      const lanes = imageBytes > 0 ? Math.max(1, Math.round(left / imageBytes)) : 1; // deployments reading at once
      r = left < readPerStep * lanes ? left : readPerStep * lanes;
      cp.deployReadLeft[h] = left - r;
      st.readDemandBytes[h] += r;
      // monitoring's share of what is read, in proportion to what it has left to read
      const mon = cp.deployMonLeft[h];
      if (mon > 0) {
        rMon = (r * mon) / left;
        cp.deployMonLeft[h] = mon - rMon;
      }
    }
    if (st.up[h]) deployButFor(st, log, h, r, rMon);
    else cp.shadowQueue[h] = cp.shadowMonQueue[h] = 0; // a host that went down comes back with an empty queue, in both worlds
    const work = cp.deployWork[h];
    if (work > 0) {
      const burn = work * decay;
      cp.deployWork[h] = work - burn < 1e-6 ? 0 : work - burn;
      st.extraLoadCores[h] = burn / dt;
    } else st.extraLoadCores[h] = 0;
  }
}
