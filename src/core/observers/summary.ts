// The summary of a run and its one-line verdict, read from the state and the recorded series.

import { SCHEMA_VERSION } from '../../scenario/index.ts';
import { clockLabel } from '../clock.ts';
import type { SimState } from '../state.ts';
import type { SeriesKey, SimEvent, Summary } from '../types.ts';
import { causeChain } from './eventlog.ts';
import { DEPLOY_KINDS } from '../systems/controlplane.ts';

function max(a: Float32Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (a[i] > m) m = a[i];
  return m;
}

export function summarize(st: SimState, series: Record<SeriesKey, Float32Array>, hostDiskMBps: Float32Array, events: readonly SimEvent[], steps: number): Summary {
  const s = st.scenario;
  let panicked = 0, hungHosts = 0, thrashed = 0;
  for (let h = 0; h < st.hosts; h++) panicked += st.panickedEver[h];
  for (const e of events) if (e.component === 'kernel' && e.short.startsWith('D state')) hungHosts++;
  for (let v = 0; v < st.vms; v++) thrashed += st.thrashedEver[v];
  const peakHost = max(hostDiskMBps, steps * st.hosts) / 1000;
  const firstPanicMinute = st.firstPanicT >= 0 ? Math.round((st.firstPanicT / 60) * 100) / 100 : null;
  return {
    schema: SCHEMA_VERSION,
    scenario: s.preset,
    seed: s.seed,
    simulatedMinutes: (steps * st.dt) / 60,
    hypervisors: {
      total: st.hosts,
      panicked,
      panics: st.panics,
      firstPanicMinute,
      peakDiskReadGBps: Math.round(max(series.diskReadGBps, steps) * 1000) / 1000,
      peakHostDiskReadGBps: Math.round(peakHost * 1000) / 1000,
      hungTaskHosts: hungHosts,
    },
    vms: { total: st.vmsInitial, crashed: st.vmsCrashed, oomKills: st.oomKills, thrashedAtLeastOnce: thrashed },
    telemetry: { produced: st.produced, delivered: st.delivered, buffered: st.stepBuffered, dropped: st.dropped, lost: st.lost },
    messaging: { unavailableMinutes: (st.unavailableSteps * st.dt) / 60, peakPendingLookups: Math.round(st.pulsar.peakPending) },
    controlPlane: {
      deployments: st.cp.deployments,
      // the baseline rate model over the same span: customers' deployments on a quiet day
      baselineDeployments: s.controlPlane.enabled ? Math.round((s.controlPlane.baselineDeploymentsPerVmHour * st.vmsInitial * steps * st.dt) / 3600) : 0,
      byKind: Object.fromEntries(DEPLOY_KINDS.map((k, i) => [k, st.cp.byKind[i]])),
      peakQueue: st.cp.peakQueue,
      failedNoCapacity: st.cp.noCapacity,
    },
    verdict: verdict(st, events, panicked, hungHosts, thrashed),
    perf: { vmSteps: steps * st.vmsInitial, wallMs: 0 },
  };
}

function verdict(st: SimState, events: readonly SimEvent[], panicked: number, hungHosts: number, thrashed: number): string {
  const head = `${panicked} of ${st.hosts} hypervisors panicked`;
  if (panicked > 0) {
    const first = events.find((e) => e.short === 'hung_task_panic');
    const chain = first ? causeChain(events, first.id).map((e) => e.short).join(' → ') : '';
    return `${head}, the first at ${clockLabel(st.scenario.clockStart, st.firstPanicT)}: ${chain}.`;
  }
  if (hungHosts > 0) return `${head}: ${hungHosts} had hung tasks, but hung_task_panic is off.`;
  if (thrashed > 0) return `${head}: ${thrashed} VMs thrashed, but no host disk stayed saturated long enough for a hung task.`;
  if (st.dropped > 0) return `${head}: agents dropped ${st.dropped} events instead of holding them in RAM.`;
  return `${head}: no VM ran short of memory.`;
}
