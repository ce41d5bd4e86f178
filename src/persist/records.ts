// Reading records back: nothing read from IndexedDB is trusted. Another build, another tab,
// a browser bug or a user with devtools may have written it. Each reader returns the record
// in its current shape, or a problem string: the store then skips the record and reports it.
// Scenarios go through parseScenario (clamped like any input; issues kept with the record).

import { PARAM_BY_PATH, parseScenario, type ScenarioIssue, type ValidScenario } from '../scenario/index.ts';
import {
  ADDED_LATER,
  SERIES,
  SUMMARY_SHAPE,
  shapeProblem,
  type EnsembleSummary,
  type FieldShape,
  type PairedComparison,
  type SeriesKey,
  type SimEvent,
  type Summary,
} from '../core/index.ts';
import type {
  BandSeries,
  DraftRecord,
  RunRecord,
  RunSeries,
  SavedEnsemble,
  SavedScenarioRecord,
  SeriesPoints,
} from './schema.ts';

export type Checked<T> = { ok: true; value: T; issues: ScenarioIssue[] } | { ok: false; problem: string };

type Shape = FieldShape;

const EVENT_SHAPE: Shape = {
  id: 'number',
  t: 'number',
  component: 'string',
  severity: 'string',
  what: 'string',
  short: 'string',
  hv: 'number',
  cause: 'number',
};

const SERIES_KEYS: ReadonlySet<string> = new Set(SERIES.map((s) => s.key));

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A copy holding only the fields of `shape` (so it is plain and clonable). */
function pick(v: unknown, shape: Shape): unknown {
  if (typeof shape === 'string' || !isObject(v)) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(shape)) out[key] = pick(src[key], sub);
  return out;
}

/**
 * A stored summary is checked against the core's one description (SUMMARY_SHAPE). Every field is
 * required except the ADDED_LATER ones, which runs saved by older builds lack. Must reject a
 * summary whose required fields are missing or mistyped; an ADDED_LATER field that is present but
 * does not match is dropped with an issue (the run is kept: it is the user's work), so readers of
 * those fields must allow them to be missing. Unknown extra fields are not kept.
 */
const OPTIONAL_SUMMARY_FIELDS = ADDED_LATER.map((p) => `summary.${p}`);

function checkSummaryUnguarded(v: unknown): Checked<Summary> {
  const problem = shapeProblem(v, SUMMARY_SHAPE, 'summary', OPTIONAL_SUMMARY_FIELDS);
  if (problem) return { ok: false, problem };
  const copy = pick(v, SUMMARY_SHAPE) as Record<string, unknown>;
  const issues: ScenarioIssue[] = [];
  for (const path of ADDED_LATER) {
    const keys = path.split('.');
    let parent: Record<string, unknown> | undefined = copy;
    for (const k of keys.slice(0, -1)) parent = parent?.[k] as Record<string, unknown> | undefined;
    const last = keys[keys.length - 1];
    if (!parent || !(last in parent)) continue;
    if (parent[last] === undefined) {
      delete parent[last];
      continue;
    }
    let sub: FieldShape = SUMMARY_SHAPE;
    for (const k of keys) sub = (sub as Record<string, FieldShape>)[k];
    const p = shapeProblem(parent[last], sub, `summary.${path}`);
    if (p) {
      delete parent[last];
      issues.push({ path: `summary.${path}`, message: `${p}: dropped from this saved run`, action: 'ignored' });
    }
  }
  return { ok: true, value: JSON.parse(JSON.stringify(copy)) as Summary, issues };
}

function checkEventsUnguarded(v: unknown): Checked<SimEvent[]> {
  if (!Array.isArray(v)) return { ok: false, problem: 'events must be a list' };
  const out: SimEvent[] = [];
  for (let i = 0; i < v.length; i++) {
    const problem = shapeProblem(v[i], EVENT_SHAPE, `events[${i}]`);
    if (problem) return { ok: false, problem };
    const e = pick(v[i], EVENT_SHAPE) as SimEvent;
    // the entry's code (core observers/log-codes.ts); runs saved before codes existed have none
    const code = (v[i] as { code?: unknown }).code;
    if (typeof code === 'string') e.code = code;
    out.push(e);
  }
  return { ok: true, value: out, issues: [] };
}

function toFloat32(v: unknown): Float32Array | null {
  if (v instanceof Float32Array) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return Float32Array.from(v as number[]);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Float32Array.from(v as unknown as ArrayLike<number>);
  return null;
}

/** Series keyed by SERIES keys; unknown keys are dropped (a newer build may chart more). */
function checkSeriesUnguarded(v: unknown): Checked<RunSeries> {
  if (!isObject(v)) return { ok: false, problem: 'series must be an object' };
  const out: RunSeries = {};
  for (const [key, pts] of Object.entries(v)) {
    if (!SERIES_KEYS.has(key)) continue;
    if (!isObject(pts)) return { ok: false, problem: `series.${key} must be {t, y}` };
    const t = toFloat32(pts.t),
      y = toFloat32(pts.y);
    if (!t || !y) return { ok: false, problem: `series.${key}.t and .y must be lists of numbers` };
    if (t.length !== y.length)
      return { ok: false, problem: `series.${key}: t and y differ in length (${t.length} and ${y.length})` };
    out[key as SeriesKey] = { t, y } satisfies SeriesPoints;
  }
  return { ok: true, value: out, issues: [] };
}

