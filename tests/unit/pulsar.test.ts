// The broker model: Little's law on the lookup queue, the cap, a metastable retry storm, and what
// the broker version and load manager change in a rolling upgrade.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/index.ts';
import { run, scenarioWith } from './helpers.ts';

/** A small quiet fleet (telemetry barely matters here) with the broker events given. */
function brokers(messaging: Record<string, unknown>, events: unknown[], durationMinutes = 60) {
  return scenarioWith({
    durationMinutes,
    fleet: { hypervisors: 2, zones: 1 },
    telemetry: { eventsPerSecond: 1 },
    controlPlane: { enabled: false },
    messaging,
    events,
  });
}
const mean = (a: Float32Array, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
};

describe('lookup queue', () => {
  it("obeys Little's law below the cap: pending = arrival rate x owner wait", () => {
    for (const clients of [100_000, 300_000]) {
      const r = run(brokers({ clients }, [{ atMinute: 5, kind: 'lookupStall', durationMinutes: 30 }]));
      const from = (10 * 60) / r.stepSeconds,
        to = (34 * 60) / r.stepSeconds; // steady state inside the stall
      const pending = mean(r.series.pendingLookups, from, to);
      const arrival = mean(r.series.admittedLookups, from, to);
      expect(Math.max(...r.series.pendingLookups.slice(from, to))).toBeLessThan(9 * 50_000);
      expect(Math.abs(pending - arrival * 30) / pending).toBeLessThan(0.03);
    }
  });

  it('never holds more than maxConcurrentLookupRequest on a broker; the rest is refused', () => {
    const sim = new Simulation(
      brokers(
        { clients: 3_000_000, maxConcurrentLookupRequest: 20_000 },
        [{ atMinute: 2, kind: 'lookupStall', durationMinutes: 20 }],
        30,
      ),
    );
    let peak = 0;
    while (!sim.done) {
      sim.advance(1);
      for (const p of sim.state.pulsar.pending) peak = Math.max(peak, p);
    }
    expect(peak).toBeLessThanOrEqual(20_000 + 1e-6);
    expect(peak).toBeGreaterThan(19_999);
    const r = sim.result();
    expect(Math.max(...r.series.rejectedLookups)).toBeGreaterThan(0);
    expect(r.summary.messaging.peakPendingLookups).toBeLessThanOrEqual(9 * 20_000);
  });
});

describe('metastable retry storm', () => {
  const stall = { atMinute: 5, kind: 'lookupStall', durationMinutes: 10 };
  const at = (r: ReturnType<typeof run>, minute: number) =>
    r.series.messagingAvailability[(minute * 60) / r.stepSeconds];

  it('stays down after the trigger is gone while retries keep every queue past the timeout', () => {
    const r = run(brokers({}, [stall]));
    expect(at(r, 14)).toBeLessThan(0.01);
    for (const m of [20, 30, 45, 59]) expect(at(r, m)).toBeLessThan(0.01);
    // every answer is stale: queues stay above service rate x operation timeout (1,250/s x 30 s per broker)
    expect(mean(r.series.pendingLookups, (30 * 60) / r.stepSeconds, (59 * 60) / r.stepSeconds)).toBeGreaterThan(
      9 * 1250 * 30,
    );
  });

  it('recovers within minutes once the pending retries are shed', () => {
    const r = run(brokers({}, [stall, { atMinute: 40, kind: 'shedLookups' }]));
    expect(at(r, 39)).toBeLessThan(0.01);
    expect(at(r, 46)).toBeGreaterThan(0.95);
    expect(r.events.some((e) => e.short === 'messaging back' && e.t > 40 * 60)).toBe(true);
  });

  it('recovers by itself with fewer clients (the same trigger is not metastable)', () => {
    const r = run(brokers({ clients: 300_000 }, [stall]));
    expect(at(r, 25)).toBeGreaterThan(0.95);
  });
});

describe('rolling upgrade', () => {
  const upgrade = [{ atMinute: 6, kind: 'rollingUpgrade', minutesPerBroker: 1.5 }];
  it('3.3.1 with the extensible load manager takes messaging down and keeps it down', () => {
    const r = run(
      brokers({ brokerVersion: '3.3.1', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' }, upgrade, 90),
    );
    expect(r.summary.messaging.unavailableMinutes).toBeGreaterThan(60);
    const down = r.events.find((e) => e.short === 'messaging down')!;
    expect(down.t / 60).toBeGreaterThan(6);
    expect(down.t / 60).toBeLessThan(25);
    expect(r.summary.messaging.peakPendingLookups).toBeGreaterThan(100_000);
  });
  it('3.3.2 halts the upgrade at the first broker and messaging stays up', () => {
    const r = run(
      brokers({ brokerVersion: '3.3.2', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' }, upgrade, 90),
    );
    expect(r.summary.messaging.unavailableMinutes).toBe(0);
    expect(r.events.some((e) => e.short === 'broker exits, upgrade halted')).toBe(true);
  });
  it('the modular load manager rolls through with no outage', () => {
    const r = run(brokers({ brokerVersion: '3.3.1', loadManager: 'modular' }, upgrade, 90));
    expect(r.summary.messaging.unavailableMinutes).toBe(0);
    expect(Math.min(...r.series.messagingAvailability)).toBeGreaterThan(0.6);
  });
});
