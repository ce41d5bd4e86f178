// `sim calibrate --scenario P --worlds N [--waves W] [--want K] [--seed S] [--jobs J] [--json] [--out FILE]`
// `sim calibrate --from FILE... [--shard K/N] [--jobs J] [--json] [--out FILE]`
// A calibration of preset P in waves (core/ensemble/smc.ts): wave 0 draws N worlds from the prior
// (its typical rows over their plausible ranges, and the seed: the ensemble's own Latin
// hypercube), each later wave N worlds moved from the previous wave's best; every world runs in
// summary mode and is kept when its distance to the incident's observations is within the wave's
// tolerance, 0 at the last wave (inside every observation). It stops at the first wave of
// tolerance 0 that keeps K worlds (default N), or after W waves (default 1: rejection from the
// prior). The report: tried, accepted, per wave the worlds proposed and kept and the tolerance,
// each observation's fit, per constant the prior range against the accepted range, and the
// accepted worlds. `--shard K/N` prints the world lines of one shard of the next wave (after the
// waves in the --from files, or wave 0); `sim merge` of every line so far gives the same report,
// byte for byte, or names the next wave to run. `--out FILE` also writes the JSON report (the
// calibrated data of src/scenario/calibrated/, `npm run calibrate:data`).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CALIBRATION_SCHEMA,
  defaultWant,
  CalibrationRunner,
  assumptionRanges,
  calibrationResult,
  type Calibration,
  type CalibrationHeader,
  type WorldLine,
} from '../core/index.ts';
import { MAX_CALIBRATION_WORLDS, PRESETS, incidentOf, loadPreset } from '../scenario/index.ts';
import { MAX_WAVES, readWorldFiles, worldLineText } from './calibrate-lines.ts';
import { parseShard } from './ensemble.ts';
import type { CliIo } from './io.ts';
import { parseJobs, runJobs } from './jobs.ts';

export const CALIBRATE_USAGE = `usage: sim calibrate --scenario PRESET --worlds N [--first M] [--waves W] [--want K] [--seed S] [--jobs J] [--json] [--out FILE] [--shard K/N]
       sim calibrate --from FILE... [--shard K/N] [--jobs J] [--json] [--out FILE]
  Runs N worlds a wave: wave 0 drawn from the prior (every typical constant over its plausible
  range, and the seed), each later wave moved from the previous wave's best worlds, and keeps
  those consistent with what the preset's incident reported: at most W waves (default 1), until
  the worlds that fit every observation number K effective worlds (default N / 2). --first M:
  wave 0 draws M worlds (at least N; default N) and the waves go on with the N nearest the
  incident (more worlds of the prior for the waves to start from). --from: the
  world lines of the waves run so far (a cluster runs a wave's shards, merges, then the next
  wave --from every line so far).
`;

export interface CalibrationOutput {
  schema: number;
  calibration: Calibration;
}

/** The report of every line so far, or a message when they do not add up. */
export function calibrationOutput(h: CalibrationHeader, lines: readonly WorldLine[]): CalibrationOutput | string {
  const c = calibrationResult(h, lines, assumptionRanges());
  return 'error' in c ? c.error : { schema: CALIBRATION_SCHEMA, calibration: c };
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(x));
const range = (r: [number, number] | null) => (r ? `${fmt(r[0])} to ${fmt(r[1])}` : '-');
const bound = (x: number | null, open: string) => (x === null ? open : fmt(x));

