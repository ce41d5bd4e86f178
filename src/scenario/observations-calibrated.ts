// The calibrated worlds of each incident preset, committed as data (src/scenario/calibrated/*.json,
// written by `npm run calibrate:data`, which runs `sim calibrate --out` per preset). A file is the
// calibration's JSON report: the prior it drew from (its hash), its seed, the worlds it ran, and
// the worlds that fit every observation, each stored whole (seed, weight, every draw by path and
// the figures it measured): a world of a later wave was moved from another world, so it is in no
// plan that could be drawn again. The ensemble (core/ensemble/calibrated.ts) runs these worlds;
// it uses them only while the prior's hash still matches (tests/unit/core/calibrated.test.ts
// fails first). Read through `readCalibratedData`, the one check of the files' shape (a boundary).

import d2022 from './calibrated/clevercloud-2022-04.json' with { type: 'json' };
import d2024 from './calibrated/clevercloud-2024-08-02.json' with { type: 'json' };
import d2017 from './calibrated/flyingcircus-2017-08-02.json' with { type: 'json' };
import { OBSERVED_FIGURES } from './observations.ts';
import { PARAM_BY_PATH } from './params/index.ts';

/** The most worlds a calibration runs in one wave. */
export const MAX_CALIBRATION_WORLDS = 100_000;

export interface CalibratedWorldData {
  seed: number;
  /** normalized importance weight (a file's weights sum to 1) */
  weight: number;
  /** every drawn constant's value, by path */
  draws: Record<string, number>;
  /** the figures the world measured (observe.ts), null where it did not happen */
  figures: Record<string, number | null>;
}

export interface CalibratedData {
  preset: string;
  /** FNV-1a of the prior (core/ensemble/calibrated.ts priorHash) the worlds were drawn from */
  priorHash: string;
  seed: number;
  /** worlds run, every wave */
  tried: number;
  /** the calibrated worlds, in (wave, index) order */
  worlds: CalibratedWorldData[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const whole = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readWorld(v: unknown, w: string): CalibratedWorldData | string {
  if (!isObj(v)) return `${w} must be an object`;
  if (!whole(v.seed, 0, 4294967295)) return `${w}.seed must be a whole number`;
  if (!finite(v.weight) || v.weight <= 0 || v.weight > 1) return `${w}.weight must be a number in (0, 1]`;
  if (!isObj(v.draws)) return `${w}.draws must map parameter paths to values`;
  for (const [path, x] of Object.entries(v.draws)) {
    if (!PARAM_BY_PATH.has(path)) return `${w}.draws.${path} is not a parameter`;
    if (!finite(x)) return `${w}.draws.${path} must be a number`;
  }
  if (!isObj(v.figures)) return `${w}.figures must be an object`;
  const figures: Record<string, number | null> = {};
  for (const f of OBSERVED_FIGURES) {
    if (f === 'unmeasured') continue;
    const x = v.figures[f];
    if (x !== null && !finite(x)) return `${w}.figures.${f} must be a number or null`;
    figures[f] = x as number | null;
  }
  return { seed: v.seed, weight: v.weight, draws: v.draws as Record<string, number>, figures };
}

/** A calibration report's data part, checked; a message saying what is wrong otherwise. */
export function readCalibratedData(v: unknown): CalibratedData | string {
  const c = isObj(v) && isObj(v.calibration) ? v.calibration : null;
  if (!c) return 'not a calibration report (no calibration object)';
  if (typeof c.scenario !== 'string') return 'calibration.scenario must name the preset';
  if (typeof c.priorHash !== 'string' || !/^[0-9a-f]{8}$/.test(c.priorHash))
    return 'calibration.priorHash must be 8 hex digits';
  if (!whole(c.seed, 0, 4294967295)) return 'calibration.seed must be a whole number';
  if (!whole(c.tried, 1, Number.MAX_SAFE_INTEGER)) return 'calibration.tried must be a whole number of worlds';
  if (!Array.isArray(c.worlds))
    return 'calibration.worlds must list the calibrated worlds (a report from before the waves: npm run calibrate:data)';
  if (c.worlds.length > c.tried) return 'calibration.worlds holds more worlds than were tried';
  const worlds: CalibratedWorldData[] = [];
  for (const [i, x] of c.worlds.entries()) {
    const w = readWorld(x, `calibration.worlds[${i}]`);
    if (typeof w === 'string') return w;
    worlds.push(w);
  }
  const sum = worlds.reduce((a, w) => a + w.weight, 0);
  if (worlds.length && Math.abs(sum - 1) > 1e-9) return `calibration.worlds' weights must sum to 1 (got ${sum})`;
  return { preset: c.scenario, priorHash: c.priorHash, seed: c.seed, tried: c.tried, worlds };
}

const FILES: readonly unknown[] = [d2024, d2022, d2017];

/** The calibrated data by preset; a file that fails its check is left out (its preset uses the prior). */
export const CALIBRATED: ReadonlyMap<string, CalibratedData> = new Map(
  FILES.map(readCalibratedData)
    .filter((d): d is CalibratedData => typeof d !== 'string')
    .map((d) => [d.preset, d]),
);
