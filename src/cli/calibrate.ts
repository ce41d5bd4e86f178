// `sim calibrate --scenario P --worlds N [--seed S] [--jobs J] [--json] [--out FILE] [--shard K/N]`
// Draws N worlds from the prior of preset P (its typical rows over their plausible ranges, and
// the seed: the ensemble's own Latin hypercube), runs them in summary mode, keeps those consistent
// with every observation of P's incident (scenario/observations.ts) and reports tried, accepted,
// each observation's fit and per constant the prior range against the accepted range. A shard
// prints one line per world (calibrate-lines.ts); `sim merge` combines them into the same output,
// byte for byte. `--out FILE` also writes the JSON report (the calibrated data of
// src/scenario/calibrated/, `npm run calibrate:data`).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CALIBRATION_SCHEMA,
  CalibrationRunner,
  assumptionRanges,
  calibrationResult,
  type Calibration,
  type CalibrationHeader,
  type WorldLine,
} from '../core/index.ts';
import { MAX_CALIBRATION_WORLDS, PRESETS, incidentOf, loadPreset } from '../scenario/index.ts';
import { worldLineText } from './calibrate-lines.ts';
import { parseShard } from './ensemble.ts';
import type { CliIo } from './io.ts';
import { parseJobs, runJobs } from './jobs.ts';

export const CALIBRATE_USAGE = `usage: sim calibrate --scenario PRESET --worlds N [--seed S] [--jobs J] [--json] [--out FILE] [--shard K/N]
  Draws N worlds from the prior (every typical constant over its plausible range, and the seed),
  runs each, and keeps those consistent with what the preset's incident reported.
`;

export interface CalibrationOutput {
  schema: number;
  calibration: Calibration;
}

export function calibrationOutput(h: CalibrationHeader, lines: readonly WorldLine[]): CalibrationOutput {
  return { schema: CALIBRATION_SCHEMA, calibration: calibrationResult(h, lines) };
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(x));
const range = (r: [number, number] | null) => (r ? `${fmt(r[0])} to ${fmt(r[1])}` : '-');
const bound = (x: number | null, open: string) => (x === null ? open : fmt(x));

export function readableCalibration(out: CalibrationOutput): string {
  const c = out.calibration;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const lines = [
    `${c.scenario}: ${c.accepted} of ${c.tried} worlds consistent with ${c.incident} (${pct(c.acceptanceRate)}; prior ${c.priorHash}, seed ${c.seed})`,
    '',
    'observations (worlds inside the tolerance, of tried; the figure over the worlds tried: p05 / p50 / p95):',
  ];
  for (const o of c.observations) {
    const t = o.tried ? `${fmt(o.tried.p05)} / ${fmt(o.tried.p50)} / ${fmt(o.tried.p95)}` : 'never happened';
    const head = o.measured
      ? `  ${o.id.padEnd(22)} ${String(o.inside).padStart(5)} of ${c.tried}  want ${bound(o.lo, '..')} to ${bound(o.hi, '..')} (seed ${o.seed}: ${fmt(o.target)} ${o.unit})`
      : `  ${o.id.padEnd(22)}  not measured by the model yet (seed ${o.seed}: ${fmt(o.target)} ${o.unit})`;
    lines.push(head);
    if (o.measured) lines.push(`  ${''.padEnd(22)} got ${t}${o.missing ? `; did not happen in ${o.missing}` : ''}`);
  }
  lines.push('', 'constants (prior range -> accepted range; share of the prior the accepted worlds span):');
  const ranked = [...c.constants].sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || (a.path < b.path ? -1 : 1));
  for (const k of ranked)
    lines.push(
      `  ${k.path.padEnd(44)} ${range(k.prior)} -> ${range(k.posterior)}${k.share === null ? '' : ` (${pct(k.share)})`}`,
    );
  if (!c.accepted) lines.push('', 'no world fits every observation: the ensembles of this preset run the full prior');
  return lines.join('\n') + '\n';
}

/** The command: returns the exit code (2 with a message for bad input). */
export async function calibrateCli(argv: readonly string[], io: CliIo, threads = true): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scenario: { type: 'string' },
        worlds: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        shard: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`sim calibrate: ${(e as Error).message}\n${CALIBRATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(CALIBRATE_USAGE);
    return 0;
  }
  const errors: string[] = [];
  const name = values.scenario ?? '';
  if (!loadPreset(name))
    errors.push(`--scenario ${JSON.stringify(name)}: name a preset (${PRESETS.map((p) => p.name).join(', ')})`);
  else if (!incidentOf(name))
    errors.push(
      `--scenario ${name} replays no incident: there is nothing to calibrate against, and its ensembles use the full prior`,
    );
  const worlds = Number(values.worlds);
  if (!/^\d+$/.test(values.worlds ?? '') || worlds < 1 || worlds > MAX_CALIBRATION_WORLDS)
    errors.push(
      `--worlds ${values.worlds ?? '(missing)'}: expected a whole number of worlds in 1..${MAX_CALIBRATION_WORLDS}`,
    );
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!/^\d+$/.test(values.seed ?? '1') || seed > 4294967295)
    errors.push(`--seed ${values.seed}: expected a whole number in 0..4294967295`);
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') errors.push(jobs);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') errors.push(shard);
  if (shard && values.out)
    errors.push('--out writes the whole calibration: run it on the merged lines (sim merge ... --json)');
  if (errors.length) {
    io.err(`sim calibrate: ${errors.join('\n  ')}\n`);
    return 2;
  }
  const runner = new CalibrationRunner(
    name,
    seed,
    worlds,
    assumptionRanges(),
    shard as { part: number; count: number },
  );
  const jobsList = runner.jobs;
  await runJobs(
    jobsList.length,
    (i) => runner.scenario(jobsList[i]),
    'figures',
    (i, o) => runner.record(jobsList[i], o.figures!),
    threads ? (jobs as number) : 1,
  );
  if (shard) {
    for (const l of runner.lines()) io.out(worldLineText(runner.header, l));
    return 0;
  }
  const out = calibrationOutput(runner.header, runner.lines());
  const json = JSON.stringify(out) + '\n';
  if (values.out) writeFileSync(values.out, json);
  io.out(values.json ? json : readableCalibration(out));
  return 0;
}
