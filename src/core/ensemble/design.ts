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

/** The ranges a plan of `scenario` draws from, in row order (the prior of its typical rows). */
export function priorRanges(
  scenario: Scenario,
  fixedPaths: readonly string[],
  rows: readonly AssumptionRange[],
): { path: string; lo: number; hi: number; int: boolean }[] {
  const fixed = new Set(fixedPaths);
  const ranges: { path: string; lo: number; hi: number; int: boolean }[] = [];
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
      if (hi > lo) ranges.push({ path: r.path, lo, hi, int: r.int });
    }
  }
  return ranges;
}

/**
 * How planWorlds draws a world from the ranges. Calibrated data names the worlds it accepted by
 * index, so a change here re-draws different worlds under the same indices: the prior hash
 * (calibrated.ts) carries this, and data drawn the old way is stale.
 */
export const PLAN_DESIGN = 'latin-hypercube/equal-integers';

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
      const u = (strata[j][i] + rng.float()) / n;
      // an integer row has hi - lo + 1 values, each given an equal share of [0, 1): flooring a
      // point of [lo, hi) would never draw hi (a 1-2 vCPU row always drew 1)
      const x = r.int ? r.lo + u * (r.hi - r.lo + 1) : r.lo + u * (r.hi - r.lo);
      return { path: r.path, value: r.int ? Math.min(r.hi, Math.floor(x)) : x };
    });
    members.push({ index: i, seed: (scenario.seed + i) % 4294967296, draws }); // seeds wrap at 2^32
  }
  return { members, assumptions: ranges.map(({ path, lo, hi }) => ({ path, lo, hi })) };
}
