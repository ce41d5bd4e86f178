// Runs current (A) and the proposal (B) on the same worlds through the core's one member runner
// (EnsembleRunner, core/ensemble/run.ts: the plan drawn from A, each member of A and of B on the
// same seed and the same draw of every typical constant). With `jobs` > 1 the runner's jobs run
// in worker threads (member-worker.ts): every member is a pure function of its scenario, so the
// outcomes are the same bit for bit in any number of threads, and are combined in member order.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  EnsembleRunner,
  assumptionRanges,
  runSummary,
  type Change,
  type EnsemblePlan,
  type MemberLine,
} from '../../core/index.ts';
import type { ValidScenario, WorldSource } from '../../scenario/index.ts';
import { runJobs } from '../jobs.ts';

export interface PairedRun {
  plan: EnsemblePlan;
  /** what B changes from A; empty: B is A, and B did not run */
  diff: Change[];
  lines: MemberLine[];
}

export interface RunOptions {
  worlds: number;
  varyAssumptions: boolean;
  /** seeds, the prior, or the calibrated worlds of the scenario's preset (absent: by varyAssumptions) */
  worldsFrom?: WorldSource;
  /** paths the user set: never drawn */
  fixed: readonly string[];
  /** run A even when B changes nothing (a limit reads the proposal's own outcomes) */
  runWhenSame: boolean;
  /** threads; 1 runs here */
  jobs: number;
  /** starts one member worker (member-worker.ts); without it everything runs here */
  worker?: () => Worker;
}

export function defaultJobs(worlds: number): number {
  return Math.max(1, Math.min(worlds, availableParallelism()));
}

export async function runPaired(a: ValidScenario, b: ValidScenario, o: RunOptions): Promise<PairedRun> {
  const runner = new EnsembleRunner(
    a,
    {
      members: o.worlds,
      varyAssumptions: o.varyAssumptions,
      fixed: o.fixed,
      b,
      ...(o.worldsFrom ? { worlds: o.worldsFrom } : {}),
    },
    assumptionRanges(),
  );
  const { plan, diff } = runner;
  if (!diff.length && !o.runWhenSame) return { plan, diff, lines: [] };
  const jobs = Math.max(1, Math.min(o.jobs, runner.jobs.length));
  if (jobs === 1 || !o.worker) for (const job of runner.jobs) runner.record(job, runSummary(runner.scenario(job)));
  else await inWorkers(runner, jobs, o.worker);
  return { plan, diff, lines: runner.lines() };
}

/**
 * The runner's jobs on the member workers, through `sim`'s one thread pool (jobs.ts: each worker
 * takes the next job when it finishes one; a worker's error rejects the whole run). A member
 * worker answers a job's summary, which is all the pool asks of it here.
 */
function inWorkers(runner: EnsembleRunner, jobs: number, start: () => Worker): Promise<void> {
  const all = runner.jobs;
  return runJobs(
    all.length,
    (i) => runner.scenario(all[i]),
    'summary',
    (i, o) => runner.record(all[i], o.summary),
    jobs,
    start,
  );
}
