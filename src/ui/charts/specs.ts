// The fleet charts: which series each one draws, with units and thresholds. One shared time axis.
// Charts come in groups: the core chain (always shown) and one group per newer model, shown only
// when it carries information for the scenario on screen (see CHART_GROUPS).

import { modelsInUse, type Scenario } from '../../scenario/index.ts';
import type { ChartSeriesKey } from '../../worker/index.ts';
import type { Threshold } from './setup.ts';

/** 'panicsTotal' is not a worker series: the page counts panics in the event log */
export type LineKey = ChartSeriesKey | 'panicsTotal';

export interface LineSpec {
  key: LineKey;
  label: string;
  color: string;
  dash?: number[];
  axis?: 'y1';
  scale?: number;
}

export type ChartGroupId = 'core' | 'pulsar' | 'controlPlane' | 'tasks' | 'migration';

export interface ChartSpec {
  id: string;
  group: ChartGroupId;
  title: string;
  yUnit: string;
  y1Unit?: string;
  yMax?: number;
  lines: LineSpec[];
  /** labelled horizontal lines: values from the scenario (or the series the core derived from it) */
  thresholds?: (s: Scenario, peak: Peak) => Threshold[];
  /** one sentence under the title: what to notice */
  caption: string;
}

/** axis units that count whole things: integer ticks only (no 0.2 hosts) */
const COUNT_UNITS = new Set([
  'hosts',
  'VMs',
  'brokers',
  'lookups',
  'topics',
  'queued',
  'done (total)',
  'tasks',
  'processes',
  'connections',
  'migrations',
  'VMs waiting',
  'events (total)',
]);
export const isCount = (unit: string | undefined): boolean => unit !== undefined && COUNT_UNITS.has(unit);
const n = (v: number) => Math.round(v).toLocaleString('en-US');

