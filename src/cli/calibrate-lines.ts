// The world-line format of `sim calibrate --shard K/N` and `sim merge`: one JSON object per world
// tried, each carrying the calibration's header (so a line read alone says what it belongs to),
// the world's wave, index, seed, draws and measured figures. Versioned like the ensemble's member lines
// (member-lines.ts); every field is checked here against the header, so a copied, edited or
// truncated line is refused with a message instead of being counted.

import { readFileSync, statSync } from 'node:fs';
import { MAX_CALIBRATION_WORLDS, OBSERVED_FIGURES, PARAM_BY_PATH, PRESETS } from '../scenario/index.ts';
import { firstWave, worldSeed, type CalibrationHeader, type Figures, type WorldLine } from '../core/index.ts';
import { MAX_MERGE_FILE_BYTES } from './member-lines.ts';

export const WORLD_LINE_KIND = 'calibration-world';
/** 3: the waves of smc-waves.ts (a wave moves the population inside the tolerance, resampled only below half); format 2's waves replay differently */
export const WORLD_LINE_FORMAT = 3;
/** the most waves a calibration runs */
export const MAX_WAVES = 64;

export function worldLineText(header: CalibrationHeader, line: WorldLine): string {
  return JSON.stringify({ kind: WORLD_LINE_KIND, format: WORLD_LINE_FORMAT, header, ...line }) + '\n';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
class Bad extends Error {}
const bad = (what: string): never => {
  throw new Bad(what);
};
const show = (v: unknown) => {
  const t = typeof v === 'number' || v === undefined ? String(v) : JSON.stringify(v);
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
};
function int(o: Obj, k: string, min: number, max: number, w: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    bad(`${w}${k} must be a whole number in ${min}..${max} (got ${show(v)})`);
  return v as number;
}
function num(v: unknown, what: string, lo = -Number.MAX_VALUE, hi = Number.MAX_VALUE): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi)
    bad(`${what} must be a number in ${lo}..${hi} (got ${show(v)})`);
  return v as number;
}

/** The header, checked and rebuilt in a fixed key order (so two headers compare as text). */
function checkHeader(v: unknown): CalibrationHeader {
  if (!isObj(v)) return bad('header must be an object');
  const w = 'header.';
  const scenario = v.scenario;
  if (typeof scenario !== 'string' || !PRESETS.some((p) => p.name === scenario))
    bad(`${w}scenario must be a preset (got ${show(scenario)})`);
  if (typeof v.priorHash !== 'string' || !/^[0-9a-f]{8}$/.test(v.priorHash)) bad(`${w}priorHash must be 8 hex digits`);
  const list = v.assumptions;
  if (!Array.isArray(list) || list.length > PARAM_BY_PATH.size) bad(`${w}assumptions must be a list`);
  const assumptions = (list as unknown[]).map((x, i) => {
    if (!isObj(x) || typeof x.path !== 'string' || !PARAM_BY_PATH.has(x.path))
      bad(`${w}assumptions[${i}] must name a parameter`);
    const a = x as Obj;
    const lo = num(a.lo, `${w}assumptions[${i}].lo`);
    return { path: a.path as string, lo, hi: num(a.hi, `${w}assumptions[${i}].hi`, lo) };
  });
  const worlds = int(v, 'worlds', 1, MAX_CALIBRATION_WORLDS, w);
  // wave 0's size, when larger than a wave (lines written before it existed have none: `worlds`)
  const first = v.first === undefined ? worlds : int(v, 'first', worlds, MAX_CALIBRATION_WORLDS, w);
  return {
    scenario: scenario as string,
    seed: int(v, 'seed', 0, 4294967295, w),
    worlds,
    ...(first === worlds ? {} : { first }),
    waves: int(v, 'waves', 1, MAX_WAVES, w),
    want: int(v, 'want', 1, MAX_CALIBRATION_WORLDS, w),
    priorHash: v.priorHash as string,
    assumptions,
  };
}

function figures(v: unknown): Figures {
  if (!isObj(v)) return bad('figures must be an object');
  const out: Record<string, number | null> = {};
  for (const f of OBSERVED_FIGURES) {
    if (f === 'unmeasured') continue;
    const x = v[f];
    out[f] = x === null ? null : num(x, `figures.${f}`);
  }
  return out as Figures;
}

