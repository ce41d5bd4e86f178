// An ensemble: N worlds of one scenario. Member i runs seed + i; with varyAssumptions (the prior)
// member 0 is the run itself, every typical constant at the scenario's value, and in the other
// N - 1 every typical constant (an assumption row: a plausible range instead of a source) is drawn
// by a Latin hypercube: each row's range is cut into N - 1 equal strata and every stratum is used
// by exactly one member, so 8 members already cover each range end to end. The design is drawn
// from the seeded Rng only: the same scenario, seed and N give the same plan everywhere, and a
// shard (every Nth member) reads its members from the same whole plan, so shards merge exactly.
//
// A row the user set (a `fixed` path, or a path the comparison changes) is not an assumption
// any more: it is never drawn. A row whose value in the scenario differs from the table default
// (a preset's own choice, e.g. a calibrated disk speed) is drawn from the range scaled by
// value / default, so the preset keeps its level and gets the row's relative spread; a row whose
// default is 0 has no relative spread, so a scenario value other than 0 is kept, not drawn.

import {
  ASSUMPTION_ROWS,
  PARAMS,
  PARAM_BY_PATH,
  parseScenario,
  getPath,
  setPath,
  loadPreset,
  type Scenario,
  type ValidScenario,
  type WorldSource,
} from '../../scenario/index.ts';
import { planCalibrated } from './calibrated.ts';
import { MAX_MEMBERS, planWorlds, runWorld, type AssumptionRange, type EnsemblePlan, type Member } from './design.ts';

export { MAX_MEMBERS, planWorlds, priorRanges, isRunWorld } from './design.ts';
export type { AssumptionRange, Draw, EnsemblePlan, Member, WorldsInfo } from './design.ts';

export interface EnsembleSpec {
  /** members (worlds), 1..MAX_MEMBERS */
  members: number;
  varyAssumptions: boolean;
  /** paths never drawn (the user's own settings) */
  fixed?: readonly string[];
  /**
   * Where the worlds come from: 'seeds' (the scenario as it is, seed after seed), 'prior' (also
   * every typical constant drawn from its plausible range), 'calibrated' (the prior's worlds that
   * fit the preset's incident: planCalibrated). Absent: 'prior' with varyAssumptions, else 'seeds'.
   */
  worlds?: WorldSource;
}

export type ParamValue = number | string | boolean;

/**
 * A comparison's change: B's value of a parameter (a number, an enum's string, a boolean) and,
 * when known, A's (`from`). The path "events" stands for the scenario's event list as a whole.
 */
export interface Change {
  path: string;
  value: ParamValue;
  from?: ParamValue;
}

/** The property table's assumption rows (scenario's ASSUMPTION_ROWS) with their valid ranges. */
export function assumptionRanges(): AssumptionRange[] {
  return ASSUMPTION_ROWS.map((r) => {
    const p = PARAM_BY_PATH.get(r.path);
    const bounds = p && (p.kind === 'int' || p.kind === 'number') ? { min: p.min, max: p.max } : {};
    return { path: r.path, lo: r.lo, hi: r.hi, default: r.default, int: r.int, ...bounds };
  });
}

/**
 * The parameters whose values differ between two scenarios (what a comparison changes): B's
 * value and A's (`from`), in property-table order. Events are compared as a whole, under the path
 * "events" (values: the event counts, or "changed" when the counts are equal). Empty: A and B run
 * the same worlds identically (seed, preset name and title are not parameters of a world).
 */
export function changedPaths(a: Scenario, b: Scenario): Change[] {
  const out: Change[] = [];
  for (const p of PARAMS) {
    if (p.path === 'seed' || p.path === 'preset' || p.path === 'title') continue;
    const va = getPath(a as unknown as Parameters<typeof getPath>[0], p.path),
      vb = getPath(b as unknown as Parameters<typeof getPath>[0], p.path);
    if (va !== vb && isValue(vb))
      out.push(isValue(va) ? { path: p.path, value: vb, from: va } : { path: p.path, value: vb });
  }
  if (JSON.stringify(a.events) !== JSON.stringify(b.events)) {
    const same = a.events.length === b.events.length;
    out.push({
      path: 'events',
      value: same ? 'changed' : `${b.events.length} events`,
      from: same ? 'as before' : `${a.events.length} events`,
    });
  }
  return out;
}