const DASH = [6, 4];
const DOT = [2, 3];

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'messaging',
    group: 'core',
    title: 'Messaging availability',
    caption: 'The shaded range is the outage: producers cannot deliver, so every agent starts holding events.',
    yUnit: '%',
    yMax: 100,
    lines: [{ key: 'messagingAvailability', label: 'producers accepted', color: '--c1', scale: 100 }],
  },
  {
    id: 'backlog',
    group: 'core',
    title: 'Telemetry backlog held in RAM',
    caption:
      'During the outage the agents hold what they cannot send; in RAM it grows without a bound unless the buffer caps it.',
    yUnit: 'MiB',
    lines: [
      { key: 'backlogRamMiB', label: 'in RAM (fleet)', color: '--c2' },
      { key: 'backlogDiskMiB', label: 'on disk (fleet)', color: '--c1', dash: DASH },
    ],
  },
  {
    id: 'pressure',
    group: 'core',
    title: 'Memory pressure',
    caption:
      'As the backlog fills guest RAM, the page cache shrinks until small VMs re-read their own programs from disk (thrashing).',
    yUnit: 'PSI full %',
    y1Unit: 'VMs',
    yMax: 100,
    lines: [
      { key: 'vmPsiFullMean', label: 'VMs, mean', color: '--c4', scale: 100 },
      { key: 'hvPsiFullMax', label: 'worst hypervisor', color: '--c2', dash: DASH, scale: 100 },
      { key: 'thrashingVms', label: 'VMs thrashing', color: '--c1', dash: DOT, axis: 'y1' },
    ],
  },
  {
    id: 'disk',
    group: 'core',
    title: 'Hypervisor disk reads against capacity',
    caption:
      'Thrashing VMs ask the host disks for more than they can serve: where asked passes capacity, I/O queues build.',
    yUnit: 'GB/s',
    lines: [
      { key: 'diskReadGBps', label: 'served', color: '--c2' },
      { key: 'diskReadDemandGBps', label: 'asked', color: '--c4', dash: DASH },
      { key: 'diskReadCapacityGBps', label: 'capacity (hosts up)', color: '--c3', dash: DOT },
    ],
    thresholds: (s) => [
      {
        value: (s.fleet.hypervisors * s.hypervisor.diskReadMBps) / 1000,
        label: `capacity, all ${n(s.fleet.hypervisors)} hosts${s.events.some((e) => e.kind === 'addHosts') ? ' at the start' : ''} (${n(s.hypervisor.diskReadMBps)} MB/s each)`,
      },
    ],
  },
  {
    id: 'dstate',
    group: 'core',
    title: 'Time in D state and hung tasks',
    caption:
      'A task stuck in D state past hung_task_timeout_secs is a hung task; with hung_task_panic=1 the host panics.',
    yUnit: 's',
    y1Unit: 'hosts',
    lines: [
      { key: 'dStateMaxSeconds', label: 'longest D state, worst host', color: '--c4' },
      { key: 'hungTaskHosts', label: 'hosts with hung tasks', color: '--c2', dash: DASH, axis: 'y1' },
    ],
    thresholds: (s) =>
      s.hypervisor.hungTaskTimeoutSeconds > 0
        ? [
            {
              value: s.hypervisor.hungTaskTimeoutSeconds,
              label: `hung_task_timeout_secs ${n(s.hypervisor.hungTaskTimeoutSeconds)} s${s.hypervisor.hungTaskPanic ? ' (then panic)' : ''}`,
            },
          ]
        : [],
  },
  {
    id: 'hosts',
    group: 'core',
    title: 'Panicked and rebooting hypervisors',
    caption:
      'Panicked so far counts every panic; the other lines are hosts down at each moment (they come back empty).',
    yUnit: 'hosts',
    lines: [
      { key: 'panicsTotal', label: 'panics so far', color: '--c2' },
      { key: 'panickedHosts', label: 'panicked now', color: '--c4', dash: DOT },
      { key: 'rebootingHosts', label: 'rebooting now', color: '--c1', dash: DASH },
    ],
  },
  {
    id: 'vms',
    group: 'core',
    title: 'VMs down',
    caption: 'Every VM on a panicked host goes down with it; OOM kills inside the guests add up separately.',
    yUnit: 'VMs',
    lines: [
      { key: 'vmsDown', label: 'VMs down', color: '--c2' },
      { key: 'oomKills', label: 'OOM kills (total)', color: '--c4', dash: DASH },
    ],
  },
  {
    id: 'telemetry',
    group: 'core',
    title: 'Telemetry delivered, dropped and lost',
    caption:
      'What the buffer choice costs: dropped by the agent on purpose, or lost when a VM or host died holding it.',
    yUnit: 'events (total)',
    lines: [
      { key: 'produced', label: 'produced', color: '--muted', dash: DOT },
      { key: 'delivered', label: 'delivered', color: '--c3' },
      { key: 'dropped', label: 'dropped', color: '--c5', dash: DASH },
      { key: 'lost', label: 'lost', color: '--c2' },
    ],
  },
  // --- Pulsar brokers (issue 4)
  {
    id: 'lookups',
    group: 'pulsar',
    title: 'Pulsar lookups pending and refused',
    caption: "Lookups above the brokers' concurrency limit are refused and retried: a queue that feeds itself.",
    yUnit: 'lookups',
    y1Unit: 'refused/s',
    lines: [
      { key: 'pendingLookups', label: 'pending, all brokers', color: '--c1' },
      { key: 'rejectedLookups', label: 'refused per second', color: '--c2', dash: DASH, axis: 'y1' },
    ],
    thresholds: (s) => [
      {
        value: s.messaging.maxConcurrentLookupRequest * s.messaging.brokers,
        label: `maxConcurrentLookupRequest x ${n(s.messaging.brokers)} brokers`,
      },
    ],
  },
  {
    id: 'topics',
    group: 'pulsar',
    title: 'Client topics loaded',
    caption: 'Producers can only send to a loaded topic: the gap to the line is clients that cannot deliver.',
    yUnit: 'topics',
    lines: [{ key: 'loadedTopics', label: 'client topics loaded', color: '--c3' }],
    thresholds: (s) => [
      { value: s.messaging.clients, label: `${s.messaging.clients.toLocaleString('en-US')} client topics` },
    ],
  },
  {
    id: 'brokers',
    group: 'pulsar',
    title: 'Brokers up and messaging availability',
    caption: 'Brokers can be up while messaging is not: ownership and lookups decide availability.',
    yUnit: 'brokers',
    y1Unit: '%',
    lines: [
      { key: 'brokersUp', label: 'brokers up', color: '--c4' },
      {
        key: 'messagingAvailability',
        label: 'messaging availability',
        color: '--c1',
        dash: DASH,
        axis: 'y1',
        scale: 100,
      },
    ],
  },
  // --- control plane (issue 4)
  {
    id: 'deployments',
    group: 'controlPlane',
    title: 'Orchestrator: deployments queued and done',
    caption: 'Monitoring sees VMs down and asks for redeploys; the queue drains only while notifications flow.',
    yUnit: 'queued',
    y1Unit: 'done (total)',
    lines: [
      { key: 'deploymentQueue', label: 'queued', color: '--c2' },
      { key: 'deployments', label: 'done (total)', color: '--c3', dash: DASH, axis: 'y1' },
    ],
  },
  // --- hypervisor agents and the pids limit (seed 000)
  {
    id: 'tasks',
    group: 'tasks',
    title: 'Tasks of the agent service against the pids limit',
    caption: 'Agent processes waiting for connections pile up tasks; at the pids limit forks fail and QEMUs abort.',
    yUnit: 'tasks',
    y1Unit: 'processes',
    lines: [
      { key: 'tasksMaxHost', label: 'tasks, worst host', color: '--c2' },
      { key: 'agentProcessesBlocked', label: 'agent processes waiting', color: '--c1', dash: DASH, axis: 'y1' },
    ],
    // the limit the core derived from the scenario: DefaultTasksMax % of min(pid_max, threads-max)
    thresholds: (s, peak) =>
      peak('tasksLimit') > 0
        ? [
            {
              value: peak('tasksLimit'),
              label: `pids limit ${n(peak('tasksLimit'))} (DefaultTasksMax ${s.tasks.defaultTasksMaxPercent}%)`,
            },
          ]
        : [],
  },
  {
    id: 'pool',
    group: 'tasks',
    title: 'Pooler connections and QEMU aborts',
    caption: 'Leaked connections fill the pooler; once it is full, agent processes wait instead of finishing.',
    yUnit: 'connections',
    y1Unit: 'VMs',
    lines: [
      { key: 'poolConnections', label: 'in the pooler (in use + leaked)', color: '--c1' },
      {
        key: 'threadExhaustionCrashes',
        label: 'VMs crashed by QEMU abort (total)',
        color: '--c2',
        dash: DASH,
        axis: 'y1',
      },
    ],
    thresholds: (_s, peak) =>
      peak('poolMax') > 0 ? [{ value: peak('poolMax'), label: `pooler maximum ${n(peak('poolMax'))}` }] : [],
  },
  // --- maintenance and live migration (seed 001)
  {
    id: 'migrations',
    group: 'migration',
    title: 'Live migrations in flight and waiting',
    caption: 'The maintenance window evacuates hosts: how many migrations run at once is the seatbelt.',
    yUnit: 'migrations',
    y1Unit: 'VMs waiting',
    lines: [
      { key: 'migrationsInFlight', label: 'in flight', color: '--c1' },
      { key: 'migrationQueue', label: 'VMs waiting to migrate', color: '--c4', dash: DASH, axis: 'y1' },
    ],
  },
  {
    id: 'hostmem',
    group: 'migration',
    title: 'Host memory booked against used, worst host',
    caption: 'Above 100% used, a host has more VM memory than RAM: it swaps and its VMs hang.',
    yUnit: '% of VM memory',
    lines: [
      { key: 'hostMemBookedMaxPct', label: 'booked (admission)', color: '--c1', dash: DASH },
      { key: 'hostMemUsedMaxPct', label: 'used (allocated by QEMU)', color: '--c2' },
    ],
    thresholds: () => [{ value: 100, label: '100% of VM memory' }],
  },
  {
    id: 'reboots',
    group: 'migration',
    title: 'VMs unresponsive and rebooted',
    caption: 'VMs on a swapping host stop answering; the host OOM killer reboots some of them.',
    yUnit: 'VMs',
    lines: [
      { key: 'vmsUnresponsive', label: 'unresponsive (host swapping)', color: '--c4' },
      { key: 'vmsRebooted', label: 'reboots (total)', color: '--c2', dash: DASH },
    ],
  },
];

