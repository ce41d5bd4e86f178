// A pool of simulation workers behind the same SimRunner interface: runs queue up and each
// goes to the next idle worker. Meant for sweeps (many scenarios at once); the playground's
// single live run uses one SimWorker through SimClient.
//
// Size: one worker per core (at most MAX_WORKERS), each started when a run first needs it. While
// a pool works (an ensemble, a sweep, a challenge's worlds, the board) the page's main thread only
// draws progress, so no core is kept for it: leaving one idle made "How sure?" run on ONE worker
// on a 2-core machine (issue 25). If the live run's worker is busy at the same time there is one
// more worker than cores, and the OS shares the cores among them. What a pool computes does not
// depend on its size: every run is independent, and the callers record results by index, never by
// the order they finish.

import type { ValidScenario } from '../scenario/index.ts';
import type { Outcome } from './protocol.ts';
import { SimWorker, defaultWorkerFactory, type RunOptions, type SimRunner, type WorkerFactory } from './runner.ts';

interface Job {
  scenario: ValidScenario;
  options: RunOptions;
  resolve: (o: Outcome) => void;
}

/** what a run the pool never started settles as (cancelled while queued, or asked of a disposed pool) */
const cancelled = (): Outcome => ({ type: 'cancelled', id: -1, stepsDone: 0, totalSteps: 0 });

/** the most workers a pool starts (the cap it always had: each worker holds a whole simulation) */
export const MAX_WORKERS = 4;

/** Workers for a pool on a machine with `cores` logical cores: all of them, at least 1, at most MAX_WORKERS. */
export function poolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  const n = cores !== undefined && Number.isFinite(cores) ? Math.floor(cores) : 2;
  return Math.max(1, Math.min(MAX_WORKERS, n));
}

export class SimPool implements SimRunner {
  #idle: SimWorker[] = [];
  #all: SimWorker[] = [];
  #queue: Job[] = [];
  readonly #size: number;
  readonly #factory: WorkerFactory;
  #disposed = false;

  /** Starts no worker: a worker starts when a run finds every started one busy, up to `size`. */
  constructor(size = poolSize(), factory: WorkerFactory = defaultWorkerFactory) {
    this.#size = Math.max(1, Math.floor(size));
    this.#factory = factory;
  }

  /** the most workers this pool runs at once */
  get size(): number {
    return this.#size;
  }

  /** the workers started so far (a run of fewer jobs than `size` starts only as many) */
  get started(): number {
    return this.#all.length;
  }

  run(scenario: ValidScenario, options: RunOptions = {}): Promise<Outcome> {
    return new Promise((resolve) => {
      if (this.#disposed) return resolve(cancelled());
      const job: Job = { scenario, options, resolve };
      options.signal?.addEventListener(
        'abort',
        () => {
          const i = this.#queue.indexOf(job);
          if (i >= 0) {
            this.#queue.splice(i, 1);
            resolve(cancelled());
          }
        },
        { once: true },
      );
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Runs every scenario, at most `size` at a time; outcomes in input order. */
  runAll(scenarios: readonly ValidScenario[], options: Omit<RunOptions, 'onProgress'> = {}): Promise<Outcome[]> {
    return Promise.all(scenarios.map((s) => this.run(s, { summaryOnly: true, ...options })));
  }

  /** Hands queued runs to idle workers, starting one while fewer than `size` have started. */
  #pump() {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? this.#start();
      if (!worker) return;
      const job = this.#queue.shift()!;
      worker.run(job.scenario, job.options).then((o) => {
        job.resolve(o);
        this.#idle.push(worker);
        this.#pump();
      });
    }
  }

  /** A new worker, unless `size` have started. */
  #start(): SimWorker | undefined {
    if (this.#all.length >= this.#size) return undefined;
    const worker = new SimWorker(this.#factory);
    this.#all.push(worker);
    return worker;
  }

  /** Cancels the queued runs and stops every worker; a run asked for afterwards settles as cancelled. */
  dispose() {
    this.#disposed = true;
    for (const job of this.#queue.splice(0)) job.resolve(cancelled());
    for (const w of this.#all) w.dispose();
    this.#all = [];
    this.#idle = [];
  }
}
