// Sequential calibration (issue 25): ABC-SMC (Toni et al. 2009, J. R. Soc. Interface 6:187), in
// the adaptive form of Del Moral, Doucet & Jasra (2012, Statistics and Computing 22:1009): a
// population moved by Metropolis-Hastings steps at a shrinking tolerance, the family of history
// matching in waves (Vernon, Goldstein & Bower 2010, Bayesian Analysis 5:619). Rejection from the
// prior in ~95 dimensions needs tens of thousands of worlds before one fits five observations at
// once; waves get there by moving the worlds that nearly fit.
//
// Wave 0 is the prior's Latin hypercube (design.ts): the population, every world equal. After each
// wave the tolerance drops (nextTolerance: the median of the population's distances, 0 once half
// of it fits every observation) and the population is the particles within it, every one of equal
// weight; each particle's constants are moved by a Gaussian kernel in the range's normalized
// coordinates (kernelSd: the population's spread times a scale that adapts to the share of moves
// kept, nextKernelScale; a log range's coordinate is in log(value): design.ts toUnit), reflected
// into the prior box (a symmetric move), integer rows rounded,
// with a new seed; the moved world runs, and replaces its particle when its distance (`distance`)
// is within the tolerance, else the particle stays (the Metropolis-Hastings step for a uniform
// prior and a symmetric kernel: the population stays a sample of the prior restricted to the
// tolerance). When fewer than half the worlds of a wave survive a drop, the population is
// resampled systematically (no random number) back to `worlds` particles first. The schedule,
// its source and the end at tolerance 0 are in smc-waves.ts.
//
// Why not population Monte Carlo's importance weights (Beaumont, Cornuet, Marin & Robert 2009,
// Biometrika 96:983; prior / sum_j w_j K(theta | theta_j)): in ~95 dimensions the kernel density
// of a moved world is dominated by its own parent's term, exp(-chi2_95 / 2), so the weights spread
// over e^{+-7} and collapse: an effective 2 worlds of 57 kept, with synthetic figures over the
// 2024 preset's 95 ranges (issue 25, session 9). The Metropolis form keeps equal weights.
//
// Everything is a function of the header and the lines of the waves before (the seeded Rng of the
// wave, no clock): a wave split in shards and merged proposes the same next wave, byte for byte.

import { Rng } from '../rng.ts';
import type { Incident, Observation } from '../../scenario/index.ts';
import { figureOf, type Figures } from './observe.ts';
import { fromUnit, toUnit, type Member, type PriorRange } from './design.ts';

/** What a calibration's waves are a function of (calibrate.ts's header carries these). */
export interface SmcSpec {
  scenario: string;
  seed: number;
  /** worlds proposed per wave: the population the waves move */
  worlds: number;
  /**
   * wave 0's worlds (the prior's Latin hypercube), at least `worlds`: the population goes on with
   * the `worlds` of them nearest the incident (smc-waves.ts). Absent: `worlds`.
   */
  first?: number;
  /** the most waves run */
  waves: number;
  /** worlds wanted at tolerance 0: the calibration stops at the first wave of tolerance 0 that keeps them */
  want: number;
}

/** One world that ran: its wave, index in the wave, seed, draws (in the ranges' order) and figures. */
export interface WorldLine {
  wave: number;
  index: number;
  seed: number;
  draws: number[];
  figures: Figures;
  /** the minute its run stopped, once it could no longer end within the wave's tolerance (early.ts), else null */
  stopped: number | null;
}

export interface WaveInfo {
  wave: number;
  proposed: number;
  accepted: number;
  tolerance: number;
  /** worlds whose run stopped early (rejected before their end) */
  stopped: number;
  /** the population's effective size after the wave (Kish, over the copies of each world; wave 0 of a rejection: the worlds that fit) */
  effective: number;
}

export interface Particle {
  line: WorldLine;
  distance: number;
  /** normalized importance weight within its wave (sums to 1) */
  weight: number;
  /** the wave-0 world its lineage starts from (its index there): a moved world inherits its particle's */
  root?: number;
}

export type SmcState =
  | { error: string }
  | {
      waves: WaveInfo[];
      /** the last wave's kept worlds (the calibrated worlds when `done` and its tolerance is 0) */
      population: Particle[];
      /** the next wave to run, or null when the calibration is over */
      next: { wave: number; tolerance: number | null; members: Member[] } | null;
    };

/** a figure that did not happen (no panic, messaging never back) is this far from any interval */
export const MISSING_PENALTY = 1;
/** the kernel's smallest standard deviation (normalized coordinates): a population of one still moves */
export const MIN_KERNEL_SD = 0.02;
/**
 * An integer row's smallest standard deviation, in its value steps (a step is 1 / values in
 * normalized coordinates): half a step, so that a move from the middle of a value's share reaches
 * the next value about one time in six (P(z > 1)). Without it a population that agrees on an
 * integer never leaves it: the narrowed kernel (a quarter of a collapsed spread) cannot cross half
 * a step, and the calibration froze a setting the incident leaves free (2024, 2026-12-07: every
 * world had 1-vCPU nano VMs and one L VM per host; flipped to 2 vCPUs, 4 of the 4 heaviest worlds
 * still fit every observation; flipped to no L VM, 3 of 4). Symmetric like the rest of the kernel.
 */
