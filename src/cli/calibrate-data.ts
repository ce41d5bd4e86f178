// `npm run calibrate:data [-- --worlds N --first M --waves W --want K --jobs J --only PRESET --lines FILE --resume]`:
// regenerates the calibrated worlds of every incident preset (src/scenario/calibrated/<preset>.json),
// on purpose, like the goldens: after a change to the model, a typical row, a preset or an
// observation (tests/unit/core/calibrated.test.ts and tests/unit/model/calibrated.test.ts fail
// until then). Each file is the JSON report of `sim calibrate --scenario <preset> --worlds N
// --first M --waves W --want K --seed 1` (--first: wave 0's worlds, default N): the same method for every preset (a preset whose wave 0 already
// holds K worlds inside every observation stops there). `--lines FILE` appends each wave's world
// lines as it ends (FILE.<preset>.jsonl); `--resume` with `--lines FILE` and `--only PRESET` reads
// that file's waves and runs on from there, appending (the lines carry the calibration: --worlds,
// --first, --waves and --want are theirs; a file whose lines are not the waves' own is refused).

import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CalibrationRunner, assumptionRanges } from '../core/index.ts';
import { INCIDENTS } from '../scenario/index.ts';
import { readWorldFiles, worldLineText } from './calibrate-lines.ts';
import { calibrationOutput, runWaves } from './calibrate.ts';
import { parseJobs } from './jobs.ts';

/** worlds a wave, the most waves, and the worlds wanted inside every observation, by default */
export const DEFAULT_DATA_WORLDS = 128;
export const DEFAULT_DATA_WAVES = 24;
export const DEFAULT_DATA_WANT = 40;

export function dataFile(preset: string): URL {
  return new URL(`../scenario/calibrated/${preset}.json`, import.meta.url);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      worlds: { type: 'string' },
      first: { type: 'string' },
      waves: { type: 'string' },
      want: { type: 'string' },
      jobs: { type: 'string' },
      only: { type: 'string' },
      lines: { type: 'string' },
      resume: { type: 'boolean', default: false },
    },
  });
  const num = (t: string | undefined, d: number) => (t === undefined ? d : Number(t));
  const worlds = num(values.worlds, DEFAULT_DATA_WORLDS);
  const waves = num(values.waves, DEFAULT_DATA_WAVES);
  const want = num(values.want, DEFAULT_DATA_WANT);
  const first = num(values.first, worlds);
  const jobs = parseJobs(values.jobs);
  if (![worlds, waves, want, first].every((x) => Number.isInteger(x) && x >= 1) || typeof jobs === 'string') {
    process.stderr.write(`calibrate:data: --worlds, --first, --waves, --want (whole, 1 or more) and --jobs J\n`);
    return 2;
  }
  if (first < worlds) {
    process.stderr.write(`calibrate:data: --first ${first}: wave 0 runs at least the ${worlds} worlds of a wave\n`);
    return 2;
  }
  if (values.resume && [values.worlds, values.first, values.waves, values.want].some((x) => x !== undefined)) {
    process.stderr.write(
      'calibrate:data: --resume runs the calibration the lines carry: drop --worlds, --first, --waves and --want\n',
    );
    return 2;
  }
  if (values.resume && !(values.lines && values.only)) {
    process.stderr.write('calibrate:data: --resume runs on from the file of --lines, of the preset of --only\n');
    return 2;
  }
  for (const incident of INCIDENTS) {
    if (values.only && values.only !== incident.preset) continue;
    const t0 = Date.now(),
      c0 = process.cpuUsage();
    const linesFile = values.lines && `${values.lines}.${incident.preset}.jsonl`;
    let runner: CalibrationRunner;
    if (values.resume && linesFile) {
      const read = readWorldFiles([linesFile]);
      if (typeof read === 'string') {
        process.stderr.write(`calibrate:data: ${linesFile}: ${read}\n`);
        return 1;
      }
      try {
        runner = CalibrationRunner.resume(read.header, assumptionRanges(), read.lines);
      } catch (e) {
        process.stderr.write(`calibrate:data: ${linesFile}: ${(e as Error).message}\n`);
        return 1;
      }
    } else {
      runner = new CalibrationRunner(incident.preset, 1, worlds, assumptionRanges(), { first, waves, want });
      if (linesFile) writeFileSync(linesFile, '');
    }
    const last = await runWaves(runner, jobs, (r) => {
      if (linesFile)
        appendFileSync(
          linesFile,
          r
            .lines()
            .map((l) => worldLineText(r.header, l))
            .join(''),
        );
      const c = process.cpuUsage(c0);
      process.stdout.write(
        `${incident.preset}: wave ${r.wave} ran, ${Math.round((Date.now() - t0) / 1000)} s wall, ${Math.round((c.user + c.system) / 1e6)} s CPU in this thread\n`,
      );
    });
    const out = calibrationOutput(last.header, last.allLines());
    if (typeof out === 'string') {
      process.stderr.write(`calibrate:data: ${incident.preset}: ${out}\n`);
      return 1;
    }
    writeFileSync(dataFile(incident.preset), JSON.stringify(out) + '\n');
    const c = out.calibration;
    const waveText = c.waves
      .map((w) => `${w.accepted}/${w.proposed} at ${w.tolerance} (ESS ${w.effective})`)
      .join(', ');
    process.stdout.write(
      `${incident.preset}: ${c.accepted} of ${c.tried} worlds accepted (waves: ${waveText}; effective ${c.effectiveWorlds}, heaviest ${c.heaviestWeight}, lineages ${c.lineages}), ${Math.round((Date.now() - t0) / 1000)} s wall\n`,
    );
  }
  return 0;
}

void main().then((code) => (process.exitCode = code));
