// Which of the optional models a scenario exercises: one answer for the parameter panel (which
// groups open), the charts (which groups show, and why) and the ensemble plan (which typical
// constants are worth drawing). Each event kind names its model in EVENT_KINDS, so a new kind
// reaches all three by its table row alone.

import { EVENT_KINDS, type EventModel } from './params/index.ts';
import type { Scenario } from './types.ts';

const MODEL_OF_KIND = new Map<string, EventModel>(EVENT_KINDS.map((k) => [k.kind, k.model]));

export interface ModelsInUse {
  /** a broker event on the timeline (an upgrade, a stall, a slowdown, an operator action on brokers) */
  brokerEvents: boolean;
  /** an operator action on the control plane (the fallback bus, pausing monitoring, the watchdog) */
  controlEvents: boolean;
  /** the control plane (monitoring and the orchestrator) runs */
  controlPlane: boolean;
  /** a maintenance window: hosts evacuate by live migration */
  maintenance: boolean;
  /** the proxy leaks connections: hypervisor agents pile up toward the pids limit */
  proxyLeak: boolean;
  /** hypervisor.diskModel=closed-loop: its rows (CLOSED_LOOP_PATHS) act */
  closedLoopDisk: boolean;
}

/** The rows only the closed-loop disk model reads (hypervisor.diskModel=closed-loop). */
export const CLOSED_LOOP_PATHS: readonly string[] = [
  'hypervisor.diskReadIops',
  'hypervisor.diskLatencyMicros',
  'hypervisor.writeShareUnderReads',
  'hypervisor.writeInFlightMiB',
  'hypervisor.journalCommitMiB',
  'memory.faultReadKiB',
  'memory.faultThreadsPerVcpu',
  'memory.faultCpuMicros',
  'hypervisor.ioCpuMicros',
  'telemetry.agentThreadsDraining',
];

export function modelsInUse(s: Scenario): ModelsInUse {
  const has = (m: EventModel) => s.events.some((e) => MODEL_OF_KIND.get(e.kind) === m);
  return {
    brokerEvents: has('brokers'),
    controlEvents: has('controlPlane'),
    controlPlane: s.controlPlane.enabled,
    maintenance: has('maintenance'),
    proxyLeak: s.proxy.leakPercent > 0,
    closedLoopDisk: s.hypervisor.diskModel === 'closed-loop',
  };
}
