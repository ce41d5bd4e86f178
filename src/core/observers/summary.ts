// The summary of a run and its one-line verdict, read from the state and the recorded series.

import { SCHEMA_VERSION } from '../../scenario/index.ts';
import { clockLabel } from '../clock.ts';
import type { SimState } from '../state.ts';
import type { SimEvent, Summary } from '../types.ts';
import { causeChain } from './eventlog.ts';

/** The hung_task_panic entry of the event log (its `short`): how the UI and the verdict find panics. */
export const PANIC_SHORT = 'hung_task_panic';
export function isPanic(e: SimEvent): boolean {
  return e.component === 'kernel' && e.short === PANIC_SHORT;
}

export function summarize(st: SimState, peaks: { fleetReadGBps: number; hostReadMBps: number }, events: readonly SimEvent[], steps: number): Summary {
  const s = st.scenario;
  let panicked = 0, hungHosts = 0, thrashed = 0;
  for (let h = 0; h < st.hosts; h++) panicked += st.panickedEver[h];
  for (const e of events) if (e.component === 'kernel' && e.short.startsWith('D state')) hungHosts++;
  for (let v = 0; v < st.vms; v++) thrashed += st.thrashedEver[v];
  const peakHost = peaks.hostReadMBps / 1000;
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
      peakDiskReadGBps: Math.round(peaks.fleetReadGBps * 1000) / 1000,
      peakHostDiskReadGBps: Math.round(peakHost * 1000) / 1000,
      hungTaskHosts: hungHosts,
    },
    vms: { total: st.vms, crashed: st.vmsCrashed, oomKills: st.oomKills, thrashedAtLeastOnce: thrashed },
    telemetry: { produced: st.produced, delivered: st.delivered, buffered: st.stepBuffered, dropped: st.dropped, lost: st.lost },
    messaging: { unavailableMinutes: (st.unavailableSteps * st.dt) / 60 },
    verdict: verdict(st, events, panicked, hungHosts, thrashed),
    perf: { vmSteps: steps * st.vms, wallMs: 0 },
  };
}

function verdict(st: SimState, events: readonly SimEvent[], panicked: number, hungHosts: number, thrashed: number): string {
  const head = `${panicked} of ${st.hosts} hypervisors panicked`;
  if (panicked > 0) {
    const first = events.find(isPanic);
    const chain = first ? causeChain(events, first.id).map((e) => e.short).join(' → ') : '';
    return `${head}, the first at ${clockLabel(st.scenario.clockStart, st.firstPanicT)}: ${chain}.`;
  }
  if (hungHosts > 0) return `${head}: ${hungHosts} had hung tasks, but hung_task_panic is off.`;
  if (thrashed > 0) return `${head}: ${thrashed} VMs thrashed, but no host disk stayed saturated long enough for a hung task.`;
  if (st.dropped > 0) return `${head}: agents dropped ${st.dropped} events instead of holding them in RAM.`;
  return `${head}: no VM ran short of memory.`;
}
