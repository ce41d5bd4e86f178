// A fleet's size and the capacities that belong to the whole platform. Most of the model is per
// host or per VM (disks, VMs, agents, khungtaskd), but a few capacities are fleet-wide figures,
// sized for the fleet a scenario describes: the orchestrator's throughput and hosts, each zone's
// monitoring instance, the brokers' ingest. `fleet.hypervisors` alone keeps them, which is a
// question of its own (the same platform with more hosts: each host gets less of each).
// `resizeFleet` answers the other question (a fleet of another size, its platform sized for it):
// it scales each capacity with the number of hosts. The messaging cluster's clients, brokers and
// lookup limits are not scaled: they make the lookup storm, a property of the messaging cluster,
// which serves every region (docs/MODEL.md, "Scaling with the fleet").

import type { Scenario } from './types.ts';
import { getPath, parseScenario, setPath } from './validate.ts';

export interface FleetCapacity {
  path: string;
  /** a whole number (rounded, at least 1) */
  int: boolean;
  why: string;
}

/** Every fleet-wide capacity that scales with the number of hosts in `resizeFleet`. */
export const FLEET_CAPACITIES: readonly FleetCapacity[] = [
  {
    path: 'controlPlane.deploymentsPerMinute',
    int: false,
    why: "the orchestrator's throughput: every redeploy of the fleet goes through it",
  },
  { path: 'controlPlane.orchestratorHosts', int: true, why: 'the hosts its work runs on, on the same fleet' },
  {
    path: 'controlPlane.monitorConcurrentChecks',
    int: true,
    why: "one instance per zone checks every VM of its zone, so its checkers grow with the zone's hosts",
  },
  {
    path: 'messaging.brokerIngestEventsPerSecond',
    int: false,
    why: "the catch-up bandwidth: the brokers take the agents' backlogs after the outage",
  },
];

/**
 * The scenario with `hypervisors` hosts and every FLEET_CAPACITIES row scaled by
 * hypervisors / the scenario's own; everything else as it was. Goes through parseScenario, so a
 * scaled value past a row's range is clamped and reported in `issues`.
 */
export function resizeFleet(s: Scenario, hypervisors: number) {
  const raw = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  const f = hypervisors / s.fleet.hypervisors;
  setPath(raw, 'fleet.hypervisors', hypervisors);
  for (const c of FLEET_CAPACITIES) {
    const v = (getPath(raw, c.path) as number) * f;
    setPath(raw, c.path, c.int ? Math.max(1, Math.round(v)) : v);
  }
  return parseScenario(raw);
}
