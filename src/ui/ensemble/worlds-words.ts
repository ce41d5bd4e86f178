// Which worlds How sure? ran, where the run the verdict is about sits among them, and what the
// sensitivity ranking was computed over, in the page's words (issue 25). Pure.

import type { EnsembleSummary, Placement, PlacedFigure, RunObservation } from '../../core/index.ts';
import type { WorldSource } from '../../scenario/index.ts';
import { clock, int, sig3 } from '../format.ts';

const worlds = (n: number) => `${int(n)} world${n === 1 ? '' : 's'}`;

/** the core's note without its ": the full prior" tail, as a clause */
const why = (note: string) => note.replace(/: the full prior$/, '');

/**
 * "32 worlds consistent with what happened on 2024-08-02: of the 512 worlds drawn from the prior or
 * moved from its best ..., the 40 where the model agrees with what the incident reported." / "The full prior, 8
 * worlds: none of the 256 worlds drawn from the prior fits what happened on 2024-08-02. ..."
 */
export function whichWorldsText(e: EnsembleSummary, incidentLabel: string | null, runIsWorld1 = false): string {
  const w = e.worlds;
  const seeds = `seeds ${int(e.seeds.first)} to ${int(e.seeds.last)}`;
  if (w?.source === 'calibrated' && w.incident) {
    const { label, accepted, tried } = w.incident;
    const drawn =
      `${worlds(tried)} drawn from the prior or moved from its best towards the incident (every typical constant ` +
      `inside its plausible range)`;
    // planCalibrated: at the calibration's seed world 1 is the run itself, a world the incident allows
    if (runIsWorld1) {
      const others = e.members - 1;
      const run = `${worlds(e.members)} consistent with ${label}: world 1 is the run above (every typical constant at its value, itself a world the incident allows)`;
      if (!others) return `${run}; no other world was asked for.`;
      const took = others < accepted ? `drawn by weight from the ${int(accepted)}` : `the ${int(accepted)}`;
      return `${run}; the other ${int(others)} are ${took} where the model agrees with what the incident reported, of the ${drawn}.`;
    }
    const took = e.members < accepted ? ` (${int(e.members)} of them, by weight)` : '';
    return (
      `${worlds(e.members)} consistent with ${label}: of the ${drawn}, the ${int(accepted)} where the model ` +
      `agrees with what the incident reported${took}.`
    );
  }
  if (w?.source === 'prior' || (!w && e.varyAssumptions)) {
    // planEnsemble: world 1 is the run itself, the others a Latin hypercube at the next seeds
    const others = e.members > 1 ? `, then seeds ${int(e.seeds.first + 1)} to ${int(e.seeds.last)}` : '';
    const drawn = runIsWorld1 ? `world 1 is the run above (every typical constant at its value)${others}` : seeds;
    // whether any world draws its constants (not when the one world is the run)
    const some = !runIsWorld1 || e.members > 1;
    return w?.note
      ? `The full prior, ${worlds(e.members)}: ${why(w.note)}. It runs every world the plausible ranges allow (${drawn}${some ? ', each typical constant drawn' : ''})${
          incidentLabel ? ', so its odds include worlds that could not have been' : ''
        }.`
      : `The full prior, ${worlds(e.members)}: ${drawn}${some ? ', each with every typical constant drawn inside its plausible range, around its typical value (half the worlds below it)' : ''}${
          incidentLabel ? `, including worlds ${incidentLabel} rules out` : ''
        }.`;
  }
  return `${worlds(e.members)} of the scenario as set: ${seeds}, the typical constants at their values.`;
}

/**
 * Whether the run above is one of the worlds (member index) or shown beside them (null), and, beside
 * calibrated worlds, why: only the calibration's seed was checked against the incident.
 */
export function runText(
  member: number | null,
  seed: number,
  members: number,
  checked = true,
  source?: WorldSource,
): string {
  if (member !== null)
    return `The run above (seed ${int(seed)}) is world ${member + 1} of these ${int(members)}: ${
      checked ? `checked, its figures are world ${member + 1}'s` : 'the same seed and settings'
    }. ◆ marks it on each figure.`;
  // a saved result keeps no per-world figures: world 1 of the prior or of calibrated worlds is the
  // run only in results made since session 15, so it cannot be told from the saved spreads
  if (!checked && source !== undefined && source !== 'seeds')
    return `This saved result keeps no figures per world, so whether the run above (seed ${int(seed)}) is world 1 of these ${int(members)} cannot be checked: run it again to see. Until then ◆ marks the run beside them on each figure.`;
  if (source === 'calibrated')
    return `The run above (seed ${int(seed)}) is not one of these worlds: the typical constants were checked against the incident at the calibration's seed, not at this one, so it is shown beside them, ◆ on each figure.`;
  return `The run above (seed ${int(seed)}, every typical constant at its value in the scenario) is not one of these worlds, each of which draws its own constants: it is shown beside them, ◆ on each figure.`;
}

