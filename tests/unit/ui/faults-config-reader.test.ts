// The fault drill for the page's config reader (issue 27): importConfig runs in a worker of its
// own with a time budget. A file the worker does not finish in time, a worker that fails or
// cannot start: each read still resolves, as a refusal that applies nothing and says why, and
// the next file gets a fresh worker. Workers are faked over a MessageChannel.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigReader, type ConfigReadReply, type ConfigReadRequest } from '../../../src/worker/index.ts';
import { importConfig } from '../../../src/scenario/index.ts';

type Behaviour = 'ok' | 'silent' | 'crash' | 'fail';

/** A stand-in Worker: answers like config.worker.ts, or never, or dies. */
class FakeWorker extends EventTarget {
  terminated = false;
  constructor(readonly behaviour: Behaviour) {
    super();
  }
  postMessage(req: ConfigReadRequest): void {
    setTimeout(() => {
      if (this.terminated) return;
      if (this.behaviour === 'crash') {
        this.dispatchEvent(new Event('error', { cancelable: true }));
        return;
      }
      if (this.behaviour === 'silent') return; // a parse that never ends
      const reply: ConfigReadReply =
        this.behaviour === 'fail'
          ? { id: req.id, failed: 'boom' }
          : { id: req.id, result: importConfig(req.text, req.options) };
      this.dispatchEvent(new MessageEvent('message', { data: reply }));
    }, 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

let readers: ConfigReader[] = [];
afterEach(() => {
  for (const r of readers) r.dispose();
  readers = [];
});

function reader(behaviours: Behaviour[], budgetMs = 100) {
  const made: FakeWorker[] = [];
  const r = new ConfigReader(() => {
    const w = new FakeWorker(behaviours[Math.min(made.length, behaviours.length - 1)]);
    made.push(w);
    return w as unknown as Worker;
  }, budgetMs);
  readers.push(r);
  return { r, made };
}

describe('fault drill: the config reader', () => {
  it('reads in the worker, one file after another, in order, on one worker', async () => {
    const { r, made } = reader(['ok']);
    const [a, b] = await Promise.all([
      r.read('kernel.pid_max = 65536\n', { kind: 'sysctl' }),
      r.read('maxConcurrentLookupRequest=7\n', { filename: 'broker.conf' }),
    ]);
    expect(a.rows[0]).toMatchObject({ status: 'set', value: 65536 });
    expect(b.kind).toBe('pulsar');
    expect(made).toHaveLength(1);
  });

  it('a file over the time budget is refused, the worker terminated, the next file read by a fresh one', async () => {
    const { r, made } = reader(['silent', 'ok']);
    const slow = await r.read('sinks: {}', { kind: 'vector', filename: 'huge.yaml' });
    expect(slow.rows).toEqual([]);
    expect(slow.source).toBe('huge.yaml');
    expect(slow.error!.message).toMatch(/took longer than 0\.1 s to read: refused, nothing applied/);
    expect(made[0].terminated).toBe(true);
    const next = await r.read('kernel.pid_max = 65536\n', { kind: 'sysctl' });
    expect(next.error).toBeNull();
    expect(made).toHaveLength(2);
  });

  it('a worker that dies or fails: refused with the reason; one that cannot start: refused', async () => {
    const crash = reader(['crash', 'ok']);
    expect((await crash.r.read('x', {})).error!.message).toMatch(/the config reader stopped/);
    expect((await crash.r.read('kernel.pid_max = 65536\n', { kind: 'sysctl' })).error).toBeNull();
    const fail = reader(['fail']);
    expect((await fail.r.read('x', {})).error!.message).toMatch(/could not be read \(boom\): nothing applied/);
    const none = new ConfigReader(() => {
      throw new Error('no workers here');
    });
    expect((await none.read('x', { filename: 'a.toml' })).error).toMatchObject({
      line: 0,
      message: 'the config reader could not start: reload the page',
    });
  });
});