export type CheckedWorld = { header: CalibrationHeader; line: WorldLine } | { error: string };

/** Parses and checks one decoded line. Never throws. */
export function checkWorldLine(value: unknown): CheckedWorld {
  try {
    if (!isObj(value)) bad('the line must be an object');
    const l = value as Obj;
    if (l.kind !== WORLD_LINE_KIND) bad('not a calibration world line (run sim calibrate with --shard K/N)');
    if (l.format !== WORLD_LINE_FORMAT)
      bad(`world line format ${show(l.format)}: this sim reads format ${WORLD_LINE_FORMAT}; run that shard again`);
    const header = checkHeader(l.header);
    const wave = int(l, 'wave', 0, header.waves - 1, '');
    const index = int(l, 'index', 0, (wave ? header.worlds : firstWave(header)) - 1, '');
    const seed = int(l, 'seed', 0, 4294967295, '');
    const expected = worldSeed(header, wave, index);
    if (seed !== expected) bad(`seed must be ${expected} for world ${index} of wave ${wave} (got ${seed})`);
    const draws = l.draws;
    if (!Array.isArray(draws) || draws.length !== header.assumptions.length)
      bad(`draws must hold one value per assumption (${header.assumptions.length})`);
    const values = (draws as unknown[]).map((x, j) => {
      const r = header.assumptions[j];
      const slack = Math.abs(r.hi - r.lo) * 1e-9;
      return num(x, `draws[${j}] (${r.path})`, r.lo - slack, r.hi + slack);
    });
    const stopped = l.stopped === null ? null : num(l.stopped, 'stopped (a minute or null)', 0, 1e7);
    return { header, line: { wave, index, seed, draws: values, figures: figures(l.figures), stopped } };
  } catch (e) {
    if (e instanceof Bad) return { error: e.message };
    throw e;
  }
}

/**
 * World lines gathered from several files (`sim calibrate --from`, `sim merge`): one header for all,
 * each (wave, world) once. `add` must return a message naming `at` for anything else, and keep nothing then.
 */
export class WorldLineSet {
  header: CalibrationHeader | undefined;
  readonly lines: WorldLine[] = [];
  #headerText = '';
  readonly #seen = new Set<string>();

  add(value: unknown, at: string): string | undefined {
    const w = checkWorldLine(value);
    if ('error' in w) return `${at}: ${w.error}`;
    const t = JSON.stringify(w.header);
    if (this.header === undefined) {
      this.header = w.header;
      this.#headerText = t;
    } else if (t !== this.#headerText)
      return `${at} belongs to another calibration (preset, seed, worlds, waves or prior differ)`;
    const key = `${w.line.wave}/${w.line.index}`;
    if (this.#seen.has(key)) return `world ${w.line.index} of wave ${w.line.wave} appears twice (${at})`;
    this.#seen.add(key);
    this.lines.push(w.line);
    return undefined;
  }
}

/**
 * The world lines of `files` (the waves run so far, `sim calibrate --from`), checked: one header
 * for all, each (wave, world) once. A message naming the file and line otherwise. At most
 * MAX_MERGE_FILE_BYTES a file (a wave of a big calibration is a file of lines, not a stream).
 */
export function readWorldFiles(files: readonly string[]): { header: CalibrationHeader; lines: WorldLine[] } | string {
  const set = new WorldLineSet();
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > MAX_MERGE_FILE_BYTES) return `${file} is larger than ${MAX_MERGE_FILE_BYTES} bytes`;
      text = readFileSync(file, 'utf8');
    } catch {
      return `cannot read ${file}`;
    }
    for (const [i, raw] of text.split('\n').entries()) {
      const row = raw.trim();
      if (!row) continue;
      const at = `${file}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(row);
      } catch {
        return `${at} is not a JSON line`;
      }
      const error = set.add(value, at);
      if (error) return error;
    }
  }
  return set.header ? { header: set.header, lines: set.lines } : 'the files hold no calibration world lines';
}
