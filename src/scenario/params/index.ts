// The property table: every scenario parameter, once, one file per parameter group. Validation,
// defaults, the CLI's --set, the playground's controls, scenario links and docs/MODEL.md are all
// driven from it. Each default names where it comes from; "typical" marks a value chosen as
// representative where no public figure fixes it, and such a number row carries its plausible
// range (`typical: { lo, hi, why }`, listed by assumptions.ts).
//
// The order below is the table's order, and it is observable: links list changed parameters in
// it, the ensemble draws its typical rows in it, the default scenario's keys are created in it,
// docs/MODEL.md and the panel list a group's rows in it. Append new rows at the end of their
// group's list; moving a row changes links and ensemble draws (goldens).

import { CONTROL_PLANE_PARAMS } from './control-plane.ts';
import { FLEET_PARAMS, FLEET_SPREAD_PARAMS, vmMixParam } from './fleet.ts';
import { HV_AGENT_PARAMS } from './hv-agent.ts';
import { HYPERVISOR_PARAMS, HYPERVISOR_SPREAD_PARAMS } from './hypervisor.ts';
import { MAINTENANCE_PARAMS } from './maintenance.ts';
import { MEMORY_PARAMS } from './memory.ts';
import { MESSAGING_PARAMS } from './messaging.ts';
import { MIGRATION_PARAMS } from './migration.ts';
import { PROXY_PARAMS } from './proxy.ts';
import type { Param } from './row.ts';
import { RUN_PARAMS } from './run.ts';
import { TASKS_PARAMS } from './tasks.ts';
import { TELEMETRY_PARAMS } from './telemetry.ts';
import { VM_SIZES, VM_SIZE_SPREAD_PARAMS, vmSizeParams } from './vm-sizes.ts';

const ROWS = [
  ...RUN_PARAMS,
  ...FLEET_PARAMS,
  // per size: its fleet.vmMix row, then its flavour (vmSizes group)
  ...VM_SIZES.flatMap((size) => [vmMixParam(size), ...vmSizeParams(size)]),
  ...TELEMETRY_PARAMS,
  ...MEMORY_PARAMS,
  ...HYPERVISOR_PARAMS,
  ...MESSAGING_PARAMS,
  ...CONTROL_PLANE_PARAMS,
  ...HV_AGENT_PARAMS,
  ...PROXY_PARAMS,
  ...TASKS_PARAMS,
  ...MAINTENANCE_PARAMS,
  ...MIGRATION_PARAMS,
  // Heterogeneity (issue 10): how much VMs of one size and hosts of one fleet differ. Every VM of
  // a size was identical and every host alike, so a fleet crossed a threshold all at once (a 25%
  // change in one typical constant flipped 0 to 40 of 60 hosts panicking). Real fleets spread:
  // applications differ in memory and in how much they log (heavy-tailed), disks differ by model,
  // firmware, wear and fill level, and placement leaves hosts with different mixes. These rows
  // were added last and stay last (see the order note above).
  ...VM_SIZE_SPREAD_PARAMS,
  ...FLEET_SPREAD_PARAMS,
  ...HYPERVISOR_SPREAD_PARAMS,
];

/** The union of every row's literal type: what derive.ts builds the `Scenario` type from. */
export type ParamRow = (typeof ROWS)[number];

export const PARAMS: readonly Param[] = ROWS;

export const PARAM_BY_PATH: ReadonlyMap<string, Param> = new Map(PARAMS.map((p) => [p.path, p]));

export { PARAM_GROUPS, GROUP_IDS, GROUP_LABELS, type ParamGroup } from './groups.ts';
export type { Param, NumberParam, BoolParam, EnumParam, StringParam, Typical } from './row.ts';
export { EVENT_KINDS, MAX_EVENTS, type EventKindSpec, type EventModel, type EventKindRow } from './events.ts';
export type { ValuesOf, EventOf } from './derive.ts';
export { MAX_TOTAL_VMS } from './fleet.ts';
export { VM_SIZES, type VmSize } from './vm-sizes.ts';
export { LOG_SOURCES, BUFFER_TYPES, WHEN_FULL, type LogSource, type BufferType, type WhenFull } from './telemetry.ts';
export {
  BROKER_VERSIONS,
  LOAD_MANAGERS,
  SHEDDING_STRATEGIES,
  type BrokerVersion,
  type LoadManager,
  type SheddingStrategy,
} from './messaging.ts';
export { PLACEMENTS, type Placement } from './control-plane.ts';
export { HV_AGENT_MODES } from './hv-agent.ts';
export { MAINTENANCE_POLICIES } from './maintenance.ts';
