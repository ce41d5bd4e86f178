// What the core produces. Everything here is plain data (typed arrays, numbers, strings) so it
// can cross a worker boundary with the typed arrays transferred.

import type { Scenario } from '../scenario/index.ts';
import type { Summary } from './summary-shape.ts';

export type { Summary };

/** Hypervisor states, worst last (the map colours them; the order is a severity order), then parked: not in the fleet yet. */
export const HV_STATES = ['healthy', 'pressured', 'thrashing', 'hung', 'panicked', 'rebooting', 'parked'] as const;
export type HvStateName = (typeof HV_STATES)[number];
export const HV_HEALTHY = 0,
  HV_PRESSURED = 1,
  HV_THRASHING = 2,
  HV_HUNG = 3,
  HV_PANICKED = 4,
  HV_REBOOTING = 5,
  /** a parked host: not in the fleet yet (the operators' addHosts brings it in) */
  HV_PARKED = 6;

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
  { key: 'drainCpuCores', label: 'CPU spent on telemetry delivery', unit: 'cores' },
  { key: 'deliveryMBps', label: 'Network used by telemetry delivery', unit: 'MB/s' },
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
  // --- hypervisor agents and the pids limit (systems/tasks)
  { key: 'tasksMaxHost', label: 'Tasks of the agent service, worst host', unit: 'tasks' },
  { key: 'tasksMeanHost', label: 'Tasks of the agent service, mean host', unit: 'tasks' },
  { key: 'tasksLimit', label: 'cgroup pids limit (DefaultTasksMax)', unit: 'tasks' },
  { key: 'hostsAtTasksLimit', label: 'Hosts at the pids limit', unit: 'hosts' },
  { key: 'agentProcessesBlocked', label: 'Agent processes waiting for a connection', unit: 'processes' },
  { key: 'poolConnections', label: 'Connections in the pooler (in use + leaked)', unit: 'connections' },
  { key: 'poolLeaked', label: 'Connections leaked in the pooler', unit: 'connections' },
  { key: 'poolMax', label: 'Pooler maximum', unit: 'connections' },
  { key: 'notificationsLost', label: 'Notifications lost (cumulative)', unit: 'notifications' },
  { key: 'threadExhaustionCrashes', label: 'VMs crashed by QEMU abort (cumulative)', unit: 'VMs' },
  // --- maintenance and live migration (systems/migration)
  { key: 'migrationsInFlight', label: 'Live migrations in flight', unit: 'migrations' },
  { key: 'migrationQueue', label: 'VMs waiting to migrate', unit: 'VMs' },
  { key: 'hostsInMaintenance', label: 'Hosts evacuating or in maintenance', unit: 'hosts' },
  { key: 'hostMemBookedMaxPct', label: 'Host memory booked, worst host', unit: '% of VM memory' },
  { key: 'hostMemUsedMaxPct', label: 'Host memory used (allocated by QEMU), worst host', unit: '% of VM memory' },
  { key: 'hostMemBookedGiB', label: 'Host memory booked, fleet', unit: 'GiB' },
  { key: 'hostMemUsedGiB', label: 'Host memory used, fleet', unit: 'GiB' },
  { key: 'overcommittedHosts', label: 'Hosts overcommitted (swapping)', unit: 'hosts' },
  { key: 'vmsUnresponsive', label: 'VMs unresponsive (on a swapping host)', unit: 'VMs' },
  { key: 'vmsRebooted', label: 'VM reboots (cumulative)', unit: 'reboots' },
  { key: 'migrationsCompleted', label: 'Migrations completed (cumulative)', unit: 'migrations' },
  { key: 'migrationsFailed', label: 'Migrations failed (cumulative)', unit: 'migrations' },
] as const;
export type SeriesKey = (typeof SERIES)[number]['key'];

export type Component = 'scenario' | 'messaging' | 'telemetry' | 'vm' | 'hypervisor' | 'kernel' | 'controlPlane';
export type Severity = 'info' | 'warning' | 'critical';

/** One line of the post-mortem timeline. `cause` is the id of the event that led here (-1: none). */
export interface SimEvent {
  id: number;
  /** what kind of entry this is (observers/log-codes.ts): how the verdict, the UI and tests find entries */
  code: string;
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

/**
 * Per-hypervisor series, row-major by sample: host h in sample k is at [k * hosts + h]. Sample k
 * covers steps [k * everySteps, (k + 1) * everySteps) and holds the bucket's maximum (state:
 * the worst one), so a one-step panic is never lost when big fleets are sampled coarsely.
 */
export interface HostSeries {
  hosts: number;
  everySteps: number;
  samples: number;
  zoneOf: Uint16Array;
  state: Uint8Array;
  diskReadMBps: Float32Array;
  dStateSeconds: Float32Array;
  psiFull: Float32Array;
  backlogRamMiB: Float32Array;
}

/** Per-VM-slot samples every `everySteps` steps: value of slot v at sample k is at [k * vms + v]. Slots belong to one host
 * (hostOf); a migrated VM moves to a slot of its target, so with a maintenance window some slots are empty (down = 2). */
export interface VmSeries {
  vms: number;
  everySteps: number;
  samples: number;
  hostOf: Uint32Array;
  /** index into VM_SIZES */
  sizeOf: Uint8Array;
  anonMiB: Float32Array;
  cacheMiB: Float32Array;
  /** 0 up, 1 down (crashed with its host, QEMU abort), 2 an empty slot (no VM: spare room for live migration, or the VM moved away) */
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