export function readableCalibration(out: CalibrationOutput): string {
  const c = out.calibration;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const lines = [
    `${c.scenario}: ${c.accepted} of ${c.tried} worlds consistent with ${c.incident} (${pct(c.acceptanceRate)}; prior ${c.priorHash}, seed ${c.seed})`,
    ...c.waves.map(
      (w) =>
        `  wave ${w.wave}: ${w.accepted} of ${w.proposed} kept at tolerance ${w.tolerance}${w.tolerance === 0 ? ' (inside every observation)' : ''}${w.stopped ? `; ${w.stopped} stopped early` : ''}; effective ${w.effective}`,
    ),
    ...(c.next
      ? [
          `  wave ${c.next.wave} is next: sim calibrate --from <every world line so far> --shard K/N, then sim merge every line`,
        ]
      : c.accepted
        ? [
            `  effective worlds ${c.effectiveWorlds} of ${c.accepted} (Kish, over each world's copies; the heaviest ${c.heaviestWeight}); they descend from ${c.lineages} effective worlds of wave 0 (worlds moved from one another stay alike: the independent worlds are between the two)`,
          ]
        : []),
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
  if (!c.accepted && !c.next)
    lines.push('', 'no world fits every observation: the ensembles of this preset run the full prior');
  return lines.join('\n') + '\n';
}

/** Runs every job of `runner` (its wave, or its shard of the wave) on `jobs` threads. */
export async function runWave(runner: CalibrationRunner, jobs: number): Promise<void> {
  const list = runner.jobs;
  const tol = runner.tolerance;
  await runJobs(
    list.length,
    (i) => runner.scenario(list[i]),
    tol === null ? 'figures' : { within: tol },
    (i, o) => runner.record(list[i], o.figures!, o.stopped ?? null),
    jobs,
  );
}

/** Runs the waves from `runner` to the end; `onWave` hears each wave's counts as it ends. */
export async function runWaves(
  first: CalibrationRunner,
  jobs: number,
  onWave: (r: CalibrationRunner) => void = () => {},
): Promise<CalibrationRunner> {
  let runner = first;
  while (runner.wave !== null) {
    await runWave(runner, jobs);
    onWave(runner);
    runner = runner.nextRunner();
  }
  return runner;
}

/** The command: returns the exit code (2 with a message for bad input). */
export async function calibrateCli(argv: readonly string[], io: CliIo, threads = true): Promise<number> {
  let values, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        worlds: { type: 'string' },
        first: { type: 'string' },
        waves: { type: 'string' },
        want: { type: 'string' },
        seed: { type: 'string' },
        from: { type: 'boolean', default: false },
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
  const whole = (flag: string, text: string | undefined, lo: number, hi: number, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < lo || n > hi)
      errors.push(`--${flag} ${text}: expected a whole number in ${lo}..${hi}`);
    return n;
  };
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') errors.push(jobs);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') errors.push(shard);
  if (shard && values.out)
    errors.push('--out writes the whole calibration: run it on the merged lines (sim merge ... --json)');
  let runner: CalibrationRunner | undefined;
  if (positionals.length && !values.from)
    errors.push(`${positionals[0]}: files of world lines come after --from (the waves run so far)`);
  if (values.from) {
    if (!positionals.length) errors.push('--from: name the files of world lines of the waves run so far');
    for (const f of ['scenario', 'worlds', 'first', 'waves', 'want', 'seed'] as const)
      if (values[f] !== undefined) errors.push(`--${f}: with --from, the calibration is the one the lines carry`);
    const read = errors.length ? null : readWorldFiles(positionals);
    if (typeof read === 'string') errors.push(`--from: ${read}`);
    else if (read) {
      const h = read.header;
      try {
        runner = CalibrationRunner.resume(
          h,
          assumptionRanges(),
          read.lines,
          shard ? (shard as { part: number; count: number }) : undefined,
        );
        if (JSON.stringify(runner.header) !== JSON.stringify(h))
          errors.push(
            `--from: the lines were drawn from another prior (${h.priorHash}; today ${runner.header.priorHash})`,
          );
      } catch (e) {
        errors.push(`--from: ${(e as Error).message}`);
      }
    }
  } else {
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
    const first = whole('first', values.first, 1, MAX_CALIBRATION_WORLDS, worlds);
    if (values.first !== undefined && Number.isInteger(first) && Number.isInteger(worlds) && first < worlds)
      errors.push(`--first ${values.first}: wave 0 runs at least the ${worlds} worlds of a wave (--worlds)`);
    const seed = whole('seed', values.seed, 0, 4294967295, 1);
    const waves = whole('waves', values.waves, 1, MAX_WAVES, 1);
    const want = whole('want', values.want, 1, MAX_CALIBRATION_WORLDS, defaultWant(worlds));
    if (!errors.length)
      runner = new CalibrationRunner(name, seed, worlds, assumptionRanges(), {
        first,
        waves,
        want,
        ...(shard ? { shard: shard as { part: number; count: number } } : {}),
      });
  }
  if (errors.length || !runner) {
    io.err(`sim calibrate: ${errors.join('\n  ')}\n`);
    return 2;
  }
  const threadCount = threads ? (jobs as number) : 1;
  if (shard) {
    if (runner.wave === null) {
      io.err('sim calibrate: the calibration is over: sim merge its lines for the report\n');
      return 2;
    }
    await runWave(runner, threadCount);
    for (const l of runner.lines()) io.out(worldLineText(runner.header, l));
    return 0;
  }
  const last = await runWaves(runner, threadCount);
  const out = calibrationOutput(last.header, last.allLines());
  if (typeof out === 'string') {
    io.err(`sim calibrate: ${out}\n`);
    return 2;
  }
  const json = JSON.stringify(out) + '\n';
  if (values.out) writeFileSync(values.out, json);
  io.out(values.json ? json : readableCalibration(out));
  return 0;
}
