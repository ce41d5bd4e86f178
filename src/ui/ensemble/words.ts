// An ensemble and a paired comparison in the page's words, for "How sure?" and the config
// comparison beside the verdict. The same before → now form as the verdict's change line
// (results/change.ts): "50.5 → 0 hypervisors panicked (mean of 8 worlds)", then what it cost.
// Labels, not paths; figures to 3 significant digits, grouped. Pure.

import type { EnsembleSummary, PairedComparison } from '../../core/index.ts';
import { clock, int, sig3 } from '../format.ts';

/** a share of events, already in percent */
const percent = (x: number) => `${sig3(x)}%`;
const worlds = (n: number) => `${int(n)} world${n === 1 ? '' : 's'}`;

/** "Hypervisors panic in 7 of 8 worlds (seeds and assumptions varied): 2–5 of 60 (median 3), the first between 12:20 and 12:56." */
export function oddsText(e: EnsembleSummary, clockStart: string): string {
  const n = Math.round(e.anyPanicProbability * e.members);
  const how =
    e.worlds?.source === 'calibrated' && e.worlds.incident
      ? ` consistent with ${e.worlds.incident.label}`
      : e.varyAssumptions && e.assumptions.length
        ? ' (seeds and assumptions varied)'
        : ' (seeds varied)';
  if (n === 0) return `No hypervisor panics in any of the ${worlds(e.members)}${how}.`;
  const p = e.panicked;
  const many =
    p.p05 === p.p95
      ? `${int(p.p05)} of ${int(e.hypervisors)}`
      : `${int(p.p05)}–${int(p.p95)} of ${int(e.hypervisors)} (median ${int(p.p50)})`;
  const f = e.firstPanicMinute;
  const at = (m: number) => clock(clockStart, Math.round(m) * 60);
  const first = !f
    ? ''
    : at(f.p05) === at(f.p95)
      ? `, the first at ${at(f.p05)}`
      : `, the first between ${at(f.p05)} and ${at(f.p95)}`;
  return `Hypervisors panic in ${int(n)} of ${worlds(e.members)}${how}: ${many}${first}.`;
}

/**
 * B against A on the same worlds, as a before → now line: the panics that moved, world by world,
 * then what it cost or saved in telemetry ("cost: 45% of events dropped (was 0%)").
 */
export function pairedText(c: PairedComparison): string {
  const m = c.members;
  const moves = [
    `${sig3(c.a.panickedMean)} → ${sig3(c.b.panickedMean)} hypervisors panicked (mean of ${worlds(m)})`,
    `${int(Math.round(c.a.anyPanicProbability * m))} → ${int(Math.round(c.b.anyPanicProbability * m))} worlds with a panic`,
  ];
  const byWorld = `fewer panics in ${int(c.bFewerPanics)} of ${worlds(m)}, more in ${int(c.bMorePanics)}, the same in ${int(c.equal)}${
    c.bRemovesEveryPanic > 0 ? `; every panic gone in ${int(c.bRemovesEveryPanic)}` : ''
  }`;
  const costs: string[] = [],
    gains: string[] = [];
  for (const [k, a, b] of [
    ['dropped', c.a.droppedPercentMean, c.b.droppedPercentMean],
    ['lost', c.a.lostPercentMean, c.b.lostPercentMean],
  ] as const) {
    if (sig3(a) === sig3(b)) continue;
    (b > a ? costs : gains).push(`${percent(b)} of events ${k} (was ${percent(a)})`);
  }
  let line = `${moves.join(', ')}; ${byWorld}`;
  if (costs.length) line += `; cost: ${costs.join(', ')}`;
  if (gains.length) line += `; ${costs.length ? 'and ' : ''}${gains.join(', ')}`;
  return line;
}