export const MIN_INT_KERNEL_STEPS = 0.5;
/**
 * the tolerance of the next wave: this quantile of the population's distances (Del Moral et al.
 * 2012 keep a fixed share alpha of the effective size a step; half here: session 10 kept 0.3 and
 * copied the survivors 3.3 times a wave, faster than their copies moved apart)
 */
export const TOLERANCE_QUANTILE = 0.5;
/** the tolerance drops to 0 only once this share of the population fits every observation */
export const ZERO_SHARE = 0.5;
/** on an atom (many worlds at one distance), the next distance below, when this share of the population is there */
export const MIN_ALIVE_SHARE = 0.125;
/**
 * the share of its moves a wave should keep: the kernel's scale (times the population's spread)
 * moves towards it after every wave. A move here is pseudo-marginal (a new world with a new seed
 * must land inside: a noisy estimate of the chance it fits), whose best share kept lies between
 * about 7% (the optimum over noise levels) and 23% (no noise: an exact random-walk Metropolis,
 * Roberts, Gelman & Gilks 1997) (Sherlock, Thiery, Roberts & Rosenthal 2015, Annals of
 * Statistics 43:238). Typical 15%, plausible 7% to 23%: at 7% the 2024 population kept 1 to 6
 * moves of 33 to 64 a wave while the tolerance fell, too few for its copies to spread (2026-12-07).
 * Session 10 halved the scale below 15% and doubled it above 50%: at tolerance 0 the seed's own
 * noise keeps fewer than 15% of even small moves, so the scale only ever halved, to its floor.
 */
export const ACCEPT_TARGET = 0.15;
/** the kernel's scale stays within these (1 at wave 1) */
export const MIN_KERNEL_SCALE = 0.125;
export const MAX_KERNEL_SCALE = 2;

const SMC_SALT = 0x5c_ab_c0_de;
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * How far a world's figures are from the incident: per measured observation 0 inside its
 * interval, else the gap to the interval over its width (or over the target's size for an
 * open or single-point interval, at least 1), MISSING_PENALTY when the figure did not happen.
 */
export function distance(incident: Incident, f: Figures): number {
  return distanceTo(incident.observations, f);
}

/** `distance` to a list of observations. */
export function distanceTo(observations: readonly Observation[], f: Figures): number {
  let d = 0;
  for (const o of observations) {
    if (!o.measured) continue;
    const x = figureOf(f, o.figure);
    d += x === null || !Number.isFinite(x) ? MISSING_PENALTY : observationDistance(o, x);
  }
  return round6(d);
}

/** One observation's term of the distance for a figure that happened: 0 inside, else the scaled gap. */
export function observationDistance(o: Observation, x: number): number {
  const gap = o.lo !== null && x < o.lo ? o.lo - x : o.hi !== null && x > o.hi ? x - o.hi : 0;
  if (!gap) return 0;
  const scale = o.lo !== null && o.hi !== null && o.hi > o.lo ? o.hi - o.lo : Math.max(1, Math.abs(o.target));
  return gap / scale;
}

/** Reflects a coordinate into [0, 1] (the kernel's mass outside the box folds back in). */
export function reflect(u: number): number {
  let x = u;
  for (let i = 0; i < 64 && (x < 0 || x > 1); i++) x = x < 0 ? -x : 2 - x;
  return Math.min(1, Math.max(0, x));
}

/** Wave 0's size: `first`, else `worlds`. */
export function firstWave(spec: SmcSpec): number {
  return spec.first ?? spec.worlds;
}

/** The seed of world `index` of wave `wave` (wave 0: planWorlds' seed + index; later waves after wave 0's). */
export function worldSeed(spec: SmcSpec, wave: number, index: number): number {
  const before = wave ? firstWave(spec) + (wave - 1) * spec.worlds : 0;
  return (spec.seed + before + index) % 4294967296;
}

/** The lower `q` quantile of `xs` (an element of xs: no interpolation). */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * q)];
}

/**
 * The kernel's standard deviation per coordinate: the standard deviation of the worlds inside the
 * tolerance (equal weights), at least MIN_KERNEL_SD (a population of one world still moves), and
 * for an integer row at least MIN_INT_KERNEL_STEPS of its value steps (a population that agrees on
 * an integer still tries its neighbours; on a log range the steps differ, and this is half their mean).
 * Between Beaumont et al.'s sqrt(2) (for importance sampling: too bold for a Metropolis move at a
 * tight tolerance) and the 2.38 / sqrt(d) of Roberts, Gelman & Gilks (1997) (for a target that
 * every constant shapes: too timid here, where most constants are left free by the incident).
 */
export function kernelSd(pop: readonly Particle[], ranges: readonly PriorRange[], scale = 1): number[] {
  return ranges.map((r, k) => {
    let m = 0;
    for (const p of pop) m += toUnit(r, p.line.draws[k]);
    m /= pop.length;
    let v = 0;
    for (const p of pop) v += (toUnit(r, p.line.draws[k]) - m) ** 2;
    const floor = r.int ? Math.max(MIN_KERNEL_SD, MIN_INT_KERNEL_STEPS / (r.hi - r.lo + 1)) : MIN_KERNEL_SD;
    return Math.max(floor, scale * Math.sqrt(v / pop.length));
  });
}

