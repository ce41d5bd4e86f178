// The design of an ensemble's worlds: the prior ranges of the typical rows for a scenario and a
// Latin hypercube over them (each row's range cut into N equal strata, every stratum used by
// exactly one world), drawn from the seeded Rng only. plan.ts builds ensembles on it,
// calibrated.ts the calibrated worlds, and a calibration (calibrate.ts) draws its thousands here.

import { Rng } from '../rng.ts';
import {
  CLOSED_LOOP_PATHS,
  getPath,
  modelsInUse,
  type ModelsInUse,
  type Scenario,
  type WorldSource,
} from '../../scenario/index.ts';

/** What the plan needs of an assumption row (scenario's AssumptionRow has these fields). */
export interface AssumptionRange {
  path: string;
  lo: number;
  hi: number;
  default: number;
  int: boolean;
  /** the row's valid range (draws are clamped into it) */
  min?: number;
  max?: number;
}

export interface Draw {
  path: string;
  value: number;
}

export interface Member {
  index: number;
  seed: number;
  draws: Draw[];
}

/**
 * World 1 when it is the run itself (an ensemble contains the run it qualifies): the scenario's own
 * seed, and each drawn path at the scenario's value, so memberScenario gives the scenario back.
 */
export function runWorld(scenario: Scenario, paths: readonly string[]): Member {
  return {
    index: 0,
    seed: scenario.seed,
    draws: paths.map((path) => ({ path, value: getPath(scenario, path) as number })),
  };
}

/** Is `m` the run itself: member 0, the scenario's seed, every draw at the scenario's value? */
export function isRunWorld(scenario: Scenario, m: Member | undefined): boolean {
  return (
    !!m && m.index === 0 && m.seed === scenario.seed && m.draws.every((d) => getPath(scenario, d.path) === d.value)
  );
}

/** Which worlds a plan runs. */
export interface WorldsInfo {
  /** the source used (asking for 'calibrated' gives 'prior' when the preset has no valid data) */
  source: WorldSource;
  /** why the plan is not what was asked for, in a sentence */
  note?: string;
  /** calibrated worlds: "what happened on 2024-08-02", the worlds accepted and tried */
  incident?: { label: string; accepted: number; tried: number };
}

export interface EnsemblePlan {
  members: Member[];
  /** the ranges actually drawn from (after scaling to the scenario's values), in row order */
  assumptions: { path: string; lo: number; hi: number }[];
  /** absent in a plan from before issue 25: then 'prior' when it draws, else 'seeds' */
  worlds?: WorldsInfo;
}

export const MAX_MEMBERS = 256;

const SEED_SALT = 0x5eed_e75e;

/**
 * A row of a model the scenario does not run (the control plane switched off, migration without
 * a maintenance window): drawing it would only add chance correlations to the sensitivity.
 */
function idle(m: ModelsInUse, path: string): boolean {
  if (path.startsWith('controlPlane.')) return !m.controlPlane;
  if (path.startsWith('migration.') || path.startsWith('maintenance.')) return !m.maintenance;
  // the closed-loop disk's rows, read only when that model runs (the workshop states the queue model)
  if (CLOSED_LOOP_PATHS.includes(path)) return !m.closedLoopDisk;
  return false;
}

/** A prior range as the draws and the calibration's moves need it (priorRanges). */
export interface PriorRange {
  path: string;
  lo: number;
  hi: number;
  int: boolean;
  /** drawn log-uniform (a factor either way of the typical value: isFactor), else uniform */
  log: boolean;
}

/**
 * Whether a row's plausible range is a factor either way of its typical value, so that it is drawn
 * log-uniform (uniform in log(value)): the range spans more than a factor of 2 and the typical value
 * lies at least as near its geometric centre (sqrt(lo hi)) as its arithmetic one. Most rows were
 * written that way ("a quarter to 5 times", 20 to 100 to 500 us); drawn uniform, such a range puts
 * its median far above the typical value (20-2000 us: 1,010 against 100), so the prior's worlds were
 * mostly harsher than the single run. A scale known only to within a factor has the log-uniform
 * (Jeffreys) prior (Jeffreys 1961, Theory of Probability, s. 3.1; Gelman et al., Bayesian Data
 * Analysis, 3rd ed., s. 2.8). Within a factor of 2 the two differ little (the median of 1-2: 1.41
 * against 1.5), and a range centred on its typical value (shares like 0.2-0.5-0.8) stays uniform.
 */
export function isFactor(r: { lo: number; hi: number; default: number }): boolean {
  if (!(r.lo > 0 && r.default > 0 && r.hi > 2 * r.lo)) return false;
  const lin = Math.abs((r.default - r.lo) / (r.hi - r.lo) - 0.5);
  const log = Math.abs(Math.log(r.default / r.lo) / Math.log(r.hi / r.lo) - 0.5);
  return log <= lin;
}

