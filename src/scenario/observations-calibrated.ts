// The calibrated worlds of each incident preset, committed as data (src/scenario/calibrated/*.json,
// written by `npm run calibrate:data`, which runs `sim calibrate --out` per preset). A file is the
// calibration's JSON report: the prior it drew from (its hash), the plan's seed and size, which of
// its worlds fit every observation, and per constant the prior and accepted ranges. The ensemble
// (core/ensemble/calibrated.ts) re-draws the plan and runs the accepted worlds; it uses them only
// while the prior's hash still matches (tests/unit/scenario/calibrated-data.test.ts fails first).
// Read through `readCalibratedData`, the one check of the files' shape (a boundary).

import d2022 from './calibrated/clevercloud-2022-04.json' with { type: 'json' };
import d2024 from './calibrated/clevercloud-2024-08-02.json' with { type: 'json' };
import d2017 from './calibrated/flyingcircus-2017-08-02.json' with { type: 'json' };

/** The most worlds a calibration tries (its plan is re-drawn whole whenever its worlds are used). */
export const MAX_CALIBRATION_WORLDS = 100_000;

export interface CalibratedData {
  preset: string;
  /** FNV-1a of the prior (core/ensemble/calibrated.ts priorHash) the worlds were drawn from */
  priorHash: string;
  /** the plan's seed and size: world i is member i of planWorlds(preset at seed, tried) */
  seed: number;
  tried: number;
  /** the accepted worlds' indices, ascending */
  acceptedWorlds: number[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const whole = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** A calibration report's data part, checked; a message saying what is wrong otherwise. */
export function readCalibratedData(v: unknown): CalibratedData | string {
  const c = isObj(v) && isObj(v.calibration) ? v.calibration : null;
  if (!c) return 'not a calibration report (no calibration object)';
  if (typeof c.scenario !== 'string') return 'calibration.scenario must name the preset';
  if (typeof c.priorHash !== 'string' || !/^[0-9a-f]{8}$/.test(c.priorHash))
    return 'calibration.priorHash must be 8 hex digits';
  if (!whole(c.seed, 0, 4294967295)) return 'calibration.seed must be a whole number';
  if (!whole(c.tried, 1, MAX_CALIBRATION_WORLDS))
    return `calibration.tried must be a whole number in 1..${MAX_CALIBRATION_WORLDS}`;
  const tried = c.tried;
  const acc = c.acceptedWorlds;
  if (!Array.isArray(acc) || acc.some((x, i) => !whole(x, 0, tried - 1) || (i > 0 && x <= (acc[i - 1] as number))))
    return 'calibration.acceptedWorlds must be ascending world indices below tried';
  return { preset: c.scenario, priorHash: c.priorHash, seed: c.seed, tried, acceptedWorlds: acc as number[] };
}

const FILES: readonly unknown[] = [d2024, d2022, d2017];

/** The calibrated data by preset; a file that fails its check is left out (its preset uses the prior). */
export const CALIBRATED: ReadonlyMap<string, CalibratedData> = new Map(
  FILES.map(readCalibratedData)
    .filter((d): d is CalibratedData => typeof d !== 'string')
    .map((d) => [d.preset, d]),
);
