// Parameter sweeps: one scenario per value of one parameter, every value validated by the same
// property table as any other input. Enumerations and booleans sweep all their options; numbers
// sweep evenly (whole numbers for integer parameters, duplicates removed) between two bounds.

import { PARAM_BY_PATH, type Param } from './params.ts';
import { parseScenario, setPath } from './validate.ts';
import type { Scenario, ScenarioIssue } from './types.ts';

/** More runs than this would keep a pool of workers busy for too long in a workshop. */
export const MAX_SWEEP_POINTS = 25;

export interface SweepPoint {
  value: number | string | boolean;
  scenario: Scenario;
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

/** The values a sweep of `p` takes: all options, or `count` even steps from `from` to `to`. */
export function sweepValues(p: Param, from?: number, to?: number, count = 5): (number | string | boolean)[] {
  if (p.kind === 'bool') return [false, true];
  if (p.kind === 'enum') return [...p.options];
  if (p.kind === 'string') return [p.default];
  const lo = Math.max(p.min, Math.min(p.max, from ?? p.min));
  const hi = Math.max(p.min, Math.min(p.max, to ?? p.max));
  const n = Number.isFinite(count) ? Math.max(1, Math.min(MAX_SWEEP_POINTS, Math.round(count))) : 5;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1);
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
