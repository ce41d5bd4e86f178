// `npm run -s bench -- --calibrated N [--jobs J] [--scenario P]`: N calibrated worlds of a preset
// (default the 2024 incident), run as `sim --ensemble N` runs them, summary mode on J worker
// threads (default the cores): wall seconds against issue 25's 15 s for 64, and the CPU / wall
// ratio (how many cores the threads kept busy). On a loaded machine wall seconds say little, so
// the rate is also given as a ratio: worlds per CPU second against the lean kernel's (the same
// fleet shape and steps, timed in this process): the share of the yardstick's speed the model
// keeps, comparable between commits whatever the load.
// `npm run -s bench -- --calibrate N [--jobs J] [--scenario P]`: a calibration of N worlds drawn
// from the prior, timed the same way (issue 25: 1,000 worlds in under 6 minutes), with the time
// per world and what N = 1,000 would take at that rate.

import { performance } from 'node:perf_hooks';
import {
  CalibrationRunner,
  EnsembleRunner,
  Simulation,
  assumptionRanges,
  calibrationResult,
  type Figures,
} from '../core/index.ts';
import { loadPreset, type Scenario } from '../scenario/index.ts';
import { runJobs } from './jobs.ts';
import { LeanKernel } from './lean-kernel.ts';

export interface CalibrateBenchLine {
  name: string;
  what: 'calibrated-ensemble' | 'calibration';
  worlds: number;
  /** the runs that took: one per distinct world (a calibrated world resampled twice is one run) */
  runs?: number;
  jobs: number;
  /** where the ensemble's worlds came from (the prior when the preset's data accepted none) */
  source?: string;
  accepted?: number;
  wallSeconds: number;
  cpuSeconds: number;
  /** CPU / wall: the cores the run kept busy */
  parallelism: number;
  /** the target of issue 25 for this figure, in wall seconds, and the measured wall / target */
  targetSeconds: number;
  ofTarget: number;
  /** worlds per wall second, and runs per CPU second (every thread's CPU: process.cpuUsage counts them) */
  worldsPerWallSecond?: number;
  worldsPerCpuSecond?: number;
  /** the lean kernel on the preset's fleet shape and steps: worlds per CPU second, median of 3 */
  leanWorldsPerCpuSecond?: number;
  /** worldsPerCpuSecond (runs) / leanWorldsPerCpuSecond: the model's share of the yardstick's speed */
  ofLean?: number;
}

/** Worlds per CPU second of the lean kernel on `s`'s fleet shape and length (median of 3, after a warm-up). */
export function leanWorldsPerCpuSecond(s: Scenario): number {
  const st = new Simulation(s, { record: 'summary' }).state;
  const once = () => {
    const k = new LeanKernel(st.hosts, st.slotsPerHost, st.dt);
    const outage = Math.floor(st.totalSteps / 3);
    const c0 = process.cpuUsage();
    if (k.run(st.totalSteps, outage, 2 * outage) < 0) throw new Error('unreachable');
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  once();
  const t = [once(), once(), once()].sort((a, b) => a - b)[1];
  return 1 / t;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

async function timed(run: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

export async function benchCalibrated(preset: string, worlds: number, jobs: number): Promise<CalibrateBenchLine> {
  const runner = new EnsembleRunner(
    loadPreset(preset)!,
    { members: worlds, varyAssumptions: true, worlds: 'calibrated' },
    assumptionRanges(),
  );
  const all = runner.jobs;
  const t = await timed(() =>
    runJobs(
      all.length,
      (i) => runner.scenario(all[i]),
      'summary',
      (i, o) => void runner.record(all[i], o.summary),
      jobs,
    ),
  );
  const members = runner.plan.members.length;
  const target = (15 * members) / 64;
  const lean = leanWorldsPerCpuSecond(loadPreset(preset)!);
  const perCpu = all.length / t.cpu;
  return {
    name: preset,
    what: 'calibrated-ensemble',
    worlds: members,
    runs: all.length,
    jobs,
    source: runner.plan.worlds?.source ?? 'prior',
    wallSeconds: r2(t.wall),
    cpuSeconds: r2(t.cpu),
    parallelism: r2(t.cpu / t.wall),
    targetSeconds: r2(target),
    ofTarget: r2(t.wall / target),
    worldsPerWallSecond: r2(members / t.wall),
    worldsPerCpuSecond: r2(perCpu),
    leanWorldsPerCpuSecond: r2(lean),
    ofLean: Math.round((perCpu / lean) * 1000) / 1000,
  };
}

export async function benchCalibration(preset: string, worlds: number, jobs: number): Promise<CalibrateBenchLine> {
  const runner = new CalibrationRunner(preset, 1, worlds, assumptionRanges());
  const all = runner.jobs;
  const t = await timed(() =>
    runJobs(
      all.length,
      (i) => runner.scenario(all[i]),
      'figures',
      (i, o) => void runner.record(all[i], o.figures as Figures),
      jobs,
    ),
  );
  const c = calibrationResult(runner.header, runner.lines(), assumptionRanges());
  const accepted = 'error' in c ? 0 : c.accepted;
  const target = (360 * worlds) / 1000;
  return {
    name: preset,
    what: 'calibration',
    worlds,
    jobs,
    accepted,
    wallSeconds: r2(t.wall),
    cpuSeconds: r2(t.cpu),
    parallelism: r2(t.cpu / t.wall),
    targetSeconds: r2(target),
    ofTarget: r2(t.wall / target),
  };
}

export function formatCalibrateBench(l: CalibrateBenchLine): string {
  const what =
    l.what === 'calibration'
      ? `calibration of ${l.worlds} worlds`
      : `${l.worlds} ${l.source === 'calibrated' ? 'calibrated' : `${l.source} (no calibrated world to run)`} worlds` +
        (l.runs !== undefined && l.runs < l.worlds ? ` (${l.runs} distinct: ${l.runs} runs)` : '');
  return (
    `${l.name}: ${what} on ${l.jobs} thread${l.jobs === 1 ? '' : 's'}: ${l.wallSeconds} s wall, ${l.cpuSeconds} s CPU ` +
    `(parallelism ${l.parallelism}, ${r2(l.cpuSeconds / (l.runs ?? l.worlds))} CPU s a run); ${l.ofTarget}x the target ${l.targetSeconds} s wall` +
    (l.what === 'calibration'
      ? `; ${l.accepted} accepted; 1,000 worlds at this rate: ${Math.round((l.wallSeconds * 1000) / l.worlds)} s`
      : '') +
    (l.ofLean !== undefined
      ? `\n  ${l.worldsPerWallSecond} worlds per wall s, ${l.worldsPerCpuSecond} runs per CPU s; the lean kernel on the preset's shape ${l.leanWorldsPerCpuSecond} per CPU s: ratio ${l.ofLean.toFixed(3)}`
      : '') +
    '\n'
  );
}
