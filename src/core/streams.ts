// Every source of randomness of a run, in one registry, so two mechanisms never share one by
// accident (tests/unit/core/streams.test.ts checks it).
//
// - The run's generator (st.rng, rng.ts): one sfc32 stream, drawn in the order the run needs it:
//   at the start, khungtaskd's scan phases, then the per-host VM mixes (fleet.mixSpread), then the
//   per-host disk speeds (hypervisor.diskSpread), each for the hosts the fleet starts with; in the
//   step, baseline and customer deployments (control plane), QEMU thread creations at the pids
//   limit (tasks), and a rebooted or added host's scan phase. A mechanism that never engages draws nothing.
// - Keyed draws (KEYED, below): stateless functions of (seed, a VM's id or a host's index, an
//   index), for figures that belong to one VM or host and must not depend on the step or on what
//   drew before. keyedNormal(seed, key, i) sums keyedFloat(seed, key, 4i .. 4i + 3), so a normal
//   at index i uses four float indices. A VM id and a host index are both small integers: the same
//   float index under both would give VM 5 and host 5 the same number, so indices are unique
//   across both.
// - Hash orders (HASH_ORDERS): a fixed, well-spread order of VM slots (a multiplicative hash of
//   the slot), for a share of the fleet chosen without a draw.

export interface KeyedStream {
  /** what the key is */
  of: 'vm' | 'host';
  /** keyedFloat (one float index) or keyedNormal (four) */
  draw: 'float' | 'normal';
  /** the index passed to the draw */
  index: number;
  /** the module that draws it */
  where: string;
}

export const KEYED = {
  vmAppRss: { of: 'vm', draw: 'normal', index: 0, where: 'fleet/vm-size.ts' },
  vmWorkingSet: { of: 'vm', draw: 'normal', index: 1, where: 'fleet/vm-size.ts' },
  vmLogRate: { of: 'vm', draw: 'normal', index: 2, where: 'fleet/vm-size.ts' },
  vmBusy: { of: 'vm', draw: 'float', index: 16, where: 'systems/migration/maintenance.ts' },
  vmDirtyRate: { of: 'vm', draw: 'normal', index: 17, where: 'systems/migration/maintenance.ts' },
  hostNotificationRate: { of: 'host', draw: 'float', index: 32, where: 'systems/tasks/state.ts' },
  hostNotificationPhase: { of: 'host', draw: 'float', index: 33, where: 'systems/tasks/state.ts' },
  /** a parked host's disk speed (addHosts): keyed, so parked hosts move no draw of the run's generator */
  hostAddedDisk: { of: 'host', draw: 'normal', index: 9, where: 'systems/disk/state.ts' },
} as const satisfies Record<string, KeyedStream>;

/**
 * Keyed draws that change with time: keyedNormal(seed, keyBase - entity, tick), for noise that must
 * not depend on the step (a finer step draws more often from the run's generator and would
 * reshuffle every later choice). Their keys are negative, so they never meet a VM id or a host
 * index; each stream owns TICKED_SPAN keys below its base.
 */
export interface TickedStream {
  /** the entity's key is keyBase - entity (broker, host) */
  keyBase: number;
  /** what the tick index counts */
  tick: string;
  where: string;
}

/** Keys one ticked stream owns (entities per stream at most). */
export const TICKED_SPAN = 1_000_000;

export const TICKED = {
  /** a broker's service noise per one-second tick (physics2: stochastic service) */
  brokerService: { keyBase: -1, tick: 'broker tick (1 s)', where: 'systems/pulsar/system.ts' },
  /** a host's background-read noise per second of simulated time, averaged over the step */
  hostBackground: { keyBase: -1 - TICKED_SPAN, tick: 'second of the run', where: 'systems/disk/noise.ts' },
} as const satisfies Record<string, TickedStream>;

/** The keyedFloat indices a keyed stream reads. */
export function floatIndices(k: KeyedStream): number[] {
  return k.draw === 'float' ? [k.index] : [4 * k.index, 4 * k.index + 1, 4 * k.index + 2, 4 * k.index + 3];
}

export interface HashOrder {
  /** the slot's rank is (imul(slot + offset, multiplier) >>> 0) / 2^32 */
  multiplier: number;
  offset: number;
  where: string;
}

/**
 * Fixed orders of VM slots. A multiplier is a stream: two orders with one multiplier and
 * different offsets are the same sequence shifted, so one VM's rank in the first is a function of
 * its rank in the second (they are correlated, not independent).
 */
export const HASH_ORDERS = {
  /** telemetry: which VMs are connected while messaging is partly available (rank < availability) */
  telemetryConnected: { multiplier: 0x9e3779b1, offset: 0, where: 'systems/vm-pass.ts' },
  /** monitoring: the order each zone's instance checks its VMs in (the tail it cannot reach is late) */
  monitoringOrder: { multiplier: 0x9e3779b1, offset: 1, where: 'systems/controlplane/monitoring.ts' },
  /** the control plane: which VMs are autoscaled (rank < controlPlane.autoscaledShare) */
  autoscaled: { multiplier: 0x85ebca6b, offset: 1, where: 'systems/controlplane/monitoring.ts' },
} as const satisfies Record<string, HashOrder>;

/**
 * Orders that share a multiplier today, and so are correlated: a VM's rank in the monitoring
 * order is (its connect rank + 0.618...) mod 1. Kept as they are so runs stay bit-identical; a
 * model change that gives monitoring its own multiplier (and regenerates the goldens) removes the
 * pair from this list. No other pair may share one (the test).
 */
export const KNOWN_SHARED_ORDERS: readonly (readonly [keyof typeof HASH_ORDERS, keyof typeof HASH_ORDERS])[] = [
  ['telemetryConnected', 'monitoringOrder'],
];

/** 2^-32: a 32-bit hash as a fraction of 1. */
export const HASH_UNIT = 2.3283064365386963e-10;
