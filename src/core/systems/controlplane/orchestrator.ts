// The orchestrator: it drains its deployment queue at a finite rate, scaled by the share of its
// own hosts that are up and not overloaded, and only while messaging carries its notifications
// (or the fallback bus is on). A deployment puts a VM in a free slot of a host its scheduler
// chooses, reads its image and cold page cache on that host's disk and burns CPU there; a
// redeploy's old copy stops once the new one has booted and its host can carry the stop out.

import type { EventLog } from '../../observers/eventlog.ts';
import type { SimState } from '../../sim-state.ts';
import { MiB } from '../../units.ts';
import { vmLogRate } from '../../fleet/vm-size.ts';
import { MESSAGING_DOWN_BELOW, ORCH_SLOW_LOAD, QUEUE_BLOCK_SECONDS } from '../../settings.ts';
import { END_REDEPLOYED, endVm, freeSlot, startVm as startSlot } from '../../fleet/slots.ts';
import { deploymentHost } from '../../fleet/placement.ts';
import { K_CRASHED, K_UNREACHABLE, K_UPSCALE } from './deploy-kinds.ts';
import { deployButFor } from './but-for.ts';

/**
 * The orchestrator drains its queue: each deployment lands in a free slot of the host its
 * scheduler picks (or fails for want of capacity). Returns whether it could send notifications.
 */
export function drainQueue(st: SimState): boolean {
  const cp = st.cp,
    c = st.scenario.controlPlane,
    dt = st.dt;
  let share = 0;
  for (let i = 0; i < cp.orchHosts.length; i++) {
    const h = cp.orchHosts[i];
    if (st.up[h]) share += st.hostLoadPerCore[h] > ORCH_SLOW_LOAD ? ORCH_SLOW_LOAD / st.hostLoadPerCore[h] : 1;
  }
  share /= cp.orchHosts.length;
  const notified = cp.fallbackBus || st.availability >= MESSAGING_DOWN_BELOW;
  cp.stepDeployments = 0;
  if (!notified) return false;
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
export function processStops(st: SimState): void {
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
 * The operators destroy every old copy stuck in stopping state at once, whatever its host's disk
 * (operator/actions.ts, cleanZombieVms). Returns how many were stopped.
 */
export function forceStops(st: SimState): number {
  const cp = st.cp;
  let n = 0;
  for (let i = 0; i < cp.stopLen; i++) {
    const v = cp.stopSlot[i];
    if (cp.dangling[v] && st.alive[v] && st.t >= cp.stopAt[i]) {
      stopVm(st, v);
      n++;
    }
  }
  return n;
}

/** A redeployed VM's old copy stops: what it still held is lost (counted, so conservation holds). */
function stopVm(st: SimState, v: number): void {
  st.cp.dangling[v] = 0;
  endVm(st, v, END_REDEPLOYED);
  st.cp.cpAlive[v] = 0;
}

/**
 * Deployment costs on their targets: image and cold-cache reads on the disk (and the verdict's
 * but-for test of them, but-for.ts), CPU in the load average.
 */
export function deploymentCosts(st: SimState, log: EventLog): void {
  const cp = st.cp,
    c = st.scenario.controlPlane,
    dt = st.dt;
  const readPerStep = c.deployReadMBps * 1e6 * dt,
    imageBytes = c.imageMiB * MiB,
    decay = dt < c.deploySeconds ? dt / c.deploySeconds : 1;
  const closedLoop = st.scenario.hypervisor.diskModel === 'closed-loop';
  for (let h = 0; h < st.hosts; h++) {
    const left = cp.deployReadLeft[h];
    let r = 0,
      rMon = 0;
    if (left > 0) {
      const lanes = imageBytes > 0 ? Math.max(1, Math.round(left / imageBytes)) : 1; // deployments reading at once
      r = left < readPerStep * lanes ? left : readPerStep * lanes;
      cp.deployReadLeft[h] = left - r;
      st.readDemandBytes[h] += r;
      // the image is pulled onto the host's ext4 before it boots from it: buffered writes to new
      // blocks, the journal's ordered data (disk/system.ts)
      if (closedLoop) st.writeDemandBytes[h] += r;
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