/**
 * The parents of a wave: systematic resampling (fixed offset 1/2, no random number) of the worlds
 * of the population inside the tolerance, to `n` particles.
 */
export function resample(alive: readonly Particle[], n: number): Particle[] {
  const out: Particle[] = [];
  for (let i = 0; i < n; i++) out.push(alive[Math.floor(((i + 0.5) / n) * alive.length)]);
  return out;
}

/** The wave's proposals: each parent's constants moved by the kernel and reflected into the box. */
export function propose(
  spec: SmcSpec,
  wave: number,
  parents: readonly Particle[],
  ranges: readonly PriorRange[],
  sd: readonly number[],
): Member[] {
  const rng = new Rng((spec.seed ^ SMC_SALT ^ Math.imul(wave, 0x9e3779b9)) >>> 0);
  return parents.map((p, i) => ({
    index: i,
    seed: worldSeed(spec, wave, i),
    draws: ranges.map((r, k) => ({
      path: r.path,
      value: fromUnit(r, reflect(toUnit(r, p.line.draws[k]) + sd[k] * rng.normal())),
    })),
  }));
}

/**
 * Kish's effective size of the weights of a population's worlds grouped by their wave-0 ancestor:
 * how many independent draws of the prior the population descends from (a world moved from another
 * is close to it until many moves apart, so the worlds' own effective size overstates).
 */
export function lineageSize(pop: readonly Particle[]): number {
  const byRoot = new Map<number, number>();
  for (const p of pop) byRoot.set(p.root ?? -1, (byRoot.get(p.root ?? -1) ?? 0) + p.weight);
  const total = [...byRoot.values()].reduce((a, b) => a + b, 0);
  return total > 0 ? effectiveSize([...byRoot.values()].map((w) => w / total)) : 0;
}

/** Kish's effective sample size of normalized weights: 1 / sum w^2. */
export function effectiveSize(weights: readonly number[]): number {
  return round6(1 / weights.reduce((a, w) => a + w * w, 0));
}

/**
 * The kernel's scale for the next wave from the share of its moves the wave just run kept
 * (adaptive scaling by stochastic approximation, Andrieu & Thoms 2008, Statistics and Computing
 * 18:343; Roberts & Rosenthal 2009, J. Comput. Graph. Stat. 18:349): log2 of the scale moves by
 * (kept share - ACCEPT_TARGET) / ACCEPT_TARGET, at most one halving or doubling a wave, so a wave
 * that keeps none halves it, one that keeps twice the target doubles it, and a share that hovers
 * at the target leaves it.
 */
export function nextKernelScale(scale: number, kept: number, proposed: number): number {
  const rate = kept / Math.max(1, proposed);
  const step = Math.max(-1, Math.min(1, (rate - ACCEPT_TARGET) / ACCEPT_TARGET));
  return Math.min(MAX_KERNEL_SCALE, Math.max(MIN_KERNEL_SCALE, round6(scale * 2 ** step)));
}

/**
 * The tolerance of the next wave: 0 once half the population fits every observation (never a jump
 * to 0 that few worlds survive), else the TOLERANCE_QUANTILE quantile of the population's
 * distances, or their median when that quantile is 0 (never rising; never 0 before half fit).
 */
export function nextTolerance(pop: readonly Particle[], current: number): number {
  const ds = pop.map((p) => p.distance);
  const zeros = ds.filter((d) => d === 0).length;
  if (zeros >= Math.max(1, Math.ceil(pop.length * ZERO_SHARE))) return 0;
  let q = quantile(ds, TOLERANCE_QUANTILE);
  if (q === 0) q = quantile(ds, ZERO_SHARE);
  if (q < current) return q;
  // the quantile sits on an atom (many worlds at the same distance, e.g. one figure missing): the
  // next distance below, when enough of the population is there
  const below = ds.filter((d) => d < current);
  const top = below.length >= Math.ceil(pop.length * MIN_ALIVE_SHARE) ? Math.max(...below) : current;
  return top > 0 ? top : current;
}

/**
 * The calibrated worlds of a population: each distinct world at distance 0 once, weighted by its
 * share of the particles there (a world copied by resampling and not yet moved away stands for
 * several), in (wave, index) order.
 */
export function distinctWorlds(pop: readonly Particle[]): Particle[] {
  const byLine = new Map<WorldLine, { n: number; root: number | undefined }>();
  for (const p of pop) if (p.distance === 0) byLine.set(p.line, { n: (byLine.get(p.line)?.n ?? 0) + 1, root: p.root });
  const total = [...byLine.values()].reduce((a, b) => a + b.n, 0);
  return [...byLine.entries()]
    .map(([line, { n, root }]) => ({ line, distance: 0, weight: n / total, ...(root === undefined ? {} : { root }) }))
    .sort((a, b) => a.line.wave - b.line.wave || a.line.index - b.line.index);
}
