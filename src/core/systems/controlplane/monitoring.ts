// Monitoring (the control plane's checks), eviction damping and the customers' baseline
// deployments. Each zone's monitoring instance is a VM on the fleet running
// monitorConcurrentChecks checks at once: a healthy VM answers in HEALTHY_CHECK_SECONDS, an
// unresponsive one holds its checker for the check timeout, so the instance gets through
// concurrent / mean check time checks per second (Little's law), times its share of CPU. The VMs
// it cannot reach within the interval (the tail of its fixed check order) have late data.

import type { SimState } from '../../sim-state.ts';
import { K_BASELINE, K_CUSTOMER, K_UNREACHABLE, K_UPSCALE } from './deploy-kinds.ts';
import { enqueue } from './queue.ts';
import {
  DAMPED_EVICTIONS_PER_SECOND,
  HEALTHY_CHECK_SECONDS,
  MONITOR_FULL_SPEED_LOAD,
  UNHEALTHY_ZONE_SHARE,
} from '../../settings.ts';
import { HASH_ORDERS, HASH_UNIT } from '../../streams.ts';

/** Zones: eviction tokens refill; with eviction damping, a zone with too many unhealthy hosts is marked. */
export function zoneHealth(st: SimState): void {
  const cp = st.cp,
    c = st.scenario.controlPlane;
  for (let z = 0; z < cp.zoneTokens.length; z++)
    cp.zoneTokens[z] = Math.min(1, cp.zoneTokens[z] + DAMPED_EVICTIONS_PER_SECOND * st.dt);
  if (!c.evictionDamping) return;
  for (let z = 0; z < cp.zoneUnhealthy.length; z++) cp.zoneUnhealthy[z] = 0;
  // the hosts in the fleet (parked ones are not: addHosts), counted per zone (added hosts join the zones in turn)
  const zoneHosts = cp.zoneHosts,
    zoneBad = cp.zoneBad;
  zoneHosts.fill(0);
  zoneBad.fill(0);
  for (let h = 0; h < st.hostsIn; h++) {
    const z = st.zoneOf[h];
    zoneHosts[z]++;
    if (!st.up[h] || st.hvState[h] >= 1 || st.hostLoadPerCore[h] > c.upscaleLoadPerCore) zoneBad[z]++; // pressured or worse: its VMs fail checks
  }
  for (let z = 0; z < zoneHosts.length; z++)
    cp.zoneUnhealthy[z] = zoneHosts[z] > 0 && zoneBad[z] / zoneHosts[z] >= UNHEALTHY_ZONE_SHARE ? 1 : 0;
}

/** Baseline deployments customers make anyway, of random live VMs. */
export function baselineDeployments(st: SimState): void {
  const cp = st.cp,
    c = st.scenario.controlPlane;
  cp.baselineCarry += (c.baselineDeploymentsPerVmHour * st.vmsReal * st.dt) / 3600;
  while (cp.baselineCarry >= 1) {
    cp.baselineCarry -= 1;
    // a random live VM: a random slot, then the next live one (spare slots are skipped)
    // (the slots of the hosts in the fleet: parked hosts, last, hold none)
    const slots = st.vmStart[st.hostsIn];
    let v = Math.floor(st.rng.float() * slots),
      tries = slots;
    while (!cp.cpAlive[v] && --tries > 0) v = v + 1 === slots ? 0 : v + 1;
    if (cp.cpAlive[v] && !cp.queued[v]) enqueue(cp, v, K_BASELINE);
  }
}

/** Monitoring's checks, once per check interval: each zone's capacity, crashed VMs noticed, every VM checked. */
export function monitoringChecks(st: SimState): void {
  const cp = st.cp,
    c = st.scenario.controlPlane;
  if (st.t < cp.nextCheck) return;
  cp.nextCheck += c.checkIntervalSeconds;
  zoneCapacity(st);
  const actions = !cp.paused;
  noticeLost(st, actions);
  checkVms(st, actions);
}

/**
 * Each zone's monitoring instance: the checks it can run this interval against the VMs to check;
 * unresponsive VMs (stalled, or crashed and not yet noticed) hold a checker for the timeout. Its
 * CPU share is 1/load past one task per core, none on a dead host.
 */
