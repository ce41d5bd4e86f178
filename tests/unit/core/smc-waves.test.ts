// The calibration's waves (core/ensemble/smc-waves.ts) on small synthetic problems whose answer is
// known: a world's "figure" is a fixed function of its constants plus noise from its seed (a
// stochastic model, as the simulator is), so the ABC posterior is the prior times the chance that
// the figure lands inside the observation, computed here by quadrature. The waves must find that
// posterior, leave the constants the observation does not read as free as the prior, and end with a
// population that is not a few worlds copied (the path degeneracy of session 10's sampler).
import { describe, expect, it } from 'vitest';
import {
  RESAMPLE_BELOW,
  distanceTo,
  lineageSize,
  worldSeed,
  populationSize,
  replayWaves,
  type Figures,
  type Particle,
  type PriorRange,
  type SmcProblem,
  type SmcSpec,
  type WorldLine,
} from '../../../src/core/index.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Observation } from '../../../src/scenario/index.ts';

/** one observation on `hostsPanicked`: the figure must land in [lo, hi] */
const observation = (lo: number, hi: number): Observation => ({
  id: 'synthetic',
  what: 'a synthetic figure',
  figure: 'hostsPanicked',
  unit: 'count',
  target: (lo + hi) / 2,
  lo,
  hi,
  tolerance: 'a test',
  seed: '000',
  quote: 'a test',
  measured: true,
});

/** figure = 100 a + NOISE z (z standard normal from the world's seed); the other constants are read by nothing */
const NOISE = 5;
const figureOf = (draws: readonly number[], seed: number): Figures =>
  ({ hostsPanicked: 100 * draws[0] + NOISE * new Rng(seed * 7919 + 13).normal() }) as unknown as Figures;

const DIMS = 4;
const ranges: PriorRange[] = Array.from({ length: DIMS }, (_, k) => ({
  path: `c${k}`,
  lo: 0,
  hi: 1,
  int: false,
  log: false,
}));

/** wave 0: a Latin hypercube of the unit box (each constant's strata in a seeded order) */
function firstWave(n: number, seed: number) {
  const rng = new Rng(seed);
  const perms = ranges.map(() => {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.float() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  });
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    seed: seed + i,
    draws: ranges.map((r, k) => ({ path: r.path, value: (perms[k][i] + rng.float()) / n })),
  }));
}

function run(spec: SmcSpec, problem: SmcProblem) {
  let lines: WorldLine[] = [];
  for (;;) {
    const st = replayWaves(spec, problem, lines);
    if ('error' in st) throw new Error(st.error);
    if (!st.next) return { st, lines };
    const wave = st.next.wave;
    lines = lines.concat(
      st.next.members.map((m) => {
        const draws = m.draws.map((d) => d.value);
        return { wave, index: m.index, seed: m.seed, draws, figures: figureOf(draws, m.seed), stopped: null };
      }),
    );
  }
}

