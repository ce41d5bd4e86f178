// Side-by-side comparison of two runs: pure, for a table with differences highlighted.

import type { Summary } from '../core/index.ts';
import { PARAMS, getPath, type Scenario } from '../scenario/index.ts';

export interface CompareRow {
  /** where the value lives (a summary path, or a scenario parameter path) */
  path: string;
  label: string;
  unit: string;
  a: number | string | boolean | null;
  b: number | string | boolean | null;
  changed: boolean;
  /** b - a for numbers, else null */
  delta: number | null;
}

const SUMMARY_ROWS: readonly { path: string; label: string; unit: string }[] = [
  { path: 'verdict', label: 'Verdict', unit: '' },
  { path: 'scenario', label: 'Scenario', unit: '' },
  { path: 'seed', label: 'Seed', unit: '' },
  { path: 'simulatedMinutes', label: 'Simulated time', unit: 'min' },
  { path: 'hypervisors.total', label: 'Hypervisors', unit: 'hosts' },
  { path: 'hypervisors.panicked', label: 'Hypervisors panicked', unit: 'hosts' },
  { path: 'hypervisors.panics', label: 'Panics', unit: 'panics' },
  { path: 'hypervisors.firstPanicMinute', label: 'First panic', unit: 'min' },
  { path: 'hypervisors.hungTaskHosts', label: 'Hosts with hung tasks', unit: 'hosts' },
  { path: 'hypervisors.peakDiskReadGBps', label: 'Peak disk reads, fleet', unit: 'GB/s' },
  { path: 'hypervisors.peakHostDiskReadGBps', label: 'Peak disk reads, one host', unit: 'GB/s' },
  { path: 'vms.total', label: 'VMs', unit: 'VMs' },
  { path: 'vms.crashed', label: 'VMs crashed', unit: 'VMs' },
  { path: 'vms.oomKills', label: 'OOM kills', unit: 'kills' },
  { path: 'vms.thrashedAtLeastOnce', label: 'VMs that thrashed', unit: 'VMs' },
  { path: 'vms.threadExhaustionCrashes', label: 'VMs crashed by QEMU abort (pids limit)', unit: 'VMs' },
  { path: 'vms.rebooted', label: 'VMs rebooted', unit: 'VMs' },
  { path: 'vms.unresponsive', label: 'VMs unresponsive', unit: 'VMs' },
  { path: 'messaging.unavailableMinutes', label: 'Messaging unavailable', unit: 'min' },
  { path: 'messaging.peakPendingLookups', label: 'Peak pending lookups', unit: 'lookups' },
  { path: 'controlPlane.deployments', label: 'Deployments', unit: 'deployments' },
  { path: 'controlPlane.baselineDeployments', label: 'Deployments on a quiet day', unit: 'deployments' },
  { path: 'tasks.maxTasks', label: 'Peak tasks on a host', unit: 'tasks' },
  { path: 'tasks.hostsWithCrashes', label: 'Hosts with QEMU aborts', unit: 'hosts' },
  { path: 'migrations.completed', label: 'Live migrations completed', unit: 'migrations' },
  { path: 'migrations.failed', label: 'Live migrations failed', unit: 'migrations' },
  { path: 'migrations.maxConcurrent', label: 'Most migrations at once', unit: 'migrations' },
  { path: 'telemetry.produced', label: 'Telemetry produced', unit: 'events' },
  { path: 'telemetry.delivered', label: 'Telemetry delivered', unit: 'events' },
  { path: 'telemetry.buffered', label: 'Telemetry still held', unit: 'events' },
  { path: 'telemetry.dropped', label: 'Telemetry dropped', unit: 'events' },
  { path: 'telemetry.lost', label: 'Telemetry lost', unit: 'events' },
];

function valueAt(obj: unknown, path: string): number | string | boolean | null {
  const v = getPath(obj, path);
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
}

function row(path: string, label: string, unit: string, a: CompareRow['a'], b: CompareRow['b']): CompareRow {
  const numeric = typeof a === 'number' && typeof b === 'number';
  const changed = numeric ? !(a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) : a !== b;
  return { path, label, unit, a, b, changed, delta: numeric ? b - a : null };
}

/**
 * Every summary figure of runs a and b, in display order. perf (wall time) is left out, and so
 * are figures neither run has (a run saved before a model existed has no such block).
 */
export function compareSummaries(a: Summary, b: Summary): CompareRow[] {
  return SUMMARY_ROWS.map((r) => row(r.path, r.label, r.unit, valueAt(a, r.path), valueAt(b, r.path))).filter(
    (r) => r.a !== null || r.b !== null,
  );
}

/** The scenario parameters that differ between a and b (and the title / event count if they do). */
export function compareScenarios(a: Scenario, b: Scenario): CompareRow[] {
  const out: CompareRow[] = [];
  if (a.title !== b.title) out.push(row('title', 'Title', '', a.title, b.title));
  for (const p of PARAMS) {
    const r = row(p.path, p.label, 'unit' in p ? p.unit : '', valueAt(a, p.path), valueAt(b, p.path));
    if (r.changed) out.push(r);
  }
  if (JSON.stringify(a.events) !== JSON.stringify(b.events))
    out.push(row('events', 'Scripted events', 'events', a.events.length, b.events.length));
  return out;
}