const SPREAD: Shape = { mean: 'number', p05: 'number', p50: 'number', p95: 'number' };
const ENSEMBLE_SHAPE: Shape = {
  members: 'number',
  seeds: { first: 'number', last: 'number' },
  varyAssumptions: 'boolean',
  anyPanicProbability: 'number',
  panicked: SPREAD,
  vmsDown: SPREAD,
  droppedPercent: SPREAD,
  lostPercent: SPREAD,
  hypervisors: 'number',
  sensitivityNoise: 'number',
};
const SIDE: Shape = {
  anyPanicProbability: 'number',
  panickedMean: 'number',
  droppedPercentMean: 'number',
  lostPercentMean: 'number',
};
const COMPARE_SHAPE: Shape = {
  members: 'number',
  bFewerPanics: 'number',
  bMorePanics: 'number',
  equal: 'number',
  bRemovesEveryPanic: 'number',
  a: SIDE,
  b: SIDE,
};

/** entries of a list whose `path` is a row of the property table (a saved path is untrusted) */
function knownPaths<T>(v: unknown, shape: Shape): T[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (x) => isObject(x) && typeof x.path === 'string' && PARAM_BY_PATH.has(x.path) && !shapeProblem(x, shape, ''),
  ) as T[];
}

/**
 * A saved "How sure?" result: the core's summary and comparison by shape (assumption paths only
 * if the property table knows them), the words as text, the band as typed arrays of one length.
 */
function checkEnsembleUnguarded(v: unknown): Checked<SavedEnsemble> {
  if (!isObject(v)) return { ok: false, problem: 'ensemble must be an object' };
  const r = v.request;
  if (!isObject(r) || typeof r.members !== 'number' || typeof r.varyAssumptions !== 'boolean')
    return { ok: false, problem: 'ensemble.request must say members and varyAssumptions' };
  const p = shapeProblem(v.summary, ENSEMBLE_SHAPE, 'ensemble.summary');
  if (p) return { ok: false, problem: p };
  const s = v.summary as Record<string, unknown>;
  const prob = s.anyPanicProbability as number;
  if (!(prob >= 0 && prob <= 1)) return { ok: false, problem: 'ensemble.summary.anyPanicProbability must be 0..1' };
  const f = s.firstPanicMinute;
  if (f !== null && shapeProblem(f, { p05: 'number', p50: 'number', p95: 'number' }, 'x'))
    return { ok: false, problem: 'ensemble.summary.firstPanicMinute must be {p05, p50, p95} or null' };
  const summary = {
    ...(pick(s, ENSEMBLE_SHAPE) as object),
    firstPanicMinute: f === null ? null : pick(f, { p05: 'number', p50: 'number', p95: 'number' }),
    assumptions: knownPaths(s.assumptions, { path: 'string', lo: 'number', hi: 'number' }),
    sensitivity: knownPaths(s.sensitivity, { path: 'string', rho: 'number' }),
  } as EnsembleSummary;
  let compare: PairedComparison | null = null;
  if (v.compare !== null && v.compare !== undefined) {
    const q = shapeProblem(v.compare, COMPARE_SHAPE, 'ensemble.compare');
    if (q) return { ok: false, problem: q };
    const c = v.compare as Record<string, unknown>;
    compare = {
      ...(pick(c, COMPARE_SHAPE) as object),
      against: knownPaths(c.against, { path: 'string' }).map((x) => JSON.parse(JSON.stringify(x))),
    } as PairedComparison;
  }
  if (!Array.isArray(v.words) || !v.words.every((w) => typeof w === 'string'))
    return { ok: false, problem: 'ensemble.words must be a list of texts' };
  let band: SavedEnsemble['band'] = null;
  if (v.band !== null && v.band !== undefined) {
    const b = v.band;
    if (!isObject(b) || typeof b.members !== 'number' || !isObject(b.series))
      return { ok: false, problem: 'ensemble.band must be {members, series}' };
    const series: Partial<Record<SeriesKey, BandSeries>> = {};
    for (const [key, pts] of Object.entries(b.series)) {
      if (!SERIES_KEYS.has(key)) continue;
      const t = isObject(pts) ? toFloat32(pts.t) : null,
        lo = isObject(pts) ? toFloat32(pts.lo) : null,
        hi = isObject(pts) ? toFloat32(pts.hi) : null;
      if (!t || !lo || !hi || lo.length !== t.length || hi.length !== t.length)
        return { ok: false, problem: `ensemble.band.${key} must be t, lo and hi of one length` };
      series[key as SeriesKey] = { t, lo, hi };
    }
    band = { members: b.members, series };
  }
  return {
    ok: true,
    value: {
      request: { members: r.members, varyAssumptions: r.varyAssumptions, againstPreset: r.againstPreset === true },
      summary,
      compare,
      words: (v.words as string[]).map((w) => w.slice(0, 2000)).slice(0, 10),
      band,
      savedAt: isTime(v.savedAt) ? v.savedAt : 0,
    },
    issues: [],
  };
}