/** The scenario's preset with the scenario's seed (null for a custom scenario). */
export function presetOf(s: ValidScenario): ValidScenario | null {
  const base = loadPreset(s.preset);
  return base ? { ...base, seed: s.seed } : null;
}

/**
 * What the scenario changes from its preset (empty for a custom scenario or an untouched preset):
 * the user's own settings, which an ensemble of the scenario never draws.
 */
export function presetChanges(s: ValidScenario): Change[] {
  const base = presetOf(s);
  return base ? changedPaths(base, s) : [];
}

const isValue = (v: unknown): v is ParamValue =>
  typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/**
 * B as A with `changes` applied (the sugar of `--against path=value`), through the one schema:
 * a value the schema refuses or clamps comes back as an issue naming the path.
 */
export function withChanges(
  a: Scenario,
  changes: readonly Change[],
): { scenario: ValidScenario; issues: { path: string; message: string }[] } {
  const raw = JSON.parse(JSON.stringify(a)) as Parameters<typeof setPath>[0];
  for (const c of changes) setPath(raw, c.path, c.value);
  const { scenario, issues } = parseScenario(raw);
  return { scenario, issues: issues.map((i) => ({ path: i.path, message: i.message })) };
}

/**
 * The prior's worlds with the run itself as world 1: an ensemble contains the single run it
 * qualifies. The typical world (every typical constant at the scenario's value, its own seed) is
 * one of the worlds the plausible ranges allow; the other n - 1 are a Latin hypercube of the
 * ranges at seeds seed + 1 onwards (drawn from the Rng of seed + 1).
 */
function priorWithRun(
  scenario: Scenario,
  n: number,
  fixed: readonly string[] | undefined,
  rows: readonly AssumptionRange[],
) {
  const next = (scenario.seed + 1) % 4294967296; // seeds wrap at 2^32
  const lhs = planWorlds({ ...scenario, seed: next }, n - 1, { varyAssumptions: true, fixed }, rows);
  const own = runWorld(
    scenario,
    lhs.assumptions.map((a) => a.path),
  );
  return { members: [own, ...lhs.members.map((m) => ({ ...m, index: m.index + 1 }))], assumptions: lhs.assumptions };
}

/** The whole plan for `scenario`; never throws (members is clamped into 1..MAX_MEMBERS). */
export function planEnsemble(scenario: Scenario, spec: EnsembleSpec, rows: readonly AssumptionRange[]): EnsemblePlan {
  const n = Math.max(1, Math.min(MAX_MEMBERS, Math.floor(spec.members) || 1));
  const source = spec.worlds ?? (spec.varyAssumptions ? 'prior' : 'seeds');
  if (source === 'calibrated') {
    const c = planCalibrated(scenario, n, spec.fixed ?? [], rows);
    if ('plan' in c) return c.plan;
    return { ...priorWithRun(scenario, n, spec.fixed, rows), worlds: { source: 'prior', note: c.note } };
  }
  if (source === 'prior') return { ...priorWithRun(scenario, n, spec.fixed, rows), worlds: { source } };
  return { ...planWorlds(scenario, n, { varyAssumptions: false, fixed: spec.fixed }, rows), worlds: { source } };
}

/** The scenario member `m` runs: its seed and draws applied through the one schema. */
export function memberScenario(base: Scenario, m: Member): ValidScenario {
  const raw = JSON.parse(JSON.stringify(base)) as Parameters<typeof setPath>[0];
  raw.seed = m.seed;
  for (const d of m.draws) setPath(raw, d.path, d.value);
  return parseScenario(raw).scenario;
}

export interface PairedPlan {
  plan: EnsemblePlan;
  /** what B changes from A (empty: identical, B need not run) */
  diff: Change[];
}

/**
 * The worlds A and B share: the plan is drawn from A, and a path A and B set differently is what
 * is compared, so it is never drawn. Member m of A is memberScenario(a, m), of B
 * memberScenario(b, m): the same seed and the same draw of every other assumption.
 */
export function planPaired(
  a: Scenario,
  b: Scenario | null,
  spec: EnsembleSpec,
  rows: readonly AssumptionRange[],
): PairedPlan {
  const diff = b ? changedPaths(a, b) : [];
  const fixed = [...(spec.fixed ?? []), ...diff.map((c) => c.path)];
  return { plan: planEnsemble(a, { ...spec, fixed }, rows), diff };
}
