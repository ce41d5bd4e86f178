// Parameter sweeps: one scenario per value of one parameter, every value validated by the same
// property table as any other input. Enumerations and booleans sweep all their options; numbers
// sweep evenly (whole numbers for integer parameters, duplicates removed) between two bounds.

import { PARAM_BY_PATH, type Param } from './params/index.ts';
import { parseScenario, setPath, type ValidScenario } from './validate.ts';
import type { Scenario, ScenarioIssue } from './types.ts';

/** More runs than this would keep a pool of workers busy for too long in a workshop. */
export const MAX_SWEEP_POINTS = 25;

export interface SweepPoint {
  value: number | string | boolean;
  scenario: ValidScenario;
}

export interface SweepPlan {
  path: string;
  points: SweepPoint[];
  /** what was changed or refused while building the plan (path and reason) */
  issues: ScenarioIssue[];
}

/** Parameters worth sweeping: every number, enumeration and boolean (not the seed or the clock). */
export function sweepableParams(params: readonly Param[]): Param[] {
  return params.filter((p) => p.kind !== 'string' && p.path !== 'seed');
}

/** More cells than this in a 2-D sweep would keep a pool of workers busy for too long. */
export const MAX_SWEEP_CELLS = 64;

/** A number parameter whose range spans two decades or more: its sweeps default to log spacing. */
export function spansDecades(p: Param): boolean {
  if (p.kind !== 'int' && p.kind !== 'number') return false;
  const lo = p.min > 0 ? p.min : (p.step ?? (p.kind === 'int' ? 1 : 0.01));
  return p.max / lo >= 100;
}

/**
 * The values a sweep of `p` takes: all options, or `count` steps from `from` to `to`, evenly
 * spaced or (log, when both ends are above zero) in equal ratios.
 */
export function sweepValues(
  p: Param,
  from?: number,
  to?: number,
  count = 5,
  log = false,
): (number | string | boolean)[] {
  if (p.kind === 'bool') return [false, true];
  if (p.kind === 'enum') return [...p.options];
  if (p.kind === 'string') return [p.default];
  const lo = Math.max(p.min, Math.min(p.max, from ?? p.min));
  const hi = Math.max(p.min, Math.min(p.max, to ?? p.max));
  const n = Number.isFinite(count) ? Math.max(1, Math.min(MAX_SWEEP_POINTS, Math.round(count))) : 5;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = n === 1 ? 0 : i / (n - 1);
    let v = log && lo > 0 && hi > 0 ? lo * Math.pow(hi / lo, f) : lo + (hi - lo) * f;
    v = p.kind === 'int' ? Math.round(v) : Number(v.toPrecision(6));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** One validated scenario per value; a value the table refuses is reported, not run. */
export function planSweep(base: Scenario, path: string, values: readonly (number | string | boolean)[]): SweepPlan {
  const issues: ScenarioIssue[] = [];
  const p = PARAM_BY_PATH.get(path);
  if (!p)
    return { path, points: [], issues: [{ path, message: 'unknown parameter; nothing to sweep', action: 'ignored' }] };
  const points: SweepPoint[] = [];
  for (const value of values.slice(0, MAX_SWEEP_POINTS)) {
    const raw = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    setPath(raw, path, value);
    const parsed = parseScenario(raw);
    const tag = (i: ScenarioIssue) => ({ ...i, message: `sweep value ${JSON.stringify(value)}: ${i.message}` });
    // the value itself refused: not run; a knock-on change elsewhere (an event moved, hosts clamped): run, and said
    if (parsed.issues.some((i) => i.path === path)) {
      issues.push(...parsed.issues.filter((i) => i.path === path).map(tag));
      continue;
    }
    issues.push(...parsed.issues.map(tag));
    points.push({ value, scenario: parsed.scenario });
  }
  if (values.length > MAX_SWEEP_POINTS) {
    issues.push({
      path,
      message: `at most ${MAX_SWEEP_POINTS} values per sweep (got ${values.length}); kept the first ${MAX_SWEEP_POINTS}`,
      action: 'clamped',
    });
  }
  return { path, points, issues };
}

export interface SweepCell {
  a: number | string | boolean;
  b: number | string | boolean;
  scenario: ValidScenario;
}

export interface SweepPlan2D {
  pathA: string;
  pathB: string;
  valuesA: (number | string | boolean)[];
  valuesB: (number | string | boolean)[];
  /** row-major: cell (i, j) = value i of A with value j of B, at i * valuesB.length + j */
  cells: (SweepCell | null)[];
  issues: ScenarioIssue[];
}

/**
 * Two parameters at once: every pair of values, each validated by the property table. Values the
 * table refuses on either axis are reported and left out; at most MAX_SWEEP_CELLS cells (the
 * second axis is cut first).
 */
export function planSweep2D(
  base: Scenario,
  pathA: string,
  valuesA: readonly (number | string | boolean)[],
  pathB: string,
  valuesB: readonly (number | string | boolean)[],
): SweepPlan2D {
  const empty = (issues: ScenarioIssue[]): SweepPlan2D => ({
    pathA,
    pathB,
    valuesA: [],
    valuesB: [],
    cells: [],
    issues,
  });
  if (pathA === pathB)
    return empty([{ path: pathB, message: 'pick two different parameters; nothing to sweep', action: 'ignored' }]);
  const a = planSweep(base, pathA, valuesA);
  if (!a.points.length) return empty(a.issues);
  const issues = [...a.issues];
  let vb = [...valuesB];
  const maxB = Math.max(1, Math.floor(MAX_SWEEP_CELLS / a.points.length));
  if (vb.length > maxB) {
    issues.push({
      path: pathB,
      message: `at most ${MAX_SWEEP_CELLS} runs in a 2-D sweep (${a.points.length} x ${vb.length}); kept the first ${maxB} values of ${pathB}`,
      action: 'clamped',
    });
    vb = vb.slice(0, maxB);
  }
  const rows = a.points.map((pa) => planSweep(pa.scenario, pathB, vb));
  // a value of B refused anywhere is left out everywhere, so the grid stays rectangular
  const kept = vb.filter((v) => rows.every((r) => r.points.some((p) => Object.is(p.value, v))));
  const seen = new Set<string>();
  for (const r of rows)
    for (const i of r.issues) {
      if (seen.has(i.message)) continue;
      seen.add(i.message);
      issues.push(i);
    }
  const cells: (SweepCell | null)[] = [];
  a.points.forEach((pa, i) => {
    for (const v of kept) {
      const p = rows[i].points.find((q) => Object.is(q.value, v));
      cells.push(p ? { a: pa.value, b: v, scenario: p.scenario } : null);
    }
  });
  return { pathA, pathB, valuesA: a.points.map((p) => p.value), valuesB: kept, cells, issues };
}
