// Where the single run sits among an ensemble's worlds (issue 25): the run the verdict is about
// is one of the worlds (world 1 is the scenario at its own seed, every constant as set: seeds only,
// the prior, and calibrated worlds at the calibration's seed) or shown beside them (calibrated
// worlds at another seed). Per figure: its value, how many worlds are below and equal, and its
// mid-rank percentile. Pure functions of member outcomes and a summary.

import { fits, type Incident, type ObservationUnit, type Scenario } from '../../scenario/index.ts';
import type { SimEvent, Summary } from '../types.ts';
import { figureOf, measureFigures, unmeasuredWhy } from './observe.ts';
import { memberOutcome, type EnsembleSummary, type MemberOutcome } from './stats.ts';

/** The figures a world is placed by, as How sure? shows them. */
export const PLACED = ['panicked', 'vmsDown', 'droppedPercent'] as const;
export type PlacedFigure = (typeof PLACED)[number];

/** Each world's value of each placed figure, in member order. */
export type WorldValues = Record<PlacedFigure, number[]>;

export function worldValues(outcomes: readonly MemberOutcome[]): WorldValues {
  return {
    panicked: outcomes.map((o) => o.panicked),
    vmsDown: outcomes.map((o) => o.vmsDown),
    droppedPercent: outcomes.map((o) => o.droppedPercent),
  };
}

/** The single run's placed figures, counted as a world's are (VMs down: distinct VMs). */
export function runValues(s: Summary): Record<PlacedFigure, number> {
  const o = memberOutcome(-1, s.seed, [], s);
  return { panicked: o.panicked, vmsDown: o.vmsDown, droppedPercent: o.droppedPercent };
}

export interface Placement {
  value: number;
  /** worlds with a smaller value, an equal one, and all of them */
  below: number;
  equal: number;
  of: number;
  /** mid-rank percentile, 0..100: (below + equal / 2) / of */
  percentile: number;
  /** inside the worlds' p05..p95 (the band How sure? shades) */
  inBand: boolean;
}

/** Where `value` sits among `values` (p05 and p95 by the ensemble's own nearest-rank rule). */
export function placeIn(values: readonly number[], value: number): Placement {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let below = 0,
    equal = 0;
  for (const x of sorted) {
    if (x < value) below++;
    else if (x === value) equal++;
  }
  const q = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  return {
    value,
    below,
    equal,
    of: n,
    percentile: n ? Math.round(((below + equal / 2) / n) * 100) : 0,
    inBand: n > 0 && value >= q(0.05) && value <= q(0.95),
  };
}

/**
 * Is the run one of the worlds? Seeds-only worlds, the prior's and calibrated ones at the
 * calibration's seed (planEnsemble) run the scenario as it is: world 1 is the scenario at its own
 * seed when the first seed is the run's. It is checked, not assumed: world 1's figures must be the run's (a
 * summary-only member is bit-identical to the page's full run). Returns the member's index, or
 * null when the run is shown beside the worlds.
 */
export function runMember(
  e: Pick<EnsembleSummary, 'worlds' | 'seeds'>,
  values: WorldValues | null,
  run: Summary,
): number | null {
  if (e.seeds.first !== run.seed) return null;
  // a saved result without its worlds' values: seeds-only plans always ran the scenario as world 1;
  // the prior's and the calibrated ones did not before session 15, so unchecked they stay beside
  if (!values) return (e.worlds?.source ?? 'seeds') === 'seeds' ? 0 : null;
  const mine = runValues(run);
  return PLACED.every((k) => values[k][0] === mine[k]) ? 0 : null;
}

/** One observation of an incident against the run: the run's figure and whether it lands inside. */
export interface RunObservation {
  id: string;
  what: string;
  unit: ObservationUnit;
  value: number | null;
  lo: number | null;
  hi: number | null;
  fits: boolean;
  /** why the scenario cannot show this figure at all (observe.ts unmeasuredWhy): absent when it can */
  why?: string;
}

/**
 * The run against what its incident reported, as a calibration judges a world (every measured
 * observation; figures from its summary and event log): is the run itself one of the worlds the
 * incident allows? Meaningful for the preset's own scenario (the observations are at its scale).
 */
export function runAgainstIncident(
  incident: Incident,
  run: Summary,
  events: readonly SimEvent[],
  scenario?: Scenario,
): RunObservation[] {
  const f = measureFigures(run, events);
  return incident.observations
    .filter((o) => o.measured)
    .map((o) => {
      const value = figureOf(f, o.figure);
      const r: RunObservation = {
        id: o.id,
        what: o.what,
        unit: o.unit,
        value,
        lo: o.lo,
        hi: o.hi,
        fits: fits(o, value),
      };
      const why = value === null && scenario ? unmeasuredWhy(scenario, o.figure) : null;
      if (why) r.why = why;
      return r;
    });
}
