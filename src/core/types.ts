// What the core produces. Everything here is plain data (typed arrays, numbers, strings) so it
// can cross a worker boundary with the typed arrays transferred.

import type { Scenario } from '../scenario/index.ts';

/** Hypervisor states, worst last (the map colours them; the order is a severity order). */
export const HV_STATES = ['healthy', 'pressured', 'thrashing', 'hung', 'panicked', 'rebooting'] as const;
export type HvStateName = (typeof HV_STATES)[number];
export const HV_HEALTHY = 0, HV_PRESSURED = 1, HV_THRASHING = 2, HV_HUNG = 3, HV_PANICKED = 4, HV_REBOOTING = 5;

/** Fleet-wide series, one value per step. Key, label and unit for charts and CSV. */
export const SERIES = [
  { key: 'messagingAvailability', label: 'Messaging availability', unit: '0..1' },
  { key: 'backlogRamMiB', label: 'Telemetry backlog held in RAM', unit: 'MiB' },
  { key: 'backlogDiskMiB', label: 'Telemetry backlog held on disk', unit: 'MiB' },
  { key: 'vmPsiFullMean', label: 'VM memory pressure (PSI full, mean of live VMs)', unit: '0..1' },
  { key: 'hvPsiFullMax', label: 'Hypervisor memory pressure (PSI full, worst host)', unit: '0..1' },
  { key: 'thrashingVms', label: 'VMs thrashing', unit: 'VMs' },
  { key: 'diskReadGBps', label: 'Disk reads served, fleet', unit: 'GB/s' },
  { key: 'diskReadDemandGBps', label: 'Disk reads asked, fleet', unit: 'GB/s' },
  { key: 'diskReadCapacityGBps', label: 'Disk read capacity, hosts up', unit: 'GB/s' },
  { key: 'dStateMaxSeconds', label: 'Longest time in D state, worst host', unit: 's' },
  { key: 'hungTaskHosts', label: 'Hosts with hung tasks', unit: 'hosts' },
  { key: 'panickedHosts', label: 'Hosts panicked', unit: 'hosts' },
  { key: 'rebootingHosts', label: 'Hosts rebooting', unit: 'hosts' },
  { key: 'vmsDown', label: 'VMs down', unit: 'VMs' },
  { key: 'oomKills', label: 'OOM kills (cumulative)', unit: 'kills' },
  { key: 'produced', label: 'Telemetry produced (cumulative)', unit: 'events' },
  { key: 'delivered', label: 'Telemetry delivered (cumulative)', unit: 'events' },
  { key: 'dropped', label: 'Telemetry dropped (cumulative)', unit: 'events' },
  { key: 'lost', label: 'Telemetry lost (cumulative)', unit: 'events' },
  { key: 'buffered', label: 'Telemetry held (now)', unit: 'events' },
  { key: 'deliveryRate', label: 'Telemetry delivered per second', unit: 'events/s' },
  { key: 'drainCpuCores', label: 'CPU spent on catch-up delivery', unit: 'cores' },
  { key: 'hvLoadMean', label: 'Hypervisor load average per core, mean', unit: 'load/core' },
  // --- broker model (issue 4)
  { key: 'pendingLookups', label: 'Lookups pending, all brokers', unit: 'lookups' },
  { key: 'rejectedLookups', label: 'Lookups refused (TooManyRequests or no broker)', unit: 'lookups/s' },
  { key: 'admittedLookups', label: 'Lookups admitted', unit: 'lookups/s' },
  { key: 'loadedTopics', label: 'Client topics loaded', unit: 'topics' },
  { key: 'brokersUp', label: 'Brokers up', unit: 'brokers' },
  // --- control plane (issue 4)
  { key: 'deploymentQueue', label: 'Deployments queued', unit: 'deployments' },
  { key: 'deployments', label: 'Deployments done (cumulative)', unit: 'deployments' },
] as const;
export type SeriesKey = (typeof SERIES)[number]['key'];

export type Component = 'scenario' | 'messaging' | 'telemetry' | 'vm' | 'hypervisor' | 'kernel' | 'controlPlane';
export type Severity = 'info' | 'warning' | 'critical';

/** One line of the post-mortem timeline. `cause` is the id of the event that led here (-1: none). */
export interface SimEvent {
  id: number;
  /** seconds since minute 0 */
  t: number;
  component: Component;
  severity: Severity;
  what: string;
  /** a few words for one-line cause chains ("disk saturated") */
  short: string;
  /** hypervisor index, -1 when fleet-wide */
  hv: number;
  cause: number;
}

export interface Summary {
  schema: number;
  scenario: string;
  seed: number;
  simulatedMinutes: number;
  hypervisors: {
    total: number;
    panicked: number;
    panics: number;
    firstPanicMinute: number | null;
    peakDiskReadGBps: number;
    peakHostDiskReadGBps: number;
    hungTaskHosts: number;
  };
  vms: { total: number; crashed: number; oomKills: number; thrashedAtLeastOnce: number };
  telemetry: { produced: number; delivered: number; buffered: number; dropped: number; lost: number };
  messaging: { unavailableMinutes: number; peakPendingLookups: number };
  /** monitoring and orchestrator (issue 4); baselineDeployments: what the same fleet deploys over the same span on a quiet day */
  controlPlane: {
    deployments: number;
    baselineDeployments: number;
    byKind: Record<string, number>;
    peakQueue: number;
    failedNoCapacity: number;
  };
  /** one line: the chain that led to the first panic, or why nothing panicked */
  verdict: string;
  perf: { vmSteps: number; wallMs: number };
}

/** Per-hypervisor series, row-major by step: value of host h at step s is at [s * hosts + h]. */
export interface HostSeries {
  hosts: number;
  zoneOf: Uint16Array;
  state: Uint8Array;
  diskReadMBps: Float32Array;
  dStateSeconds: Float32Array;
  psiFull: Float32Array;
  backlogRamMiB: Float32Array;
}

/** Per-VM samples every `everySteps` steps: value of VM v at sample k is at [k * vms + v]. */
export interface VmSeries {
  vms: number;
  everySteps: number;
  samples: number;
  hostOf: Uint32Array;
  /** index into VM_SIZES */
  sizeOf: Uint8Array;
  anonMiB: Float32Array;
  cacheMiB: Float32Array;
  /** 0 up, 1 crashed with its host */
  down: Uint8Array;
}

export interface SimResult {
  scenario: Scenario;
  stepSeconds: number;
  /** steps completed (equal to totalSteps when the run finished) */
  steps: number;
  totalSteps: number;
  series: Record<SeriesKey, Float32Array>;
  hosts: HostSeries;
  vms: VmSeries;
  events: SimEvent[];
  summary: Summary;
}
