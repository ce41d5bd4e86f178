// The playground's live run: a small reactive wrapper over one SimRunner where the latest
// request wins. Older requests are aborted, and anything they still report is ignored (the
// ticket check), so stale results never overwrite newer ones. The worker sends no scenario
// back: each progress and result is paired with the page's own scenario, the one it ran.

import type { ValidScenario } from '../scenario/index.ts';
import type { Progress, Results } from './protocol.ts';
import { SimWorker, type SimRunner } from './runner.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A worker's message with the scenario the page sent for it (the same object, not a copy). */
export type Ran<T> = T & { readonly scenario: ValidScenario };
export type LiveRun = Ran<Progress> | Ran<Results>;
export type RunResults = Ran<Results>;

export class SimClient {
  /** the latest request's view: its progress while it runs, its results when done */
  live = $state.raw<LiveRun | null>(null);
  /** the latest completed results (kept while a newer run streams in) */
  result = $state.raw<RunResults | null>(null);
  status = $state<RunStatus>('idle');
  error = $state<string | null>(null);
  /** increases with every request; the UI exposes it so tests can tell runs apart */
  runId = $state(0);
  /** page-side wall time of the last completed run, request to results */
  lastRunMs = $state(0);

  #runner: SimRunner;
  #abort: AbortController | null = null;

  constructor(runner: SimRunner = new SimWorker()) {
    this.#runner = runner;
  }

  async run(scenario: ValidScenario): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const ticket = ++this.runId;
    this.status = 'running';
    this.error = null;
    const t0 = performance.now();
    const outcome = await this.#runner.run(scenario, {
      signal: abort.signal,
      onProgress: (p) => {
        if (ticket === this.runId && !abort.signal.aborted) this.live = { ...p, scenario };
      },
    });
    if (ticket !== this.runId || abort.signal.aborted) return;
    this.#abort = null;
    if (outcome.type === 'results') {
      this.lastRunMs = performance.now() - t0;
      const done = { ...outcome, scenario };
      this.result = done;
      this.live = done;
      this.status = 'done';
    } else if (outcome.type === 'error') {
      this.error = outcome.message;
      this.status = 'error';
    } else {
      this.status = 'cancelled';
    }
  }

  /** Stops the run in flight; the page keeps what it streamed so far. */
  cancel(): void {
    if (this.status !== 'running') return;
    this.#abort?.abort();
    this.#abort = null;
    this.status = 'cancelled';
  }

  dispose(): void {
    this.#abort?.abort();
    this.#runner.dispose();
  }
}
