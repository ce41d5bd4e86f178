// The ensemble in words, for the CLI's readable output and the playground's "How sure?" panel.

import { clockLabel } from '../clock.ts';
import { sig3 } from '../text.ts';
import type { Change } from './plan.ts';
import type { EnsembleSummary, PairedComparison } from './stats.ts';

/** a time of day to the minute */
const clock = (start: string, minute: number) => clockLabel(start, Math.round(minute) * 60);
const range = (lo: number, hi: number) => (lo === hi ? `${lo}` : `${lo}-${hi}`);

/** "hypervisors panic in 7 of 8 worlds; 2-5 of 60, first 12:20-12:56" */
export function describeEnsemble(e: EnsembleSummary, clockStart: string): string {
  const worlds = Math.round(e.anyPanicProbability * e.members);
  const of = `${e.members} world${e.members === 1 ? '' : 's'}${worldsPhrase(e)}`;
  if (worlds === 0) return `no hypervisor panics in any of ${of}`;
  const first = e.firstPanicMinute
    ? `, first ${clock(clockStart, e.firstPanicMinute.p05)}-${clock(clockStart, e.firstPanicMinute.p95)}`
    : '';
  return (
    `hypervisors panic in ${worlds} of ${of}; ${range(e.panicked.p05, e.panicked.p95)} of ${e.hypervisors}` +
    ` (median ${e.panicked.p50})${first}`
  );
}

/** " consistent with what happened on 2024-08-02", " (seeds and assumptions varied)" or nothing */
export function worldsPhrase(e: Pick<EnsembleSummary, 'worlds' | 'varyAssumptions' | 'assumptions'>): string {
  if (e.worlds?.source === 'calibrated' && e.worlds.incident) return ` consistent with ${e.worlds.incident.label}`;
  return e.varyAssumptions && e.assumptions.length ? ' (seeds and assumptions varied)' : '';
}

/** "telemetry.buffer.whenFull block -> drop_newest" (or "path=value" when A's value is unknown) */
export function describeChange(c: Change): string {
  return c.from === undefined ? `${c.path}=${String(c.value)}` : `${c.path} ${String(c.from)} -> ${String(c.value)}`;
}

/** A and B set every parameter alike: said instead of a comparison (B is not run). */
export function describeIdentical(b = 'B', a = 'A'): string {
  return `${b} sets every parameter as ${a} does: the same worlds give the same results, so ${b} was not run`;
}

/** a share of events in words: "50%", "4.5%", "0.25%" */
const pct = (x: number) => `${x >= 10 ? Math.round(x) : x >= 1 ? Math.round(x * 10) / 10 : Math.round(x * 100) / 100}%`;

/**
 * "telemetry.buffer.whenFull block -> drop_newest: removes every panic in 8 of 8 worlds; ...;
 * it drops 45% of events (was 0%)"
 */
export function describeComparison(c: PairedComparison): string {
  const what = c.against.map(describeChange).join(', ');
  const parts: string[] = [];
  if (c.bRemovesEveryPanic > 0) parts.push(`removes every panic in ${c.bRemovesEveryPanic} of ${c.members} worlds`);
  parts.push(
    `fewer panics in ${c.bFewerPanics}, more in ${c.bMorePanics}, the same in ${c.equal} (mean ${sig3(c.a.panickedMean)} -> ${sig3(c.b.panickedMean)} hypervisors)`,
  );
  const cost =
    c.b.droppedPercentMean > c.a.droppedPercentMean
      ? `; it drops ${pct(c.b.droppedPercentMean)} of events (was ${pct(c.a.droppedPercentMean)})`
      : '';
  return `${what}: ${parts.join('; ')}${cost}`;
}

/** "64 worlds", or "64 worlds (31 distinct, an effective 22)" when members repeat a world: what the chance line of the ranking counts */
export function worldsCounted(e: Pick<EnsembleSummary, 'members' | 'repeats'>): string {
  const base = `${e.members} world${e.members === 1 ? '' : 's'}`;
  return e.repeats ? `${base} (${e.repeats.distinct} distinct, an effective ${e.repeats.effective})` : base;
}