/** Peak of a series in the run on screen (0 when it is missing, e.g. a run saved before the key existed). */
export type Peak = (key: ChartSeriesKey) => number;

/** True when every line of the chart is one constant value in the run (nothing to see). */
export function isFlat(
  spec: ChartSpec,
  series: Partial<Record<ChartSeriesKey, { y: ArrayLike<number> }>> | null,
): boolean {
  return spec.lines.every((l) => {
    if (l.key === 'panicsTotal')
      return (series?.panickedHosts?.y.length ?? 0) > 0 && peakOf(series)('panickedHosts') === 0;
    const y = series?.[l.key]?.y;
    if (!y || y.length === 0) return true;
    for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return false;
    return true;
  });
}

export function peakOf(series: Partial<Record<ChartSeriesKey, { y: ArrayLike<number> }>> | null): Peak {
  return (key) => {
    const y = series?.[key]?.y;
    let m = 0;
    if (y) for (let i = 0; i < y.length; i++) if (y[i] > m) m = y[i];
    return m;
  };
}

export interface ChartGroup {
  id: ChartGroupId;
  title: string;
  /** why the group is on screen, or null when it carries nothing for this scenario */
  reason: (s: Scenario, peak: Peak) => string | null;
}

/** Groups in page order. The core chain is always shown; the others only when they say something. */
export const CHART_GROUPS: readonly ChartGroup[] = [
  { id: 'core', title: 'Telemetry, memory and disk chain', reason: () => 'always' },
  {
    id: 'pulsar',
    title: 'Pulsar brokers',
    reason: (s, peak) =>
      modelsInUse(s).brokerEvents
        ? 'the scenario has broker events'
        : peak('pendingLookups') > 0 || peak('rejectedLookups') > 0
          ? 'lookups were pending'
          : null,
  },
  {
    id: 'controlPlane',
    title: 'Control plane',
    reason: (s, peak) => {
      const m = modelsInUse(s);
      if (!m.controlPlane) return null;
      if (m.controlEvents || m.brokerEvents) return 'the scenario has control-plane or broker events';
      return peak('deploymentQueue') >= 10 ? 'deployments queued up' : null;
    },
  },
  {
    id: 'tasks',
    title: 'Hypervisor agents and the pids limit',
    reason: (s, peak) =>
      modelsInUse(s).proxyLeak
        ? 'the proxy leaks connections'
        : peak('threadExhaustionCrashes') > 0
          ? 'QEMUs aborted'
          : peak('agentProcessesBlocked') > 0
            ? 'agent processes waited for connections'
            : peak('tasksLimit') > 0 && peak('tasksMaxHost') >= 0.8 * peak('tasksLimit')
              ? 'tasks came near the pids limit'
              : null,
  },
  {
    id: 'migration',
    title: 'Maintenance and live migration',
    reason: (s, peak) =>
      modelsInUse(s).maintenance
        ? 'the scenario has a maintenance window'
        : peak('migrationsInFlight') > 0
          ? 'VMs migrated'
          : null,
  },
];
