// The state of a run: plain typed arrays indexed by dense ids, plus a few scalars, in one flat
// object assembled here from its parts. Each part is created by the module that owns it (its
// create…State) and typed there; sim-state.ts is the whole type. Built once: the step loop only
// writes into these arrays and never allocates. This module imports the parts' state modules
// alone, never a system's logic, and nothing imports it but the simulation.

import type { Scenario } from '../scenario/index.ts';
import type { SimState } from './sim-state.ts';
import { RUN_DOUBLES, createRunState } from './run-state.ts';
import { FLEET_DOUBLES, createFleetState, parkedHosts, vmsPerHost } from './fleet/state.ts';
import { linkSlotArrays } from './fleet/slots.ts';
import { HOSTS_DOUBLES, createHostsState } from './systems/hosts/state.ts';
import { createHungTaskState } from './systems/hungtask/state.ts';
import { MESSAGING_DOUBLES, createMessagingState } from './systems/messaging/state.ts';
import { CLUSTER_DOUBLES, PULSAR_DOUBLES, createPulsarState } from './systems/pulsar/state.ts';
import { TELEMETRY_DOUBLES, createTelemetryState } from './systems/telemetry/state.ts';
import { createMemoryState } from './systems/memory/state.ts';
import {
  CONTROL_PLANE_DOUBLES,
  controlPlaneSlotArrays,
  createControlPlaneState,
} from './systems/controlplane/state.ts';
import { DISK_DOUBLES, createDiskState } from './systems/disk/state.ts';
import { TASKS_DOUBLES, createTasksState } from './systems/tasks/state.ts';
import { createMigrationState, spareSlotsPerHost } from './systems/migration/state.ts';

/**
 * Number fields that hold doubles during a run (fractions, clocks, event totals past 2^30) but
 * start as small integers. V8 stores a field in the representation of its first value: a field
 * created as a Smi that later takes a double changes the object's hidden class mid-run, and every
 * system compiled against the old one deoptimises ("wrong map", three waves in the first run of
 * a process). Created as doubles, the state keeps one hidden class from its first step. Each part
 * lists its own.
 */
const DOUBLE_FIELDS = [
  ...RUN_DOUBLES,
  ...FLEET_DOUBLES,
  ...MESSAGING_DOUBLES,
  ...PULSAR_DOUBLES,
  ...TELEMETRY_DOUBLES,
  ...HOSTS_DOUBLES,
  ...DISK_DOUBLES,
  ...TASKS_DOUBLES,
] as const;

/** Gives each named number field the double representation; its value is unchanged. */
function asDoubles<T extends object>(o: T, keys: readonly (keyof T & string)[]): void {
  const rec = o as unknown as Record<string, number>;
  for (const k of keys) {
    const v = rec[k];
    rec[k] = 0.5; // a double: the field's representation becomes Double (and stays so)
    rec[k] = v;
  }
}

export function createState(s: Scenario): SimState {
  // per-host arrays cover the hosts the fleet starts with and the parked ones addHosts can add
  // (fleet/state.ts): dense ids, the parked last
  const hosts = s.fleet.hypervisors + parkedHosts(s);
  const perHost = vmsPerHost(s);
  // VM slots per host: the VMs it starts with plus spare slots that live migration (a maintenance
  // window) or the orchestrator (redeploys) can fill; none when nothing can move
  const spare = Math.max(
    spareSlotsPerHost(s, perHost),
    s.controlPlane.enabled ? Math.ceil(perHost * s.controlPlane.spareSlotShare) : 0,
  );
  // the parts that draw from the run's generator, in the order they draw: khungtaskd's scan
  // phases, the per-host VM mixes, the per-host disk speeds (the starting hosts' alone: a parked
  // host draws its scan phase when it is added, its disk speed is keyed)
  const run = createRunState(s);
  const hungTask = createHungTaskState(s, run.rng, hosts);
  const fleet = createFleetState(s, run.rng, spare);
  const disk = createDiskState(s, hosts, run.rng);
  const vms = fleet.vms;

  const st: SimState = {
    ...run,
    ...fleet,
    ...createHostsState(s, hosts),
    ...hungTask,
    ...createMessagingState(),
    ...createPulsarState(s),
    ...createTelemetryState(s, hosts, vms),
    ...createMemoryState(hosts, vms, perHost),
    ...createControlPlaneState(s, hosts, vms, fleet.zoneOf),
    ...disk,
    ...createTasksState(s, hosts, s.stepSeconds),
    ...createMigrationState(s, hosts, vms),
  };
  asDoubles(st, DOUBLE_FIELDS);
  asDoubles(st.pulsar, CLUSTER_DOUBLES);
  asDoubles(st.cp, CONTROL_PLANE_DOUBLES);
  linkSlotArrays(st, controlPlaneSlotArrays(st.cp));
  return st;
}
