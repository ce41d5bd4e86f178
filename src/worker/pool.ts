// A pool of simulation workers behind the same SimRunner interface: runs queue up and each
// goes to the next idle worker. Meant for sweeps (many scenarios at once); the playground's
// single live run uses one SimWorker through SimClient.

import type { ValidScenario } from '../scenario/index.ts';
import type { Outcome } from './protocol.ts';
import { SimWorker, defaultWorkerFactory, type RunOptions, type SimRunner, type WorkerFactory } from './runner.ts';

interface Job {
  scenario: ValidScenario;
  options: RunOptions;
  resolve: (o: Outcome) => void;
}

export class SimPool implements SimRunner {
  #idle: SimWorker[] = [];
  #all: SimWorker[] = [];
  #queue: Job[] = [];

  constructor(
    size = Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1)),
    factory: WorkerFactory = defaultWorkerFactory,
  ) {
    for (let i = 0; i < size; i++) this.#all.push(new SimWorker(factory));
    this.#idle = [...this.#all];
  }

  get size(): number {
    return this.#all.length;
  }

  run(scenario: ValidScenario, options: RunOptions = {}): Promise<Outcome> {
    return new Promise((resolve) => {
      const job: Job = { scenario, options, resolve };
      options.signal?.addEventListener(
        'abort',
        () => {
          const i = this.#queue.indexOf(job);
          if (i >= 0) {
            this.#queue.splice(i, 1);
            resolve({ type: 'cancelled', id: -1, stepsDone: 0, totalSteps: 0 });
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

  #pump() {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      worker.run(job.scenario, job.options).then((o) => {
        job.resolve(o);
        this.#idle.push(worker);
        this.#pump();
      });
    }
  }

  dispose() {
    for (const job of this.#queue.splice(0)) job.resolve({ type: 'cancelled', id: -1, stepsDone: 0, totalSteps: 0 });
    for (const w of this.#all) w.dispose();
    this.#all = [];
    this.#idle = [];
  }
}
