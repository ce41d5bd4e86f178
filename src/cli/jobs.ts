// `--jobs J` for `sim --ensemble` and `sim calibrate`: the runs of an ensemble or a calibration on
// J worker threads (jobs-worker.ts), default the machine's cores. Every run is a pure function of
// its scenario and the results are combined in world order by the member runner or the
// calibration runner, so the output is the same byte for byte whatever J (tests/unit/cli/jobs.test.ts).
// With J = 1 everything runs in this thread.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidScenario } from '../scenario/index.ts';
import { JOBS_WORKER, runJob, type JobWant, type Outcome } from './jobs-worker.ts';

export const MAX_JOBS = 64;

export function defaultJobs(): number {
  return Math.max(1, Math.min(MAX_JOBS, availableParallelism()));
}

/** Parses --jobs; a message naming the flag when it is not a whole number in 1..MAX_JOBS. */
export function parseJobs(text: string | undefined): number | string {
  if (text === undefined) return defaultJobs();
  const n = Number(text);
  return /^\s*\d+\s*$/.test(text) && n >= 1 && n <= MAX_JOBS
    ? n
    : `--jobs ${JSON.stringify(text.slice(0, 40))}: expected a whole number of threads in 1..${MAX_JOBS}`;
}

/** A worker thread running jobs-worker.ts under tsx's loader (a worker does not inherit it). */
export function tsxJobsWorker(): Worker {
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./jobs-worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); })`, {
    eval: true,
    workerData: JOBS_WORKER,
  });
}

export type { JobWant, Outcome } from './jobs-worker.ts';

/**
 * Runs `scenarios` (each a job's scenario) and calls `done(i, outcome)` for each, in any order.
 * `jobs` threads (1: here, in order); a worker's error rejects the whole run.
 */
export async function runJobs(
  count: number,
  scenario: (i: number) => ValidScenario,
  want: JobWant,
  done: (i: number, o: Outcome) => void,
  jobs: number,
  start: () => Worker = tsxJobsWorker,
): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, count));
  if (threads === 1) {
    for (let i = 0; i < count; i++) done(i, runJob(scenario(i), want));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    let next = 0,
      finished = 0,
      failed = false;
    const workers: Worker[] = [];
    const retired = new Set<Worker>();
    const retire = (w: Worker) => {
      retired.add(w);
      void w.terminate();
    };
    const stop = (e: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) retire(w);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const feed = (w: Worker) => {
      if (next >= count) return retire(w);
      const id = next++;
      w.postMessage({ id, scenario: scenario(id), want });
    };
    for (let t = 0; t < threads; t++) {
      const w = start();
      workers.push(w);
      w.on('message', (msg: Outcome & { id: number; error?: string }) => {
        if (failed) return;
        if (msg.error !== undefined) return stop(new Error(msg.error));
        const { id, error: _error, ...outcome } = msg;
        done(id, outcome);
        if (++finished === count) {
          for (const x of workers) retire(x);
          resolve();
        } else feed(w);
      });
      w.on('error', stop);
      w.on('exit', (code) => {
        if (!retired.has(w)) stop(new Error(`a worker thread stopped (exit ${code})`));
      });
      feed(w);
    }
  });
}
