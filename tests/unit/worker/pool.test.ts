// The worker pool's size (issue 25): every core, at least one, at most MAX_WORKERS. It used to
// leave a core for the page, which ran "How sure?" on one worker on a 2-core machine. And what a
// pool computes does not depend on its size: the same ensemble on 1, 2 and 4 workers, through the
// page's own driver (runOnPool) and the workers' own engine, gives the same result.
import { setMaxListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { EnsembleRunner, assumptionRanges } from '../../../src/core/index.ts';
import { createEngine } from '../../../src/worker/engine.ts';
import { HEARTBEAT, MAX_WORKERS, SimPool, poolSize, type WorkerFactory } from '../../../src/worker/index.ts';
import { runOnPool } from '../../../src/ui/ensemble/pool-members.ts';
import { scenarioWith, WHOLE_RUNS } from '../helpers.ts';

/** A stand-in Worker running the real engine (engine.ts) in this thread, over a MessageChannel. */
class EngineWorker extends EventTarget {
  readonly #port: MessagePort;
  readonly #other: MessagePort;
  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#other = port2;
    port1.addEventListener('message', (ev) => this.dispatchEvent(new MessageEvent('message', { data: ev.data })));
    port1.start();
    Comlink.expose(
      createEngine(() => port2.postMessage({ type: HEARTBEAT })),
      port2,
    );
    port2.postMessage({ type: HEARTBEAT });
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.#port.postMessage(message, transfer ?? []);
  }
  terminate(): void {
    this.#port.close();
    this.#other.close();
  }
}

const made: EngineWorker[] = [];
const engines: WorkerFactory = () => {
  const w = new EngineWorker();
  made.push(w);
  return w as unknown as Worker;
};

afterEach(() => {
  vi.unstubAllGlobals();
  for (const w of made.splice(0)) w.terminate();
});

describe('the pool size', () => {
  it('is every core, at least 1, at most MAX_WORKERS (no core kept back for the page)', () => {
    expect(MAX_WORKERS).toBe(4);
    expect([1, 2, 3, 4, 8, 64].map((c) => poolSize(c))).toEqual([1, 2, 3, 4, 4, 4]);
    // a browser that says nothing (or nonsense): two workers, never none
    expect([undefined, 0, -1, NaN].map((c) => poolSize(c))).toEqual([2, 1, 1, 2]);
  });

  it("a pool's default size follows navigator.hardwareConcurrency", () => {
    for (const [cores, size] of [
      [1, 1],
      [2, 2],
      [8, 4],
    ]) {
      vi.stubGlobal('navigator', { hardwareConcurrency: cores });
      const pool = new SimPool(undefined, engines);
      expect(pool.size, `${cores} cores`).toBe(size);
      pool.dispose();
    }
  });
});

describe('a pool starts its workers as runs need them', () => {
  const tiny = scenarioWith({ fleet: { hypervisors: 1, zones: 1 }, durationMinutes: 30 });

  it('starts none until a run, one for a single run, and never more than its size', async () => {
    const pool = new SimPool(4, engines);
    expect([pool.size, pool.started, made.length]).toEqual([4, 0, 0]);
    const one = await pool.run(tiny, { summaryOnly: true });
    expect(one.type).toBe('results');
    // one run at a time reuses the worker it started
    await pool.run(tiny, { summaryOnly: true });
    expect([pool.started, made.length]).toEqual([1, 1]);
    // three side by side: two more; six side by side: four in all
    await pool.runAll([tiny, tiny, tiny]);
    expect(pool.started).toBe(3);
    const six = await pool.runAll([tiny, tiny, tiny, tiny, tiny, tiny]);
    expect(six.map((o) => o.type)).toEqual(Array(6).fill('results'));
    expect([pool.started, made.length]).toEqual([4, 4]);
    pool.dispose();
    // a run asked of a disposed pool settles (as cancelled) and starts nothing
    expect((await pool.run(tiny)).type).toBe('cancelled');
    expect(made.length).toBe(4);
  });
});

describe('what a pool computes does not depend on its size', () => {
  // the workshop outage on 3 hosts in one zone for 6 hours (A) against a change (B), in 6 worlds
  // with drawn assumptions: 12 runs, in queue order on one worker and out of it on more (runs of
  // different lengths side by side)
  const tiny = { fleet: { hypervisors: 3, zones: 1 }, durationMinutes: 360 };
  const a = scenarioWith(tiny);
  const b = scenarioWith({ ...tiny, telemetry: { buffer: { whenFull: 'drop_newest' } } });

  async function ensembleOn(workers: number) {
    const runner = new EnsembleRunner(a, { members: 6, varyAssumptions: true, fixed: [], b }, assumptionRanges());
    const pool = new SimPool(workers, engines);
    const signal = new AbortController().signal;
    setMaxListeners(runner.jobs.length, signal); // one listener a queued run, as on the page
    const order: number[] = [];
    const failed = await runOnPool(runner, pool, { signal, onRun: (job) => order.push(runner.jobs.indexOf(job)) });
    pool.dispose();
    expect(failed).toBeNull();
    expect(runner.complete).toBe(true);
    return { result: JSON.parse(JSON.stringify(runner.result())) as unknown, order };
  }

  it('the same ensemble on 1, 2 and 4 workers: the same odds, comparison and worlds', WHOLE_RUNS, async () => {
    const one = await ensembleOn(1);
    expect(one.order).toEqual([...one.order].sort((x, y) => x - y)); // one worker: in queue order
    for (const workers of [2, 4]) {
      const many = await ensembleOn(workers);
      expect(
        [...many.order].sort((x, y) => x - y),
        `${workers} workers`,
      ).toEqual(one.order);
      expect(many.result, `${workers} workers`).toEqual(one.result);
    }
  });
});
