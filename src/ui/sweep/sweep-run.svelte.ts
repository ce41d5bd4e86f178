// One parameter sweep at a time, run in a pool of workers (never on the main thread). The pool
// exists only while a sweep runs: it is disposed when the sweep ends, is cancelled, or the page
// leaves. Rows fill in as runs finish, so progress is "done of total".

import type { Summary } from '../../core/index.ts';
import type { SweepPlan } from '../../scenario/index.ts';
import { SimPool } from '../../worker/index.ts';

export type SweepValue = number | string | boolean;
export interface SweepRow {
  value: SweepValue;
  /** null until its run finishes (or when it failed / was cancelled) */
  summary: Summary | null;
  error: string | null;
}
export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled';

/** Workers for a sweep: from hardwareConcurrency, leaving a core for the page, at most 4. */
export function poolSize(): number {
  return Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));
}

export class SweepRun {
  status = $state<SweepStatus>('idle');
  done = $state(0);
  total = $state(0);
  path = $state('');
  clockStart = $state('00:00');
  rows = $state.raw<SweepRow[]>([]);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  async run(plan: SweepPlan, clockStart: string): Promise<void> {
    this.cancel();
    const ac = new AbortController();
    const pool = new SimPool(poolSize());
    this.#abort = ac;
    this.#pool = pool;
    this.path = plan.path;
    this.clockStart = clockStart;
    this.rows = plan.points.map((p) => ({ value: p.value, summary: null, error: null }));
    this.done = 0;
    this.total = plan.points.length;
    this.status = 'running';
    await Promise.all(
      plan.points.map((p, i) =>
        pool.run(p.scenario, { summaryOnly: true, signal: ac.signal }).then((o) => {
          if (this.#abort !== ac || o.type === 'cancelled') return;
          this.done++;
          const row: SweepRow =
            o.type === 'results'
              ? { value: p.value, summary: o.summary, error: null }
              : { value: p.value, summary: null, error: o.message };
          this.rows = this.rows.map((r, j) => (j === i ? row : r));
        }),
      ),
    );
    if (this.#abort !== ac) return; // cancelled or superseded: cancel() has cleaned up
    this.#release();
    this.status = 'done';
  }

  /** Stops the runs in flight and frees the workers; finished rows stay. */
  cancel(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#release();
    if (this.status === 'running') this.status = 'cancelled';
  }

  #release(): void {
    this.#pool?.dispose();
    this.#pool = null;
    this.#abort = null;
  }
}
