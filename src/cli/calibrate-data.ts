// `npm run calibrate:data [-- --worlds N --jobs J --only PRESET]`: regenerates the calibrated
// worlds of every incident preset (src/scenario/calibrated/<preset>.json), on purpose, like the
// goldens: after a change to the model, a typical row, a preset or an observation
// (tests/unit/scenario/calibrated-data.test.ts fails until then). Each file is the JSON report of
// `sim calibrate --scenario <preset> --worlds N --seed 1`.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CalibrationRunner, assumptionRanges } from '../core/index.ts';
import { INCIDENTS } from '../scenario/index.ts';
import { calibrationOutput } from './calibrate.ts';
import { parseJobs, runJobs } from './jobs.ts';

/** worlds tried per preset by default (a few minutes per preset on two cores at today's model) */
export const DEFAULT_DATA_WORLDS = 256;

export function dataFile(preset: string): URL {
  return new URL(`../scenario/calibrated/${preset}.json`, import.meta.url);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { worlds: { type: 'string' }, jobs: { type: 'string' }, only: { type: 'string' } },
  });
  const worlds = values.worlds === undefined ? DEFAULT_DATA_WORLDS : Number(values.worlds);
  const jobs = parseJobs(values.jobs);
  if (!Number.isInteger(worlds) || worlds < 1 || typeof jobs === 'string') {
    process.stderr.write(`calibrate:data: --worlds N (whole) and --jobs J, got ${values.worlds} ${values.jobs}\n`);
    return 2;
  }
  for (const incident of INCIDENTS) {
    if (values.only && values.only !== incident.preset) continue;
    const t0 = Date.now();
    const runner = new CalibrationRunner(incident.preset, 1, worlds, assumptionRanges());
    const list = runner.jobs;
    await runJobs(
      list.length,
      (i) => runner.scenario(list[i]),
      'figures',
      (i, o) => runner.record(list[i], o.figures!),
      jobs,
    );
    const out = calibrationOutput(runner.header, runner.lines());
    writeFileSync(dataFile(incident.preset), JSON.stringify(out) + '\n');
    const c = out.calibration;
    process.stdout.write(
      `${incident.preset}: ${c.accepted} of ${c.tried} worlds accepted (${Math.round(c.acceptanceRate * 1000) / 10}%), ${Math.round((Date.now() - t0) / 1000)} s wall\n`,
    );
  }
  return 0;
}

void main().then((code) => (process.exitCode = code));