export const FIGURE_LABELS: Record<PlacedFigure, string> = {
  panicked: 'hypervisors panicked',
  vmsDown: 'VMs down (distinct VMs)',
  droppedPercent: 'events dropped',
};

/** a figure's value as the table shows it */
export function figureValue(k: PlacedFigure, x: number): string {
  return k === 'droppedPercent' ? `${sig3(x)}%` : int(x);
}

/** "the run: 3, higher than 20 of 32 worlds and equal to 4 (percentile 69), inside the p05–p95 band" */
export function placementText(k: PlacedFigure, p: Placement): string {
  const band = p.inBand ? 'inside' : 'outside';
  const where =
    p.equal === p.of
      ? `the same in all ${worlds(p.of)}`
      : p.below === 0 && p.equal === 0
        ? `lower than all ${worlds(p.of)}`
        : p.below === p.of
          ? `higher than all ${worlds(p.of)}`
          : `higher than ${int(p.below)} of ${worlds(p.of)}${p.equal ? ` and equal to ${int(p.equal)}` : ''}`;
  return `the run: ${figureValue(k, p.value)}, ${where} (percentile ${p.percentile}), ${band} the p05–p95 band`;
}

/** What the sensitivity ranking was computed over: the calibrated worlds, or the full prior and why. */
export function rankedOverText(e: EnsembleSummary, incidentLabel: string | null): string {
  const w = e.worlds;
  if (w?.source === 'calibrated' && w.incident)
    return `Ranked over the ${worlds(e.members)} consistent with ${w.incident.label}: what the verdict still rests on once the incident has ruled out what it can.`;
  if (w?.note) return `Ranked over the full prior: ${why(w.note)}.`;
  if (incidentLabel)
    return `Ranked over the full prior; the worlds consistent with ${incidentLabel} would show what the verdict still rests on.`;
  return `Ranked over the full prior.`;
}

/** an observation's figure in its unit: a clock time, a count, a ratio, a share */
function observed(o: Pick<RunObservation, 'unit'>, x: number, clockStart: string): string {
  if (o.unit === 'minute') return clock(clockStart, Math.round(x) * 60);
  if (o.unit === 'count') return int(x);
  if (o.unit === 'share') return `${sig3(x * 100)}%`;
  return `${sig3(x)}×`;
}

/** "2 to 10", "at least 2", "at most 13:07" */
function allowed(o: RunObservation, clockStart: string): string {
  const f = (x: number) => observed(o, x, clockStart);
  if (o.lo !== null && o.hi !== null) return o.lo === o.hi ? f(o.lo) : `${f(o.lo)} to ${f(o.hi)}`;
  if (o.lo !== null) return `at least ${f(o.lo)}`;
  return o.hi !== null ? `at most ${f(o.hi)}` : 'anything';
}

/**
 * The run against its incident's observations: "The run fits 2 of 4 observations of what happened
 * on 2024-08-02; outside: hosts that panic (1; the incident allows 2 to 10)."
 */
export function incidentFitText(obs: readonly RunObservation[], label: string, clockStart: string): string {
  const ok = obs.filter((o) => o.fits).length;
  if (ok === obs.length)
    return `The run fits ${obs.length === 1 ? 'the one observation' : `all ${int(obs.length)} observations`} of ${label}: it is itself one of the worlds the incident allows.`;
  const out = obs
    .filter((o) => !o.fits)
    .map((o) =>
      o.why
        ? `${o.what} (not measured: ${o.why})`
        : `${o.what} (${o.value === null ? 'never' : observed(o, o.value, clockStart)}; the incident allows ${allowed(o, clockStart)})`,
    );
  return `The run fits ${int(ok)} of ${int(obs.length)} observations of ${label}, so it is not one of the worlds the incident allows; outside: ${out.join('; ')}.`;
}
