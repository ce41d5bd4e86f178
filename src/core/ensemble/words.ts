// The ensemble in words, for the CLI's readable output and the playground's "How sure?" panel.

import { clockLabel } from '../clock.ts';
import type { EnsembleSummary, PairedComparison } from './stats.ts';

/** a time of day to the minute */
const clock = (start: string, minute: number) => clockLabel(start, Math.round(minute) * 60);
const range = (lo: number, hi: number) => (lo === hi ? `${lo}` : `${lo}-${hi}`);

/** "hypervisors panic in 7 of 8 worlds; 2-5 of 60, first 12:20-12:56" */
export function describeEnsemble(e: EnsembleSummary, clockStart: string): string {
  const worlds = Math.round(e.anyPanicProbability * e.members);
  const of = `${e.members} world${e.members === 1 ? '' : 's'}${e.varyAssumptions && e.assumptions.length ? ' (seeds and assumptions varied)' : ''}`;
  if (worlds === 0) return `no hypervisor panics in any of ${of}`;
  const first = e.firstPanicMinute
    ? `, first ${clock(clockStart, e.firstPanicMinute.p05)}-${clock(clockStart, e.firstPanicMinute.p95)}`
    : '';
  return (
    `hypervisors panic in ${worlds} of ${of}; ${range(e.panicked.p05, e.panicked.p95)} of ${e.hypervisors}` +
    ` (median ${e.panicked.p50})${first}`
  );
}

/** "B (whenFull=drop_newest) removes every panic in 8 of 8 worlds and drops 45% of events" */
export function describeComparison(c: PairedComparison): string {
  const what = c.against.map((x) => `${x.path}=${String(x.value)}`).join(', ');
  const parts: string[] = [];
  if (c.bRemovesEveryPanic > 0) parts.push(`removes every panic in ${c.bRemovesEveryPanic} of ${c.members} worlds`);
  parts.push(
    `fewer panics in ${c.bFewerPanics}, more in ${c.bMorePanics}, the same in ${c.equal} (mean ${c.a.panickedMean} -> ${c.b.panickedMean} hypervisors)`,
  );
  const cost =
    c.b.droppedPercentMean > c.a.droppedPercentMean
      ? `; it drops ${c.b.droppedPercentMean}% of events (was ${c.a.droppedPercentMean}%)`
      : '';
  return `${what}: ${parts.join('; ')}${cost}`;
}
