// The page side of one simulation worker, and the interface a pool shares with it.
// SimRunner is what the UI (and, later, parameter sweeps) program against: run a scenario,
// get progress and one Outcome, abort through an AbortSignal.

import * as Comlink from 'comlink';
import type { Outcome, Progress, SimWorkerApi } from './protocol.ts';

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  maxPoints?: number;
  summaryOnly?: boolean;
}

export interface SimRunner {
  run(scenario: unknown, options?: RunOptions): Promise<Outcome>;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'cascade-sim' });

/** After cancel(), a worker that has not answered within this time is terminated and respawned. */
const HARD_CANCEL_MS = 1500;

let nextId = 1;

/** One worker. A new run() supersedes the one in flight, which resolves as 'cancelled'. */
export class SimWorker implements SimRunner {
  #factory: WorkerFactory;
  #worker!: Worker;
  #api!: Comlink.Remote<SimWorkerApi>;
  #inFlight: { id: number; settle: (o: Outcome) => void } | null = null;

  constructor(factory: WorkerFactory = defaultWorkerFactory) {
    this.#factory = factory;
    this.#spawn();
  }

  #spawn() {
    this.#worker = this.#factory();
    this.#api = Comlink.wrap<SimWorkerApi>(this.#worker);
  }

  run(scenario: unknown, options: RunOptions = {}): Promise<Outcome> {
    const id = nextId++;
    const previous = this.#inFlight;
    if (previous) previous.settle({ type: 'cancelled', id: previous.id, stepsDone: 0, totalSteps: 0 });
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let hardCancel: ReturnType<typeof setTimeout> | undefined;
      const settle = (o: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(hardCancel);
        options.signal?.removeEventListener('abort', onAbort);
        if (this.#inFlight?.id === id) this.#inFlight = null;
        resolve(o);
      };
      const onAbort = () => {
        this.#api.cancel(id).catch(() => {});
        hardCancel = setTimeout(() => {
          // the worker is stuck inside a chunk: replace it
          this.#worker.terminate();
          this.#spawn();
          settle({ type: 'cancelled', id, stepsDone: 0, totalSteps: 0 });
        }, HARD_CANCEL_MS);
      };
      if (options.signal?.aborted) return settle({ type: 'cancelled', id, stepsDone: 0, totalSteps: 0 });
      options.signal?.addEventListener('abort', onAbort);
      this.#inFlight = { id, settle };
      const progress = Comlink.proxy((p: Progress) => {
        if (!settled) options.onProgress?.(p);
      });
      this.#api
        .start({ id, scenario, maxPoints: options.maxPoints, summaryOnly: options.summaryOnly }, progress)
        .then(settle, (e: unknown) =>
          settle({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }),
        );
    });
  }

  dispose() {
    this.#inFlight?.settle({ type: 'cancelled', id: this.#inFlight.id, stepsDone: 0, totalSteps: 0 });
    this.#api[Comlink.releaseProxy]();
    this.#worker.terminate();
  }
}