/**
 * A value's normalized coordinate in its range: the share of the prior below it (uniform in value,
 * or in log(value) for a log range). An integer row's values each hold an equal share of [lo, hi + 1)
 * (in log for a log range) and sit at the middle of theirs.
 */
export function toUnit(r: PriorRange, v: number): number {
  const top = r.int ? r.hi + 1 : r.hi;
  if (r.log) {
    const at = r.int ? (Math.log(v) + Math.log(v + 1)) / 2 : Math.log(v);
    return (at - Math.log(r.lo)) / (Math.log(top) - Math.log(r.lo));
  }
  return ((r.int ? v + 0.5 : v) - r.lo) / (top - r.lo);
}

/** The value at a normalized coordinate in [0, 1]: the inverse of toUnit (an integer row floors). */
export function fromUnit(r: PriorRange, u: number): number {
  const top = r.int ? r.hi + 1 : r.hi;
  const x = r.log ? r.lo * Math.pow(top / r.lo, u) : r.lo + u * (top - r.lo);
  // an integer row has hi - lo + 1 values, each given a share of [0, 1): flooring a point of
  // [lo, hi) would never draw hi (a 1-2 vCPU row always drew 1)
  return r.int ? Math.min(r.hi, Math.floor(x)) : Math.min(r.hi, x);
}

/** The ranges a plan of `scenario` draws from, in row order (the prior of its typical rows). */
export function priorRanges(
  scenario: Scenario,
  fixedPaths: readonly string[],
  rows: readonly AssumptionRange[],
): PriorRange[] {
  const fixed = new Set(fixedPaths);
  const ranges: PriorRange[] = [];
  {
    const inUse = modelsInUse(scenario);
    for (const r of rows) {
      if (fixed.has(r.path) || idle(inUse, r.path)) continue;
      const value = getPath(scenario as unknown as Parameters<typeof getPath>[0], r.path);
      if (typeof value !== 'number' || !(r.hi > r.lo)) continue;
      // a zero default has no relative spread to carry to the scenario's own value (a preset's
      // 4 L VMs per host against the table's 0 would be drawn from 0 to 1): such a row is kept
      if (r.default === 0 && value !== 0) continue;
      const k = value !== r.default ? value / r.default : 1;
      let lo = r.lo * k,
        hi = r.hi * k;
      if (lo > hi) [lo, hi] = [hi, lo];
      if (r.min !== undefined) lo = Math.max(r.min, lo);
      if (r.max !== undefined) hi = Math.min(r.max, hi);
      if (r.int) {
        lo = Math.ceil(lo);
        hi = Math.floor(hi);
      }
      if (hi > lo) ranges.push({ path: r.path, lo, hi, int: r.int, log: isFactor(r) && lo > 0 });
    }
  }
  return ranges;
}

/**
 * How planWorlds draws a world from the ranges. Calibrated data names the worlds it accepted by
 * index, so a change here re-draws different worlds under the same indices: the prior hash
 * (calibrated.ts) carries this, and data drawn the old way is stale.
 */
export const PLAN_DESIGN = 'latin-hypercube/equal-integers/log-factors';

/**
 * The Latin hypercube of `n` worlds of `scenario` (no MAX_MEMBERS clamp: a calibration draws
 * thousands): world i runs seed + i and, with varyAssumptions, its draw of every typical row that
 * is neither fixed nor idle. Planning n worlds and taking the first k is not planning k worlds.
 */
export function planWorlds(
  scenario: Scenario,
  n: number,
  spec: { varyAssumptions: boolean; fixed?: readonly string[] | undefined },
  rows: readonly AssumptionRange[],
  /** keep only these worlds (the others are drawn and dropped: the same values as the whole plan) */
  only?: (i: number) => boolean,
): EnsemblePlan {
  const ranges = spec.varyAssumptions ? priorRanges(scenario, spec.fixed ?? [], rows) : [];
  const rng = new Rng((scenario.seed ^ SEED_SALT) >>> 0);
  // one shuffled stratum order per row (Fisher-Yates), then a uniform point inside each stratum
  const strata = ranges.map(() => {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.u32() % (i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  });
  const members: Member[] = [];
  for (let i = 0; i < n; i++) {
    if (only && !only(i)) {
      for (let j = 0; j < ranges.length; j++) rng.float();
      continue;
    }
    const draws = ranges.map((r, j) => {
      return { path: r.path, value: fromUnit(r, (strata[j][i] + rng.float()) / n) };
    });
    members.push({ index: i, seed: (scenario.seed + i) % 4294967296, draws }); // seeds wrap at 2^32
  }
  return { members, assumptions: ranges.map(({ path, lo, hi }) => ({ path, lo, hi })) };
}