function zoneCapacity(st: SimState): void {
  const cp = st.cp,
    c = st.scenario.controlPlane;
  // the loop's arrays and threshold read once (a field load in the loop is repeated per VM)
  const { cpAlive, zoneVms, zoneStalled } = cp,
    { zoneOf, vmStart, psi, alive } = st,
    unresponsivePsi = c.unresponsivePsi;
  zoneVms.fill(0);
  zoneStalled.fill(0);
  // host by host (every slot: parked hosts' too), counted in locals: whole numbers, so the same
  // counts as slot by slot, without a zone lookup and two stores per VM
  for (let h = 0; h < st.hosts; h++) {
    let vms = 0,
      stalled = 0;
    for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
      if (!cpAlive[v]) continue;
      vms++;
      if (psi[v] > unresponsivePsi || !alive[v]) stalled++;
    }
    const z = zoneOf[h];
    zoneVms[z] += vms;
    zoneStalled[z] += stalled;
  }
  for (let z = 0; z < cp.zoneLateShare.length; z++) {
    const mh = cp.monitorHost[z],
      load = mh >= 0 ? st.hostLoadPerCore[mh] : 0,
      n = cp.zoneVms[z];
    const cpu = mh < 0 || !st.up[mh] ? 0 : load > MONITOR_FULL_SPEED_LOAD ? MONITOR_FULL_SPEED_LOAD / load : 1;
    const meanCheck =
      n > 0 ? ((n - cp.zoneStalled[z]) * HEALTHY_CHECK_SECONDS + cp.zoneStalled[z] * c.checkTimeoutSeconds) / n : 1;
    const capacity = ((c.monitorConcurrentChecks * c.checkIntervalSeconds) / meanCheck) * cpu;
    cp.zoneLateShare[z] = n > capacity ? 1 - capacity / n : 0;
  }
}

/** Crashed VMs whose failed checks add up are noticed as unreachable and redeployed (damping permitting). */
function noticeLost(st: SimState, actions: boolean): void {
  const cp = st.cp,
    c = st.scenario.controlPlane;
  while (cp.lostLen > 0 && cp.lostAt[cp.lostHead] <= st.t) {
    const z = cp.lostZone[cp.lostHead];
    if (!actions || (c.evictionDamping && cp.zoneUnhealthy[z] && cp.zoneTokens[z] < 1)) break;
    if (c.evictionDamping && cp.zoneUnhealthy[z]) cp.zoneTokens[z] -= 1;
    enqueue(cp, -1 - cp.lostSize[cp.lostHead], K_UNREACHABLE);
    cp.lostHead = (cp.lostHead + 1) % cp.qCap;
    cp.lostLen--;
  }
}

/**
 * Every VM the control plane knows, host by host: a stalled VM (or a late one, with
 * lateDataIsFailure) fails its check; customers redeploy VMs that look down; N failures in a row
 * make it unreachable (redeployed, damping permitting); autoscaled VMs on a hot host are upscaled
 * at most once per cooldown.
 */
function checkVms(st: SimState, actions: boolean): void {
  const cp = st.cp,
    c = st.scenario.controlPlane,
    t = st.t,
    rng = st.rng;
  const redeployChance = c.customerRedeployPerMinute * (c.checkIntervalSeconds / 60);
  const order = HASH_ORDERS.monitoringOrder,
    scaled = HASH_ORDERS.autoscaled;
  // the loop's arrays and figures read once (a field load in the loop is repeated per VM)
  const { cpAlive, failCount, queued, nextUpscale } = cp,
    { psi, sizeOf } = st,
    unresponsivePsi = c.unresponsivePsi,
    lateIsFailure = c.lateDataIsFailure,
    failuresBeforeUnreachable = c.failuresBeforeUnreachable;
  for (let h = 0; h < st.hosts; h++) {
    if (!st.up[h]) continue;
    const z = st.zoneOf[h],
      lateShare = cp.zoneLateShare[z];
    const load = st.hostLoadPerCore[h],
      steal = load > 1 ? 1 - 1 / load : 0; // VMs see steal once the host is past one task per core
    const hot = load > c.upscaleLoadPerCore || steal > c.upscaleSteal;
    // an overcommitted host swaps (migration/host-memory.ts): its VMs stall and miss their checks
    const swapping = st.maintOn && st.hostSwapping[h] === 1;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (!cpAlive[v]) continue;
      const stalled = swapping || psi[v] > unresponsivePsi;
      // the instance checks in a fixed order (a hash of the slot): the tail it cannot reach is late
      const late = lateShare > 0 && (Math.imul(v + order.offset, order.multiplier) >>> 0) * HASH_UNIT >= 1 - lateShare;
      if (late) cp.lateChecks++;
      if (late && !lateIsFailure) continue; // no data: neither a failure nor a pass
      if (stalled || late) {
        if (failCount[v] < 255) failCount[v]++;
        if (stalled && !queued[v] && rng.float() < redeployChance) enqueue(cp, v, K_CUSTOMER);
        else if (actions && !queued[v] && failCount[v] >= failuresBeforeUnreachable) {
          if (c.evictionDamping && cp.zoneUnhealthy[z]) {
            if (cp.zoneTokens[z] < 1) continue;
            cp.zoneTokens[z] -= 1;
          }
          enqueue(cp, v, K_UNREACHABLE);
        }
      } else if (failCount[v] !== 0) failCount[v] = 0; // (a store costs its checks on every VM)
      if (
        actions &&
        hot &&
        !queued[v] &&
        t >= nextUpscale[v] &&
        (Math.imul(v + scaled.offset, scaled.multiplier) >>> 0) * HASH_UNIT < c.autoscaledShare
      ) {
        nextUpscale[v] = t + c.upscaleCooldownMinutes * 60;
        enqueue(cp, -1 - sizeOf[v], K_UPSCALE);
      }
    }
  }
}
