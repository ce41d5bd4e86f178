// One parameter sweep at a time (one parameter, or two for a heatmap), run in a pool of workers
// (never on the main thread). The pool exists only while a sweep runs: it is disposed when the
// sweep ends, is cancelled, or the page leaves. Rows fill in as runs finish ("done of total").

import type { Summary } from '../../core/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { SimPool } from '../../worker/index.ts';
import { fingerprint, type Fingerprint } from './cliff.ts';

export type SweepValue = number | string | boolean;
export interface SweepRow {
  value: SweepValue;
  /** the second parameter's value in a 2-D sweep */
  b?: SweepValue;
  /** null until its run finishes (or when it failed / was cancelled) */
  summary: Summary | null;
  /** the run's event log, counted by wording (to explain a cliff) */
  fingerprint: Fingerprint | null;
  error: string | null;
}
export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled';

export interface SweepJob {
  value: SweepValue;
  b?: SweepValue;
  scenario: Scenario;
}

/** Workers for a sweep: from hardwareConcurrency, leaving a core for the page, at most 4. */
export function poolSize(): number {
  return Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));
}

export class SweepRun {
  status = $state<SweepStatus>('idle');
  done = $state(0);
  total = $state(0);
  path = $state('');
  /** the second parameter of a 2-D sweep, or '' */
  pathB = $state('');
  valuesA = $state.raw<SweepValue[]>([]);
  valuesB = $state.raw<SweepValue[]>([]);
  clockStart = $state('00:00');
  rows = $state.raw<SweepRow[]>([]);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  async run(
    path: string,
    jobs: SweepJob[],
    clockStart: string,
    grid?: { pathB: string; valuesA: SweepValue[]; valuesB: SweepValue[] },
  ): Promise<void> {
    this.cancel();
    const ac = new AbortController();
    const pool = new SimPool(poolSize());
    this.#abort = ac;
    this.#pool = pool;
    this.path = path;
    this.pathB = grid?.pathB ?? '';
    this.valuesA = grid?.valuesA ?? [];
    this.valuesB = grid?.valuesB ?? [];
    this.clockStart = clockStart;
    this.rows = jobs.map((p) => ({ value: p.value, b: p.b, summary: null, fingerprint: null, error: null }));
    this.done = 0;
    this.total = jobs.length;
    this.status = 'running';
    await Promise.all(
      jobs.map((p, i) =>
        pool.run(p.scenario, { summaryOnly: true, signal: ac.signal }).then((o) => {
          if (this.#abort !== ac || o.type === 'cancelled') return;
          this.done++;
          const row: SweepRow =
            o.type === 'results'
              ? { value: p.value, b: p.b, summary: o.summary, fingerprint: fingerprint(o.events), error: null }
              : { value: p.value, b: p.b, summary: null, fingerprint: null, error: o.message };
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
