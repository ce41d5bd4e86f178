// Fleet group: zones, hypervisors, and how many VMs of each size a host runs.

import type { Param } from './row.ts';
import type { VmSize } from './vm-sizes.ts';

export const FLEET_PARAMS = [
  {
    path: 'fleet.zones',
    group: 'fleet',
    label: 'Zones',
    kind: 'int',
    min: 1,
    max: 32,
    unit: 'zones',
    default: 3,
    help: 'Availability zones; hypervisors are spread evenly across them.',
    source: 'seed 002: monitoring runs in three zones of the region (PAR6, PAR7, PAR8 at 18:13 to 18:24)',
  },
  {
    path: 'fleet.hypervisors',
    group: 'fleet',
    label: 'Hypervisors',
    kind: 'int',
    min: 1,
    max: 5000,
    unit: 'hosts',
    default: 12,
    help: 'Hypervisors in the fleet (all zones).',
    source: 'scenario choice: a small workshop fleet',
  },
] as const satisfies readonly Param[];

/** VMs of each size per hypervisor at the start: a typical mix, small VMs dominate. */
const VM_MIX_DEFAULTS: Record<VmSize, number> = { pico: 40, nano: 20, XS: 10, S: 4, M: 2, L: 0, XL: 0 };

/** The `fleet.vmMix.<size>` row (index.ts lists it before that size's own rows). */
export function vmMixParam<S extends VmSize>(size: S) {
  const perHv = VM_MIX_DEFAULTS[size];
  return {
    path: `fleet.vmMix.${size}`,
    group: 'fleet',
    label: `${size} VMs per hypervisor`,
    kind: 'int',
    min: 0,
    max: 400,
    unit: 'VMs',
    default: perHv,
    typical: {
      lo: Math.floor(perHv / 2),
      hi: Math.max(1, perHv * 2),
      why: 'seed 002 says the fleet is "mostly small VMs (pico/nano)"; how many of a size share a host depends on its RAM and the customers: half to twice this',
    },
    help: `How many ${size} VMs each hypervisor runs at the start.`,
    source: 'typical mix, small VMs dominate (seed 002: "mostly small VMs (pico/nano)")',
  } as const satisfies Param;
}

/**
 * Heterogeneity (issue 10): each spread is the sigma of a lognormal multiplier (median 1; a
 * log rate keeps its mean) drawn from the seed, so a fleet does not cross a threshold all at once.
 * Listed at the end of the table (index.ts), where these rows were added.
 */
export const FLEET_SPREAD_PARAMS = [
  {
    path: 'fleet.mixSpread',
    group: 'fleet',
    label: 'Mix spread between hosts',
    kind: 'number',
    min: 0,
    max: 2,
    step: 0.05,
    unit: 'σ',
    default: 0.5,
    typical: { lo: 0.2, hi: 1, why: 'from hosts filled almost evenly to hosts that mostly run one kind of customer' },
    help: "How much the mix of VM sizes differs between hosts: each host tilts every size's share by a lognormal factor of this sigma (a logistic-normal mix around the per-host mix) and draws its VMs from it (0: every host runs exactly the mix; 0.5: the pico share of a host ranges about ±35%). Every host keeps the same number of VMs.",
    source:
      "typical: placement by free memory and large customers' clusters leave hosts with different mixes of the same fleet",
  },
] as const satisfies readonly Param[];

/** Fleets beyond this many VMs are refused: the page cannot simulate them in seconds. */
export const MAX_TOTAL_VMS = 250_000;
