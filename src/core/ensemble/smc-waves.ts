// The waves of a calibration (smc.ts has the pieces): replays them from the lines of the waves run
// so far, checks each wave's lines are exactly the worlds it proposed, and says the waves' counts,
// the population and the next wave to run. Adaptive ABC-SMC after Del Moral, Doucet & Jasra (2012,
// Statistics and Computing 22:1009, Algorithm 3 with one simulation per particle):
//
// - wave 0 runs `first` prior worlds (a Latin hypercube; default `worlds`) and hands on the `worlds`
//   nearest the incident (`nearest`): the first tolerance at the worlds / first quantile of the
//   prior's distances, the first step of Lenormand, Jabot & Deffuant's adaptive population Monte
//   Carlo (2013, Computational Statistics 28:2777). Moves never start a lineage, so the wave-0
//   worlds are every ancestor the calibrated worlds can have: more of them, nearer, is more lineages;
// - the population is the particles inside the current tolerance, each of equal weight (the ABC
//   weight is the indicator of the tolerance, so lowering it kills particles and never makes the
//   survivors unequal);
// - the next tolerance keeps a fixed share of the population (TOLERANCE_QUANTILE, Del Moral et
//   al.'s ESS_n = alpha ESS_{n-1} for indicator weights), 0 once at least that share fits;
// - the population is resampled (systematically) back to `worlds` particles only when fewer than
//   RESAMPLE_BELOW of them survive (their N_T = N / 2): between two resamplings each copy gets
//   Metropolis-Hastings moves of its own, so copies spread before they are copied again;
// - every particle of the population moves each wave (one Metropolis-Hastings step at the wave's
//   tolerance: the moved world replaces its particle when it lands inside, else the particle stays);
// - at tolerance 0 the moves go on (the rejuvenation of Del Moral et al.'s last step, the repeats of
//   Drovandi & Pettitt 2011, Biometrics 67:225) until the population's effective size (Kish, over
//   the copies of each world) reaches `want`, or `waves` waves ran. The calibrated worlds are that
//   population: each distinct world once, weighted by its copies.
//
// Session 10's sampler resampled the 0.3 quantile back to N every wave and pooled every population
// from tolerance 0 on: a world that fit early was copied 3.3 times a wave, faster than its copies
// moved away, and the early populations of the pool were mostly its copies (2024: one wave-2 world
// held 0.28 of the weight; an effective 12.2 of 151 worlds, while the last population alone had an
// effective 53 of 96).

import { incidentOf, type Observation, type Scenario } from '../../scenario/index.ts';
import { planWorlds, priorRanges, type AssumptionRange, type Member, type PriorRange } from './design.ts';
import {
  distanceTo,
  distinctWorlds,
  effectiveSize,
  firstWave,
  kernelSd,
  nextKernelScale,
  nextTolerance,
  propose,
  resample,
  round6,
  type Particle,
  type SmcSpec,
  type SmcState,
  type WaveInfo,
  type WorldLine,
} from './smc.ts';

/** the population is resampled back to `worlds` particles when fewer than this share of them are inside the tolerance */
export const RESAMPLE_BELOW = 0.5;

/** What the waves need besides their spec: the prior box, the observations and wave 0's worlds. */
export interface SmcProblem {
  ranges: readonly PriorRange[];
  observations: readonly Observation[];
  /** wave 0: the prior's worlds (the preset's Latin hypercube of `first`, else `worlds`, worlds) */
  first: readonly Member[];
}

/**
 * The population wave 0 hands on: its `n` worlds nearest the incident (ties by index), in index
 * order, each of weight 1 / n; every world when the wave holds no more than `n`. A sample of the
 * prior restricted to the distance of the nth nearest (the k-nearest-neighbour ABC of Biau, Cérou
 * & Guyader 2015; the first step of Lenormand, Jabot & Deffuant 2013's adaptive population Monte
 * Carlo, which draws N and keeps the alpha N nearest).
 */
export function nearest(all: readonly Particle[], n: number): Particle[] {
  if (all.length <= n) return [...all];
  return [...all]
    .sort((a, b) => a.distance - b.distance || a.line.index - b.line.index)
    .slice(0, n)
    .sort((a, b) => a.line.index - b.line.index)
    .map((p) => ({ ...p, weight: 1 / n }));
}

/** Kish's effective size of a population: over its distinct worlds, each weighted by its copies. */
export function populationSize(pop: readonly Particle[]): number {
  const copies = new Map<WorldLine, number>();
  for (const p of pop) copies.set(p.line, (copies.get(p.line) ?? 0) + 1);
  return pop.length ? effectiveSize([...copies.values()].map((c) => c / pop.length)) : 0;
}

