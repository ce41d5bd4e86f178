// The page's driver of the core's member runner (EnsembleRunner): every member of an ensemble on
// a pool of workers, never on the main thread. "How sure?", the config comparison and a sweep's
// worlds all run their members through here; the CLI drives the same runner in process
// (runEnsembleMembers), so the page and the CLI plan, reduce and combine members the same way.

import type { EnsembleRunner, MemberJob } from '../../core/index.ts';
import type { Results, SimPool } from '../../worker/index.ts';

export interface PoolMembersOptions {
  /** aborted: the runs in flight are cancelled and nothing more is recorded */
  signal: AbortSignal;
  /** points per chart series of a member (default: the worker's) */
  maxPoints?: number;
  /** each finished job, with its results (null when it failed); not called once aborted */
  onRun?: (job: MemberJob, results: Results | null) => void;
}

/**
 * Queues every job of `runner` on `pool` (summary-only runs: the pool runs as many at once as it
 * has workers) and records each summary as it arrives. Resolves when every run has settled: with
 * the first failure in words, or null (then, unless aborted, the runner is complete).
 */
export async function runOnPool(
  runner: EnsembleRunner,
  pool: SimPool,
  options: PoolMembersOptions,
): Promise<string | null> {
  const { signal, maxPoints, onRun } = options;
  let failed: string | null = null;
  await Promise.all(
    runner.jobs.map((job) =>
      pool.run(runner.scenario(job), { summaryOnly: true, signal, maxPoints }).then((o) => {
        if (signal.aborted || o.type === 'cancelled') return;
        if (o.type === 'error') failed ??= o.message;
        else runner.record(job, o.summary);
        onRun?.(job, o.type === 'results' ? o : null);
      }),
    ),
  );
  return failed;
}