/** the posterior of `a` (uniform prior times P(lo <= 100 a + NOISE z <= hi)), by quadrature: mean and sd */
function truth(lo: number, hi: number) {
  const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
  let m0 = 0,
    m1 = 0,
    m2 = 0;
  for (let i = 0; i < 20000; i++) {
    const a = (i + 0.5) / 20000;
    const p = phi((hi - 100 * a) / NOISE) - phi((lo - 100 * a) / NOISE);
    m0 += p;
    m1 += p * a;
    m2 += p * a * a;
  }
  const mean = m1 / m0;
  return { mean, sd: Math.sqrt(m2 / m0 - mean * mean) };
}
/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7) */
function erf(x: number) {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

const weighted = (pop: readonly Particle[], k: number) => {
  const mean = pop.reduce((a, p) => a + p.weight * p.line.draws[k], 0);
  const sd = Math.sqrt(pop.reduce((a, p) => a + p.weight * (p.line.draws[k] - mean) ** 2, 0));
  return { mean, sd };
};

describe('the waves on a model whose posterior is known', () => {
  const [lo, hi] = [60, 62];
  const want = truth(lo, hi);
  const SPEC: SmcSpec = { scenario: 'synthetic', seed: 11, worlds: 128, waves: 40, want: 80 };
  const problem: SmcProblem = { ranges, observations: [observation(lo, hi)], first: firstWave(128, 11) };
  const { st, lines } = run(SPEC, problem);
  const pop = st.population;

  it('end at tolerance 0 with every calibrated world inside the observation, weights summing to 1', () => {
    expect(st.waves.at(-1)!.tolerance).toBe(0);
    for (const p of pop) {
      expect(p.line.figures.hostsPanicked).toBeGreaterThanOrEqual(lo);
      expect(p.line.figures.hostsPanicked).toBeLessThanOrEqual(hi);
    }
    expect(pop.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
    // rejection from the prior would keep about 2% of 128 worlds: the waves found many more
    expect(lines.filter((l) => l.wave === 0 && Math.abs(l.figures.hostsPanicked! - 61) <= 1).length).toBeLessThan(8);
    expect(pop.length).toBeGreaterThan(60);
  });

  it('find the posterior of the constant the observation reads', () => {
    const got = weighted(pop, 0);
    // truth: mean 0.61, sd about 0.05; an effective sample of a few dozen correlated worlds
    expect(Math.abs(got.mean - want.mean)).toBeLessThan(0.025);
    expect(got.sd / want.sd).toBeGreaterThan(0.6);
    expect(got.sd / want.sd).toBeLessThan(1.5);
  });

  it('leave the constants the observation does not read as free as the prior (sd of a uniform: 0.289)', () => {
    for (let k = 1; k < DIMS; k++) {
      const { mean, sd } = weighted(pop, k);
      expect(sd).toBeGreaterThan(0.22);
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.12);
    }
  });

  it('end with an effective size of at least the worlds wanted, no world heavy', () => {
    const weights = pop.map((p) => p.weight);
    expect(populationSize(pop.map((p) => ({ ...p })))).toBe(pop.length); // each distinct world once
    expect(1 / weights.reduce((a, w) => a + w * w, 0)).toBeGreaterThanOrEqual(SPEC.want);
    expect(Math.max(...weights)).toBeLessThan(0.05);
    expect(st.waves.at(-1)!.effective).toBeGreaterThanOrEqual(SPEC.want);
    // the lineages (wave-0 ancestors) are fewer than the worlds: the honest lower figure
    const lin = lineageSize(pop);
    expect(lin).toBeGreaterThanOrEqual(1);
    expect(lin).toBeLessThan(1 / weights.reduce((a, w) => a + w * w, 0));
  });

  it('resample only when fewer than half survive: a wave after a gentle drop moves the survivors alone', () => {
    const sizes = st.waves.map((w) => w.proposed);
    expect(sizes[0]).toBe(128);
    // some waves move fewer than `worlds` particles (no resampling), none fewer than half
    expect(sizes.some((n) => n < 128)).toBe(true);
    for (const n of sizes) expect(n).toBeGreaterThanOrEqual(128 * RESAMPLE_BELOW);
    // the tolerance never rises
    for (let t = 2; t < st.waves.length; t++)
      expect(st.waves[t].tolerance).toBeLessThanOrEqual(st.waves[t - 1].tolerance);
  });

  it('are a function of the lines: the same in any order', () => {
    const again = replayWaves(SPEC, problem, [...lines].reverse());
    expect(JSON.stringify(again)).toBe(JSON.stringify(st));
  });

  it('a calibration cut at fewer waves is the same calibration up to there', () => {
    const cut = replayWaves(
      { ...SPEC, waves: 5 },
      problem,
      lines.filter((l) => l.wave < 5),
    );
    if ('error' in cut) throw new Error(cut.error);
    expect(cut.waves).toEqual(st.waves.slice(0, 5));
  });
});

describe('a wave 0 larger than the population (--first)', () => {
  const obs = [observation(60, 62)];
  const spec = (seed: number, first?: number): SmcSpec => ({
    scenario: 'synthetic',
    seed,
    worlds: 64,
    ...(first === undefined ? {} : { first }),
    waves: 40,
    want: 40,
  });
  const problem = (seed: number, n: number): SmcProblem => ({ ranges, observations: obs, first: firstWave(n, seed) });

  it('changes nothing when absent or equal to the worlds of a wave', () => {
    const plain = run(spec(11), problem(11, 64));
    const same = run(spec(11, 64), problem(11, 64));
    expect(JSON.stringify(same)).toBe(JSON.stringify(plain));
    for (const [w, i] of [
      [0, 5],
      [1, 0],
      [3, 63],
    ])
      expect(worldSeed(spec(11), w, i)).toBe(11 + w * 64 + i);
  });

  it('hands on the worlds of wave 0 nearest the incident, and no later world shares a seed with them', () => {
    const { st, lines } = run(spec(11, 256), problem(11, 256));
    expect(st.waves[0].proposed).toBe(256);
    expect(st.waves[0].accepted).toBe(64);
    const first = lines.filter((l) => l.wave === 0).sort((a, b) => a.index - b.index);
    const wave0 = first.map((l) => distanceTo(obs, l.figures));
    const cut = [...wave0].sort((a, b) => a - b)[63];
    // the tolerance wave 0 reports is the 64th nearest distance, far below the farthest of 256
    expect(st.waves[0].tolerance).toBe(cut);
    expect(cut).toBeLessThan(Math.max(...wave0) / 2);
    // the calibrated worlds descend from those 64 only (their lineages' roots are among them)
    const kept = new Set(first.filter((_, i) => wave0[i] <= cut).map((l) => l.index));
    expect(kept.size).toBe(64);
    expect(st.population.length).toBeGreaterThan(0);
    for (const p of st.population) expect(kept.has(p.root!)).toBe(true);
    const seeds = new Set(lines.map((l) => l.seed));
    expect(seeds.size).toBe(lines.length);
  });

  it('yields more lineages: 256 prior worlds against 64, over six seeds', () => {
    let small = 0,
      big = 0;
    for (let seed = 11; seed < 17; seed++) {
      small += lineageSize(run(spec(seed), problem(seed, 64)).st.population);
      big += lineageSize(run(spec(seed, 256), problem(seed, 256)).st.population);
    }
    // measured: a mean of 4.9 lineages from 64 prior worlds, 6.7 from 256
    expect(big / 6).toBeGreaterThan(6);
    expect(big).toBeGreaterThan(1.25 * small);
  });
});
