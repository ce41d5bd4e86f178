// The fleet charts: which series each one draws, with units and thresholds. One shared time axis.

import type { Scenario } from '../../scenario/index.ts';
import type { ChartSeriesKey } from '../../worker/protocol.ts';

export interface LineSpec {
  key: ChartSeriesKey;
  label: string;
  color: string;
  dash?: number[];
  axis?: 'y1';
  scale?: number;
}

export interface ChartSpec {
  id: string;
  title: string;
  yUnit: string;
  y1Unit?: string;
  yMax?: number;
  lines: LineSpec[];
  thresholds?: (s: Scenario) => { value: number; label: string }[];
}

const DASH = [6, 4];
const DOT = [2, 3];

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'messaging', title: 'Messaging availability', yUnit: '%', yMax: 100,
    lines: [{ key: 'messagingAvailability', label: 'producers accepted', color: '--c1', scale: 100 }],
  },
  {
    id: 'backlog', title: 'Telemetry backlog held in RAM', yUnit: 'MiB',
    lines: [
      { key: 'backlogRamMiB', label: 'in RAM (fleet)', color: '--c2' },
      { key: 'backlogDiskMiB', label: 'on disk (fleet)', color: '--c1', dash: DASH },
    ],
  },
  {
    id: 'pressure', title: 'Memory pressure', yUnit: 'PSI full %', y1Unit: 'VMs', yMax: 100,
    lines: [
      { key: 'vmPsiFullMean', label: 'VMs, mean', color: '--c4', scale: 100 },
      { key: 'hvPsiFullMax', label: 'worst hypervisor', color: '--c2', dash: DASH, scale: 100 },
      { key: 'thrashingVms', label: 'VMs thrashing', color: '--c1', dash: DOT, axis: 'y1' },
    ],
  },
  {
    id: 'disk', title: 'Hypervisor disk reads against capacity', yUnit: 'GB/s',
    lines: [
      { key: 'diskReadGBps', label: 'served', color: '--c2' },
      { key: 'diskReadDemandGBps', label: 'asked', color: '--c4', dash: DASH },
      { key: 'diskReadCapacityGBps', label: 'capacity (hosts up)', color: '--c3', dash: DOT },
    ],
  },
  {
    id: 'dstate', title: 'Time in D state and hung tasks', yUnit: 's', y1Unit: 'hosts',
    lines: [
      { key: 'dStateMaxSeconds', label: 'longest D state, worst host', color: '--c4' },
      { key: 'hungTaskHosts', label: 'hosts with hung tasks', color: '--c2', dash: DASH, axis: 'y1' },
    ],
    thresholds: (s) =>
      s.hypervisor.hungTaskTimeoutSeconds > 0 ? [{ value: s.hypervisor.hungTaskTimeoutSeconds, label: `hung_task_timeout ${s.hypervisor.hungTaskTimeoutSeconds} s` }] : [],
  },
  {
    id: 'hosts', title: 'Panicked and rebooting hypervisors', yUnit: 'hosts',
    lines: [
      { key: 'panickedHosts', label: 'panicked', color: '--c2' },
      { key: 'rebootingHosts', label: 'rebooting', color: '--c1', dash: DASH },
    ],
  },
  {
    id: 'vms', title: 'VMs down', yUnit: 'VMs',
    lines: [
      { key: 'vmsDown', label: 'VMs down', color: '--c2' },
      { key: 'oomKills', label: 'OOM kills (total)', color: '--c4', dash: DASH },
    ],
  },
  {
    id: 'telemetry', title: 'Telemetry delivered, dropped and lost', yUnit: 'events (total)',
    lines: [
      { key: 'produced', label: 'produced', color: '--muted', dash: DOT },
      { key: 'delivered', label: 'delivered', color: '--c3' },
      { key: 'dropped', label: 'dropped', color: '--c5', dash: DASH },
      { key: 'lost', label: 'lost', color: '--c2' },
    ],
  },
];
