// The control plane's part of the state (system.ts runs it): per-slot monitoring counters, the
// deployment queue, lost VMs waiting to be noticed, per-host deployment work and the but-for
// shadow queues (but-for.ts), per-zone monitoring figures, and the run's counters.

import type { Scenario } from '../../../scenario/index.ts';
import { DEPLOY_KINDS } from './deploy-kinds.ts';

export type ControlPlane = ReturnType<typeof createControlPlane>;
export type ControlPlaneState = ReturnType<typeof createControlPlaneState>;

export function createControlPlaneState(s: Scenario, hosts: number, slots: number, zoneOf: Uint16Array) {
  return {
    cp: createControlPlane(s, hosts, slots, zoneOf),
    /** crashed VMs the orchestrator has redeployed since */
    vmsRestored: 0,
  };
}

/** Number fields of the control plane that hold doubles during a run. */
export const CONTROL_PLANE_DOUBLES = ['baselineCarry', 'drainCarry'] as const;

/** The control plane's per-slot view: moves with its VM (fleet/slots.ts move). */
export function controlPlaneSlotArrays(cp: ControlPlane) {
  return [cp.cpAlive, cp.failCount, cp.queued, cp.nextUpscale];
}

function createControlPlane(s: Scenario, hosts: number, slots: number, zoneOf: Uint16Array) {
  const c = s.controlPlane;
  const cap = Math.max(1024, slots * 4);
  const orch: number[] = [];
  // the orchestrator and monitoring run on hosts the fleet starts with (not on parked ones)
  const start = Math.min(hosts, s.fleet.hypervisors);
  const n = Math.min(start, c.orchestratorHosts);
  for (let i = 0; i < n; i++) orch.push(Math.floor((i * start) / n));
  // one monitoring instance per zone, on the second host of the zone (the first when alone)
  const monitorHost = new Int32Array(s.fleet.zones).fill(-1);
  for (let h = start - 1; h >= 0; h--) {
    const z = zoneOf[h];
    if (monitorHost[z] < 0 || h === monitorHost[z] - 1) monitorHost[z] = h;
  }
  return {
    enabled: c.enabled,
    failCount: new Uint8Array(slots),
    queued: new Uint8Array(slots), // 1: already in the queue
    nextUpscale: new Float64Array(slots),
    /** the control plane's view: which slots run a VM (a panicked host's VMs until it notices the host is down) */
    cpAlive: new Uint8Array(slots),
    // the deployment queue: FIFO of (target VM slot or -1-size, kind)
    qVm: new Int32Array(cap),
    qKind: new Uint8Array(cap),
    qHead: 0,
    qLen: 0,
    qCap: cap,
    // lost VMs (crashed with their host) waiting to be noticed: size and detection time
    lostSize: new Uint8Array(cap),
    lostAt: new Float64Array(cap),
    lostZone: new Uint16Array(cap),
    lostHead: 0,
    lostLen: 0,
    deployWork: new Float64Array(hosts), // core-seconds of deployment CPU left
    deployReadLeft: new Float64Array(hosts), // bytes of images left to read
    hostWasUp: new Uint8Array(hosts).fill(1, 0, start),
    orchHosts: Int32Array.from(orch),
    monitorHost,
    zoneLateShare: new Float64Array(s.fleet.zones), // share of the zone's VMs whose check is late this interval
    zoneVms: new Float64Array(s.fleet.zones),
    zoneStalled: new Float64Array(s.fleet.zones),
    lateChecks: 0, // checks that came back late (counted, for tests and the log)
    // redeploys whose old copy still runs: slot, and the earliest time it may stop (the new copy booted)
    stopSlot: new Int32Array(cap),
    stopAt: new Float64Array(cap),
    stopLen: 0,
    dangling: new Uint8Array(slots), // 1: a redeployed VM's old copy, still running, unknown to the control plane
    danglingNow: 0,
    danglingPeak: 0,
    danglingSeconds: 0, // VM-seconds spent dangling
    // per host: the disk queue the host would have without deployment reads (but-for test of the verdict link)
    shadowQueue: new Float64Array(hosts),
    // per host: the same without the reads of monitoring's own actions (unreachable, upscale)
    shadowMonQueue: new Float64Array(hosts),
    /** when a but-for link was logged on a host that was not thrashing (its disk event names it) */
    deployLinkAt: new Float64Array(hosts).fill(-1),
    deployMonLeft: new Float64Array(hosts), // bytes of deployReadLeft that monitoring's actions started
    lastKind: new Uint8Array(hosts), // the kind of the last deployment onto each host (for the log)
    deployReadStep: new Float64Array(hosts),
    zoneUnhealthy: new Uint8Array(s.fleet.zones),
    /** zoneHealth's scratch: hosts in the fleet and unhealthy ones, per zone */
    zoneHosts: new Int32Array(s.fleet.zones),
    zoneBad: new Int32Array(s.fleet.zones),
    /** 1: the operators drained the host: no placements (operator/actions.ts) */
    drained: new Uint8Array(hosts),
    noisyStopped: 0, // VMs the operators stopped as noisy
    logNoisy: -1,
    zoneTokens: new Float64Array(s.fleet.zones).fill(1),
    nextCheck: c.checkIntervalSeconds,
    fallbackBus: c.fallbackBus ? 1 : 0,
    paused: c.pauseMonitoringActions ? 1 : 0,
    watchdog: c.watchdog ? 1 : 0,
    baselineCarry: 0,
    drainCarry: 0,
    // counters
    deployments: 0,
    byKind: new Float64Array(DEPLOY_KINDS.length),
    requested: new Float64Array(DEPLOY_KINDS.length),
    noCapacity: 0,
    peakQueue: 0,
    stepDeployments: 0,
    stormEvent: -1,
    lastDrainOk: 1,
  };
}