/**
 * Scenarios are never "corrupt" if they are objects: parseScenario keeps what is valid. A saved
 * record is a boundary: this is where its scenario is validated, once, as it is read.
 */
function checkScenarioUnguarded(v: unknown): Checked<ValidScenario> {
  if (!isObject(v)) return { ok: false, problem: 'scenario must be an object' };
  const { scenario, issues } = parseScenario(v);
  return { ok: true, value: scenario, issues };
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function checkDraftUnguarded(v: unknown): Checked<DraftRecord> {
  if (!isObject(v)) return { ok: false, problem: 'the draft is not an object' };
  const s = checkScenario(v.scenario);
  if (!s.ok) return s;
  return {
    ok: true,
    value: { format: 1, scenario: s.value, updatedAt: isTime(v.updatedAt) ? v.updatedAt : 0 },
    issues: s.issues,
  };
}

function checkSavedScenarioUnguarded(v: unknown): Checked<SavedScenarioRecord & { id: number }> {
  if (!isObject(v)) return { ok: false, problem: 'the record is not an object' };
  if (typeof v.id !== 'number') return { ok: false, problem: 'id must be a number' };
  if (typeof v.name !== 'string') return { ok: false, problem: 'name must be a text' };
  if (v.notes !== undefined && typeof v.notes !== 'string') return { ok: false, problem: 'notes must be a text' };
  if (!isTime(v.createdAt) || !isTime(v.updatedAt))
    return { ok: false, problem: 'createdAt and updatedAt must be times' };
  const s = checkScenario(v.scenario);
  if (!s.ok) return s;
  return {
    ok: true,
    value: {
      format: 1,
      id: v.id,
      name: v.name,
      notes: (v.notes as string | undefined) ?? '',
      scenario: s.value,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    },
    issues: s.issues,
  };
}

function checkRunUnguarded(v: unknown): Checked<RunRecord & { id: number }> {
  if (!isObject(v)) return { ok: false, problem: 'the record is not an object' };
  if (typeof v.id !== 'number') return { ok: false, problem: 'id must be a number' };
  if (!isTime(v.createdAt)) return { ok: false, problem: 'createdAt must be a time' };
  if (typeof v.stepSeconds !== 'number' || !(v.stepSeconds > 0))
    return { ok: false, problem: 'stepSeconds must be a positive number' };
  const s = checkScenario(v.scenario);
  if (!s.ok) return s;
  const summary = checkSummary(v.summary);
  if (!summary.ok) return summary;
  const series = checkSeries(v.series);
  if (!series.ok) return series;
  const events = checkEvents(v.events ?? []);
  if (!events.ok) return events;
  // a run saved before ensembles were kept has none; an unreadable one is left out, the run kept
  const issues = [...s.issues];
  let ensemble: SavedEnsemble | undefined;
  if (v.ensemble !== undefined) {
    const e = checkEnsemble(v.ensemble);
    if (e.ok) ensemble = e.value;
    else
      issues.push({
        path: 'ensemble',
        message: `the saved "How sure?" result could not be read (${e.problem}) and is left out; the run is kept`,
        action: 'ignored',
      });
  }
  return {
    ok: true,
    value: {
      format: 1,
      id: v.id,
      name: typeof v.name === 'string' ? v.name : '',
      scenario: s.value,
      summary: summary.value,
      stepSeconds: v.stepSeconds,
      series: series.value,
      events: events.value,
      createdAt: v.createdAt,
      ...(ensemble ? { ensemble } : {}),
    },
    issues: [...issues, ...summary.issues],
  };
}

/**
 * The checks never throw: a record IndexedDB could store but nothing here can read (a BigInt, a
 * cycle) is reported as a problem, so one odd record is skipped and the others still load.
 */
function guarded<T>(fn: (v: unknown) => Checked<T>): (v: unknown) => Checked<T> {
  return (v) => {
    try {
      return fn(v);
    } catch (e) {
      return { ok: false, problem: `unreadable record (${e instanceof Error ? e.message : String(e)})` };
    }
  };
}
export const checkSummary = guarded(checkSummaryUnguarded);
export const checkEvents = guarded(checkEventsUnguarded);
export const checkSeries = guarded(checkSeriesUnguarded);
export const checkScenario = guarded(checkScenarioUnguarded);
export const checkDraft = guarded(checkDraftUnguarded);
export const checkSavedScenario = guarded(checkSavedScenarioUnguarded);
export const checkRun = guarded(checkRunUnguarded);
export const checkEnsemble = guarded(checkEnsembleUnguarded);