export function replayWaves(spec: SmcSpec, problem: SmcProblem, lines: readonly WorldLine[]): SmcState {
  const { ranges, observations } = problem;
  const byWave = new Map<number, WorldLine[]>();
  for (const l of lines) {
    const w = byWave.get(l.wave) ?? [];
    w.push(l);
    byWave.set(l.wave, w);
  }
  const waves: WaveInfo[] = [];
  const done = (population: Particle[]): SmcState => ({ waves, population, next: null });
  // the population: the particles inside the current tolerance, of equal weight
  let pop: Particle[] = [];
  // the particles the wave moves (the population, or the population resampled to `worlds`)
  let movers: Particle[] = [];
  let members: readonly Member[] = problem.first;
  let tolerance = Infinity;
  let scale = 1;
  for (let t = 0; ; t++) {
    const got = byWave.get(t);
    if (!got) {
      const later = [...byWave.keys()].find((k) => k > t);
      if (later !== undefined) return { error: `wave ${t} has no lines but wave ${later} has` };
      return { waves, population: pop, next: { wave: t, tolerance: t ? tolerance : null, members: [...members] } };
    }
    if (got.length < members.length) {
      const have = new Set(got.map((l) => l.index));
      const missing = members.filter((m) => !have.has(m.index)).map((m) => m.index);
      return {
        error: `${missing.length} of ${members.length} worlds of wave ${t} missing (first: ${missing.slice(0, 5).join(', ')})`,
      };
    }
    if (got.length > members.length) return { error: `wave ${t} holds ${got.length} of ${members.length} worlds` };
    const wave = [...got].sort((a, b) => a.index - b.index);
    for (const l of wave) {
      const m = members[l.index];
      if (!m || m.index !== l.index) return { error: `wave ${t}: world ${l.index} appears twice` };
      if (l.seed !== m.seed || l.draws.some((x, k) => x !== m.draws[k].value))
        return {
          error: `wave ${t}: world ${l.index} is not the world the waves before propose (seed or draws differ)`,
        };
    }
    if (t === 0 && wave.some((l) => l.stopped !== null)) return { error: 'wave 0 runs every world to its end' };
    // a world stopped early could not end within the tolerance: rejected, as its whole run would be
    const dist = wave.map((l) => (l.stopped === null ? distanceTo(observations, l.figures) : Infinity));
    const stopped = wave.filter((l) => l.stopped !== null).length;
    let accepted = 0;
    let after: Particle[];
    if (t === 0) {
      const all = wave.map((line, i) => ({ line, distance: dist[i], weight: 1 / wave.length, root: line.index }));
      const zeros = dist.filter((d) => d === 0).length;
      if (zeros >= spec.want || spec.waves === 1) {
        waves.push({ wave: 0, proposed: wave.length, accepted: zeros, tolerance: 0, stopped, effective: zeros });
        return done(distinctWorlds(all));
      }
      after = nearest(all, spec.worlds);
      accepted = after.length;
    } else {
      // Metropolis-Hastings at the wave's tolerance: a moved world inside it replaces its particle
      after = movers.map((p, i) => {
        if (dist[i] > tolerance) return p;
        accepted++;
        return { line: wave[i], distance: dist[i], weight: p.weight, root: p.root };
      });
      scale = nextKernelScale(scale, accepted, wave.length);
    }
    waves.push({
      wave: t,
      proposed: wave.length,
      accepted,
      tolerance: t ? tolerance : round6(Math.max(...after.map((p) => p.distance))),
      stopped,
      effective: populationSize(after),
    });
    tolerance = nextTolerance(after, tolerance);
    pop = after.filter((p) => p.distance <= tolerance).map((p, _, all) => ({ ...p, weight: 1 / all.length }));
    if (tolerance === 0 && (populationSize(pop) >= spec.want || t + 1 >= spec.waves)) return done(distinctWorlds(pop));
    if (t + 1 >= spec.waves) return done([]);
    // resampled when fewer than half survive, and once at tolerance 0 (the last population is `worlds` particles)
    const refill = pop.length < spec.worlds * RESAMPLE_BELOW || (tolerance === 0 && pop.length < spec.worlds);
    movers = refill ? resample(pop, spec.worlds) : pop;
    members = propose(spec, t + 1, movers, ranges, kernelSd(pop, ranges, scale));
  }
}

/**
 * Replays a calibration of a preset from the lines of its waves so far: `base` is the preset at
 * the seed, `rows` the typical rows (wave 0 is their Latin hypercube, planWorlds).
 */
export function replay(
  spec: SmcSpec,
  base: Scenario,
  rows: readonly AssumptionRange[],
  lines: readonly WorldLine[],
): SmcState {
  const incident = incidentOf(spec.scenario);
  if (!incident) return { error: `${spec.scenario} replays no incident to calibrate against` };
  const ranges = priorRanges(base, [], rows);
  const first = planWorlds(base, firstWave(spec), { varyAssumptions: true }, rows).members;
  return replayWaves(spec, { ranges, observations: incident.observations, first }, lines);
}
