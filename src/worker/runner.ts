// The page side of one simulation worker, and the interface a pool shares with it.
// SimRunner is what the UI (and parameter sweeps) program against: run a scenario, get progress
// and one Outcome, abort through an AbortSignal. It takes a ValidScenario: the page validated it
// where it came in; the worker validates the message once more (a thread boundary) and answers
// with issues, not a copy. What the worker sends back is read through readProgress / readOutcome.
//
// Contract: every run() settles. A worker that dies (its script fails to load, e.g. a 404 for
// the chunk after a deploy; an uncaught error; or silence for STALL_MS while a run is in flight)
// settles the run as { type: 'error' } with a message for the user, is terminated, and is
// replaced by a fresh one when the next run() starts.

import * as Comlink from 'comlink';
import type { ValidScenario } from '../scenario/index.ts';
import { HEARTBEAT, readOutcome, readProgress, type Outcome, type Progress, type SimWorkerApi } from './protocol.ts';

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  maxPoints?: number;
  summaryOnly?: boolean;
}

export interface SimRunner {
  run(scenario: ValidScenario, options?: RunOptions): Promise<Outcome>;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'cascade-sim' });

/** After cancel(), a worker that has not answered within this time is terminated and respawned. */
const HARD_CANCEL_MS = 1500;
/** A worker silent this long while a run is in flight (it beats every second) is taken as dead. */
export const STALL_MS = 15_000;

let nextId = 1;

export interface SimWorkerOptions {
  /** default STALL_MS (tests use less) */
  stallMs?: number;
}

/** One worker. A new run() supersedes the one in flight, which resolves as 'cancelled'. */
export class SimWorker implements SimRunner {
  #factory: WorkerFactory;
  #stallMs: number;
  #worker: Worker | null = null;
  #api: Comlink.Remote<SimWorkerApi> | null = null;
  /** whether the current worker has ever said it is alive (its script loaded) */
  #loaded = false;
  #lastBeat = 0;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #inFlight: { id: number; settle: (o: Outcome) => void } | null = null;
  #disposed = false;

  constructor(factory: WorkerFactory = defaultWorkerFactory, options: SimWorkerOptions = {}) {
    this.#factory = factory;
    this.#stallMs = options.stallMs ?? STALL_MS;
    this.#spawn();
  }

  #spawn(): void {
    const worker = this.#factory();
    this.#worker = worker;
    this.#api = Comlink.wrap<SimWorkerApi>(worker);
    this.#loaded = false;
    this.#lastBeat = performance.now();
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (this.#worker !== worker) return;
      if ((ev.data as { type?: unknown } | null)?.type === HEARTBEAT) {
        this.#loaded = true;
        this.#lastBeat = performance.now();
      }
    });
    worker.addEventListener('error', (ev: Event) => {
      // handled here: the page says what happened (no uncaught error in the console)
      ev.preventDefault();
      if (this.#worker !== worker) return;
      const message = (ev as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' && message ? ` (${message.slice(0, 160)})` : '';
      this.#died(
        this.#loaded
          ? `the simulation worker stopped with an error${detail}`
          : `the simulation worker could not start: its file did not load${detail}. If the site was just updated, reload the page`,
      );
    });
    worker.addEventListener('messageerror', () => {
      if (this.#worker === worker) this.#died('the simulation worker sent a message the page could not read');
    });
  }

  /** The worker is gone: fail the run in flight, drop the worker (replaced on the next run). */
  #died(reason: string): void {
    this.#retire();
    const f = this.#inFlight;
    if (f) f.settle({ type: 'error', id: f.id, message: `${reason}. The run did not finish; run it again.` });
  }

  #retire(): void {
    const w = this.#worker;
    const api = this.#api;
    this.#worker = null;
    this.#api = null;
    try {
      api?.[Comlink.releaseProxy]();
    } catch {
      /* already released */
    }
    w?.terminate();
  }

  #watch(on: boolean): void {
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    if (!on) return;
    this.#lastBeat = performance.now();
    this.#watchdog = setInterval(
      () => {
        if (this.#inFlight && performance.now() - this.#lastBeat > this.#stallMs)
          this.#died(`the simulation worker stopped answering (nothing for ${Math.round(this.#stallMs / 1000)} s)`);
      },
      Math.min(1000, this.#stallMs / 4),
    );
  }

  run(scenario: ValidScenario, options: RunOptions = {}): Promise<Outcome> {
    const id = nextId++;
    const previous = this.#inFlight;
    if (previous) previous.settle({ type: 'cancelled', id: previous.id, stepsDone: 0, totalSteps: 0 });
    if (this.#disposed)
      return Promise.resolve({ type: 'cancelled', id, stepsDone: 0, totalSteps: 0 } satisfies Outcome);
    if (!this.#worker) this.#spawn();
    const api = this.#api!;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let hardCancel: ReturnType<typeof setTimeout> | undefined;
      const settle = (o: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(hardCancel);
        options.signal?.removeEventListener('abort', onAbort);
        if (this.#inFlight?.id === id) {
          this.#inFlight = null;
          this.#watch(false);
        }
        resolve(o);
      };
      const onAbort = () => {
        try {
          api.cancel(id).catch(() => {});
        } catch {
          /* the worker was retired: nothing to cancel */
        }
        hardCancel = setTimeout(() => {
          // the worker is stuck inside a chunk: replace it
          if (this.#api === api) this.#retire();
          settle({ type: 'cancelled', id, stepsDone: 0, totalSteps: 0 });
        }, HARD_CANCEL_MS);
      };
      if (options.signal?.aborted) return settle({ type: 'cancelled', id, stepsDone: 0, totalSteps: 0 });
      options.signal?.addEventListener('abort', onAbort);
      this.#inFlight = { id, settle };
      this.#watch(true);
      const progress = Comlink.proxy((raw: unknown) => {
        const p = settled ? null : readProgress(raw);
        if (p) {
          this.#lastBeat = performance.now();
          options.onProgress?.(p);
        }
      });
      api.start({ id, scenario, maxPoints: options.maxPoints, summaryOnly: options.summaryOnly }, progress).then(
        (o: unknown) => settle(readOutcome(o, id)),
        (e: unknown) => settle({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }),
      );
    });
  }

  dispose() {
    this.#disposed = true;
    this.#inFlight?.settle({ type: 'cancelled', id: this.#inFlight.id, stepsDone: 0, totalSteps: 0 });
    this.#watch(false);
    this.#retire();
  }
}
