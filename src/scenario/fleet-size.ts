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
import { loadPreset } from './presets.ts';
import { getPath, parseScenario, setPath, type ParseResult } from './validate.ts';

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
    // a per-broker figure: the broker count stays (it shapes the lookup storm, a property of the
    // messaging cluster), so a cluster sized for more agents' catch-up is more ingest per broker
    why: "the catch-up bandwidth: the brokers take the agents' backlogs after the outage (per broker: the broker count stays, it belongs to the messaging cluster)",
  },
];

/** What a resize changed: each capacity scaled (before -> after), each kept, the host counts. */
export interface FleetResize extends ParseResult {
  /** the host counts before and after (after: as validated, so within the row's range) */
  hosts: { from: number; to: number };
  scaled: { path: string; from: number; to: number }[];
  /** capacities left at their value: the caller's `keep` (the user's own values) */
  kept: { path: string; value: number }[];
}

/**
 * The scenario with `hypervisors` hosts and every FLEET_CAPACITIES row scaled by
 * hypervisors / the scenario's own, except the paths in `keep` (values the user set: they stay);
 * everything else as it was. Goes through parseScenario, so a host count past its range is
 * clamped first (the factor is the clamped one) and a scaled value past a row's range is clamped;
 * both are reported in `issues`.
 */
export function resizeFleet(s: Scenario, hypervisors: number, keep: readonly string[] = []): FleetResize {
  return resizeWith(s, hypervisors, (c, hosts) =>
    keep.includes(c.path) ? null : cap(c, at(s, c) * (hosts / s.fleet.hypervisors)),
  );
}

/**
 * The playground's "scale the platform with the fleet": each capacity the user has not changed
 * is sized for `hypervisors` hosts from the preset's own (the preset's value x hosts / the
 * preset's hosts, so resizing twice never compounds rounding). A capacity counts as the user's
 * own, and is kept, when it is neither the preset's value nor the preset's value sized for the
 * scenario's current hosts. A scenario whose preset is unknown scales every capacity as
 * resizeFleet does.
 */
export function resizeWithPlatform(s: Scenario, hypervisors: number, keep: readonly string[] = []): FleetResize {
  const base = loadPreset(s.preset);
  if (!base) return resizeFleet(s, hypervisors, keep);
  const sized = (c: FleetCapacity, hosts: number) => cap(c, at(base, c) * (hosts / base.fleet.hypervisors));
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return resizeWith(s, hypervisors, (c, hosts) => {
    const v = at(s, c);
    const platforms = same(v, at(base, c)) || same(v, sized(c, s.fleet.hypervisors));
    return keep.includes(c.path) || !platforms ? null : sized(c, hosts);
  });
}

const at = (s: Scenario, c: FleetCapacity) => getPath(s, c.path) as number;
const cap = (c: FleetCapacity, v: number) => (c.int ? Math.max(1, Math.round(v)) : v);

/** `value(c, hosts)`: a capacity's new value for `hosts` hosts, or null to keep it */
function resizeWith(
  s: Scenario,
  hypervisors: number,
  value: (c: FleetCapacity, hosts: number) => number | null,
): FleetResize {
  // the host count first, alone: a count past its range is clamped before anything is scaled by it
  const raw = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  setPath(raw, 'fleet.hypervisors', hypervisors);
  const checked = parseScenario(raw);
  const hosts = checked.scenario.fleet.hypervisors;
  const scaled: FleetResize['scaled'] = [];
  const kept: FleetResize['kept'] = [];
  for (const c of FLEET_CAPACITIES) {
    const from = at(s, c);
    const to = value(c, hosts);
    if (to === null) kept.push({ path: c.path, value: from });
    else setPath(raw, c.path, to);
  }
  const out = parseScenario(raw);
  for (const c of FLEET_CAPACITIES) {
    const from = at(s, c);
    const to = at(out.scenario, c);
    if (to !== from) scaled.push({ path: c.path, from, to });
  }
  return { ...out, hosts: { from: s.fleet.hypervisors, to: hosts }, scaled, kept };
}
