// The fault drill for workers (issue 16): a worker that dies mid-run, never loads, or goes
// silent settles its run as an error, is replaced, and the next run works; the same in a pool.
// Workers are faked over a MessageChannel with a comlink-exposed stand-in for sim.worker.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { HEARTBEAT, STALL_MS, SimPool, SimWorker, type Outcome, type SimWorkerApi } from '../../../src/worker/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';

/** what the page sends (the fake workers never read it) */
const S = loadPreset('workshop-outage')!;

type Behaviour = 'ok' | 'crash' | 'no-load' | 'silent';

/** A stand-in Worker: the page end of a MessageChannel, plus the events a real Worker fires. */
class FakeWorker extends EventTarget {
  terminated = false;
  readonly #port: MessagePort;
  readonly #other: MessagePort;
  constructor(readonly behaviour: Behaviour) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#other = port2;
    port1.addEventListener('message', (ev) => this.dispatchEvent(new MessageEvent('message', { data: ev.data })));
    port1.start();
    if (behaviour === 'no-load') {
      // a 404 for the worker's script: an error event, never a message
      setTimeout(() => this.dispatchEvent(new Event('error', { cancelable: true })), 5);
      return;
    }
    const api: SimWorkerApi = {
      start: (req) =>
        new Promise<Outcome>((resolve) => {
          if (behaviour === 'ok')
            setTimeout(() => resolve({ type: 'cancelled', id: req.id, stepsDone: 7, totalSteps: 7 }), 5);
          if (behaviour === 'crash')
            setTimeout(
              () =>
                this.dispatchEvent(
                  Object.assign(new Event('error', { cancelable: true }), { message: 'Uncaught RangeError' }),
                ),
              5,
            );
          // 'silent': never answers, never beats again (like a worker that closed itself)
        }),
      cancel: () => {},
    };
    Comlink.expose(api, port2);
    port2.postMessage({ type: HEARTBEAT });
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.#port.postMessage(message, transfer ?? []);
  }
  terminate(): void {
    this.terminated = true;
    this.#port.close();
    this.#other.close();
  }
}

const made: FakeWorker[] = [];
/** A factory whose n-th worker behaves as behaviours[n] (the last one repeats). */
function factory(...behaviours: Behaviour[]) {
  return () => {
    const w = new FakeWorker(behaviours[Math.min(made.length, behaviours.length - 1)]);
    made.push(w);
    return w as unknown as Worker;
  };
}

afterEach(() => {
  vi.useRealTimers();
  for (const w of made.splice(0)) w.terminate();
});

describe('a dead worker settles its run and is replaced', () => {
  it('a worker that crashes mid-run: the run fails with a message, the next run gets a new worker', async () => {
    const w = new SimWorker(factory('crash', 'ok'));
    const first = await w.run(S);
    expect(first).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/stopped with an error \(Uncaught RangeError\)/),
    });
    expect(made[0].terminated).toBe(true);
    const second = await w.run(S);
    expect(second).toMatchObject({ type: 'cancelled', stepsDone: 7 });
    expect(made).toHaveLength(2);
    w.dispose();
  });

  it('a worker whose script does not load (404 on a stale deploy) says so, and says to reload', async () => {
    const w = new SimWorker(factory('no-load', 'ok'));
    const first = await w.run(S);
    expect(first).toMatchObject({ type: 'error', message: expect.stringMatching(/could not start.*reload the page/) });
    expect((await w.run(S)).type).toBe('cancelled');
    w.dispose();
  });

  it('a worker that goes silent is taken as dead after the stall time', async () => {
    // the watchdog's interval and clock are fake: the page's own stall time passes at once
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const w = new SimWorker(factory('silent', 'ok'));
    // its one heartbeat (it loaded), before the run; then nothing
    await new Promise((beat) => made[0].addEventListener('message', beat, { once: true }));
    const run = w.run(S);
    await vi.advanceTimersByTimeAsync(STALL_MS + 1_000);
    vi.useRealTimers();
    const first = await run;
    expect(first).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/stopped answering \(nothing for 15 s\)/),
    });
    expect((await w.run(S)).type).toBe('cancelled');
    w.dispose();
  });

  it('a pool finishes every job when one of its workers dies', async () => {
    const pool = new SimPool(2, factory('crash', 'ok'));
    const outcomes = await pool.runAll([S, S, S, S, S]);
    expect(outcomes.map((o) => o.type).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'error']);
    // the dead one was replaced: 2 workers at first, one more after the crash
    expect(made).toHaveLength(3);
    pool.dispose();
  });
});
