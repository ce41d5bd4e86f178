// Import and export as text: pure functions producing or reading strings. The UI turns them
// into downloads (Blob + <a download>) and reads picked files with File.text().
//
// importScenarioJson never throws: a file is untrusted input, validated like a link (size
// limit, then parseScenario), returning the scenario that loads and issues saying what was
// ignored or clamped. Render issues as text, never as HTML.

import { SERIES, type SeriesKey, type SimEvent, type Summary } from '../core/index.ts';
import {
  DEFAULT_PRESET,
  MAX_SCENARIO_CHARS,
  loadPreset,
  parseScenario,
  readScenarioText,
  type Scenario,
  type ScenarioIssue,
  type ValidScenario,
} from '../scenario/index.ts';

/** Larger files are refused whole (the one limit for scenario text: MAX_SCENARIO_CHARS). */
export const MAX_IMPORT_CHARS = MAX_SCENARIO_CHARS;

export interface ImportResult {
  scenario: ValidScenario;
  issues: ScenarioIssue[];
  /** false when nothing usable was read: the scenario is the default preset */
  ok: boolean;
}

/** The scenario as pretty JSON, the format importScenarioJson reads. */
export function exportScenarioJson(scenario: Scenario): string {
  return JSON.stringify(scenario, null, 2) + '\n';
}

/**
 * Reads a scenario file: a scenario object, or an exported run (its `scenario` field).
 * Never throws.
 */
export function importScenarioJson(text: string): ImportResult {
  const fallback = (message: string): ImportResult => ({
    scenario: loadPreset(DEFAULT_PRESET)!,
    issues: [{ path: 'file', message, action: 'ignored' }],
    ok: false,
  });
  const read = readScenarioText(text);
  if (!read.ok) return fallback(`${read.message}; nothing imported`);
  const value = read.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fallback('the file does not hold a scenario object; nothing imported');
  const obj = value as Record<string, unknown>;
  const fromRun = obj.format === RUN_JSON_FORMAT && obj.scenario !== null && typeof obj.scenario === 'object';
  const { scenario, issues } = parseScenario(fromRun ? obj.scenario : obj);
  return { scenario, issues, ok: true };
}

export interface SeriesExportInput {
  scenario: Scenario;
  summary?: Summary;
  /** series to write: downsampled points (t in seconds since minute 0) */
  series: Partial<Record<SeriesKey, { t: ArrayLike<number>; y: ArrayLike<number> }>>;
  events?: readonly SimEvent[];
}

export const RUN_JSON_FORMAT = 'cascade-run';

/** Shortest decimal that reads back as the same float32 (0.1f prints "0.1", not 0.10000000149). */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v)) return String(v);
  const f = Math.fround(v);
  for (let p = 6; p < 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(Number(v.toPrecision(9)));
}

function csvCell(text: string): string {
  // quote always-text cells; neutralise spreadsheet formulas (=, +, -, @ at the start)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The series as CSV: one row per time present in any series, a column per series
 * (header: "label (unit)"), empty cells where a series has no point at that time.
 * First columns: seconds since minute 0, minute.
 */
export function seriesToCsv(input: SeriesExportInput): string {
  const keys = SERIES.filter((s) => input.series[s.key]);
  const times = new Set<number>();
  const maps = keys.map((s) => {
    const pts = input.series[s.key]!;
    const m = new Map<number, number>();
    const n = Math.min(pts.t.length, pts.y.length);
    for (let i = 0; i < n; i++) {
      m.set(pts.t[i], pts.y[i]);
      times.add(pts.t[i]);
    }
    return m;
  });
  const header = ['t_seconds', 'minute', ...keys.map((s) => `${s.label} (${s.unit})`)].map(csvCell).join(',');
  const rows = [...times]
    .sort((a, b) => a - b)
    .map((t) => {
      const cells = [formatFloat32(t), String(Number((t / 60).toFixed(4)))];
      for (const m of maps) {
        const v = m.get(t);
        cells.push(v === undefined ? '' : formatFloat32(v));
      }
      return cells.join(',');
    });
  return [header, ...rows].join('\n') + '\n';
}

/** The run as JSON: scenario, summary, series (plain number arrays), events. importScenarioJson reads it back. */
export function runToJson(input: SeriesExportInput): string {
  const series: Record<string, { label: string; unit: string; t: number[]; y: number[] }> = {};
  for (const s of SERIES) {
    const pts = input.series[s.key];
    if (!pts) continue;
    const n = Math.min(pts.t.length, pts.y.length);
    const t: number[] = [],
      y: number[] = [];
    for (let i = 0; i < n; i++) {
      t.push(Number(formatFloat32(pts.t[i])));
      y.push(Number(formatFloat32(pts.y[i])));
    }
    series[s.key] = { label: s.label, unit: s.unit, t, y };
  }
  return (
    JSON.stringify(
      {
        format: RUN_JSON_FORMAT,
        version: 1,
        scenario: input.scenario,
        summary: input.summary ?? null,
        series,
        events: input.events ?? [],
      },
      null,
      1,
    ) + '\n'
  );
}

/** A file name from a title: letters, digits and dashes only. */
export function fileName(title: string, ext: string): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cascade';
  return `${base}.${ext}`;
}
