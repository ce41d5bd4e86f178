// The broker model: Little's law on the lookup queue, the cap, a metastable retry storm, and what
// the broker version and load manager change in a rolling upgrade.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { run, scenarioWith } from '../helpers.ts';

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
  // Slow topic loads: 5,000 at once taking 10 s, 500/s per broker, so a full queue (50,000) waits
  // 100 s, past the broker's 60 s topic load timeout: every answer is wasted. (At the typical 4 s,
  // 1,250/s, a full queue waits 40 s and its late answers leave their topics loaded: no storm holds.)
  const SLOW = { topicLoadSeconds: 10 };
  // fewer clients (39,000 per broker): still a storm that holds (1,300 retries/s > 500/s), but one
  // pass of a cleared queue loads 30,000 per broker, so what is left retries below the service rate
  const FEW = { ...SLOW, clients: 350_000 };
  // a 5 min full pause of every broker (a GC pause, a stalled bookie), then full capacity again
  const pause = { atMinute: 5, kind: 'brokerSlowdown', durationSeconds: 300, capacityPercent: 0 };
  const at = (r: ReturnType<typeof run>, minute: number) =>
    r.series.messagingAvailability[(minute * 60) / r.stepSeconds];

  it('stays down after the trigger is gone while retries keep every queue past the timeout', () => {
    const r = run(brokers(SLOW, [pause]));
    expect(at(r, 9)).toBeLessThan(0.05);
    for (const m of [15, 30, 45, 59]) expect(at(r, m)).toBeLessThan(0.05);
    // every answer is wasted: queues stay above service rate x topic load timeout (500/s x 60 s per broker)
    expect(mean(r.series.pendingLookups, (30 * 60) / r.stepSeconds, (59 * 60) / r.stepSeconds)).toBeGreaterThan(
      9 * 500 * 60,
    );
  });

  it('does not hold at typical loads: a full queue waits less than the topic load timeout, late answers leave topics loaded', () => {
    const r = run(brokers({}, [pause]));
    expect(at(r, 9)).toBeLessThan(0.05);
    expect(at(r, 20)).toBeGreaterThan(0.95);
    // and it does not hold with the late answers wasted either when the clients are few
    expect(at(run(brokers({ ...SLOW, clients: 100_000 }, [pause])), 25)).toBeGreaterThan(0.95);
  });

  it('recovers within minutes once the pending retries are shed', () => {
    expect(at(run(brokers(FEW, [pause])), 39)).toBeLessThan(0.05);
    const r = run(brokers(FEW, [pause, { atMinute: 40, kind: 'shedLookups' }]));
    expect(at(r, 39)).toBeLessThan(0.05);
    expect(at(r, 46)).toBeGreaterThan(0.95);
    expect(r.events.some((e) => e.code === 'messaging-back' && e.t > 40 * 60)).toBe(true);
  });

  it('recovers once the brokers are restarted (stop all, start them again)', () => {
    const r = run(
      brokers(FEW, [
        pause,
        { atMinute: 30, kind: 'stopAllBrokers' },
        { atMinute: 31, kind: 'startAllBrokers', minutesPerBroker: 0.2 },
      ]),
    );
    expect(at(r, 29)).toBeLessThan(0.05);
    expect(at(r, 50)).toBeGreaterThan(0.95);
  });

  it('cannot be held by a lookup cap below service rate x topic load timeout (500/s x 60 s = 30,000): no answer is wasted', () => {
    const r = run(brokers({ ...SLOW, clients: 1_300_000, maxConcurrentLookupRequest: 25_000 }, [pause]));
    expect(at(r, 20)).toBeGreaterThan(0.95);
    const stuck = run(brokers({ ...SLOW, clients: 1_300_000 }, [pause]));
    expect(at(stuck, 20)).toBeLessThan(0.05);
  });

  it('recovers by itself with fewer clients (the same trigger is not metastable)', () => {
    const r = run(brokers({ ...SLOW, clients: 100_000 }, [pause]));
    expect(at(r, 25)).toBeGreaterThan(0.95);
  });

  it('is not sustained by a lookup stall: lookups waiting for an owner hold slots but cost no service', () => {
    const r = run(brokers({}, [{ atMinute: 5, kind: 'lookupStall', durationMinutes: 10 }]));
    expect(at(r, 14)).toBeLessThan(0.01);
    expect(at(r, 30)).toBeGreaterThan(0.95);
  });

  it('appears as a threshold in trigger size x duration: small or short slowdowns heal, large long ones do not', () => {
    // availability 30 min after the slowdown ends, over capacity left x duration
    const after = (capacityPercent: number, durationSeconds: number) => {
      const r = run(brokers(FEW, [{ atMinute: 5, kind: 'brokerSlowdown', durationSeconds, capacityPercent }], 50));
      return at(r, 5 + Math.round(durationSeconds / 60) + 30);
    };
    const grid: Record<string, number> = {};
    for (const c of [50, 10, 0]) for (const d of [30, 300]) grid[`${c}/${d}`] = after(c, d);
    // below the threshold: the clients that timed out look their topics up again and the queues clear
    for (const k of ['50/30', '50/300', '10/30', '0/30']) expect(grid[k], k).toBeGreaterThan(0.95);
    // above it: a retry storm that outlives its trigger
    expect(grid['0/300']).toBeLessThan(0.05);
    // monotone: a smaller or shorter trigger never ends worse
    expect(grid['10/300']).toBeGreaterThanOrEqual(grid['0/300']);
  });
});

describe('client conservation', () => {
  it('keeps every client loaded, backing off or in flight, and warm topics among those backing off', () => {
    const pause = { atMinute: 5, kind: 'brokerSlowdown', durationSeconds: 300, capacityPercent: 0 };
    for (const m of [{}, { topicLoadSeconds: 10, clients: 350_000 }]) {
      const sim = new Simulation(
        brokers(
          m,
          [
            pause,
            { atMinute: 20, kind: 'stopAllBrokers' },
            { atMinute: 21, kind: 'startAllBrokers', minutesPerBroker: 0.2 },
          ],
          40,
        ),
      );
      let warmSeen = 0;
      while (!sim.done) {
        sim.advance(1);
        const p = sim.state.pulsar;
        expect(Math.abs(p.loadedTotal + p.waitingTotal + p.inflightTotal - p.clients) / p.clients).toBeLessThan(1e-9);
        expect(p.warmTotal).toBeLessThanOrEqual(p.waitingTotal + 1e-6);
        warmSeen = Math.max(warmSeen, p.warmTotal);
      }
      expect(warmSeen).toBeGreaterThan(0); // late answers did leave topics loaded
    }
  });
});

describe('warm topics', () => {
  it('are not found while bundle ownership is stuck: during a lookup stall no client attaches to one', () => {
    // the pause's late answers leave topics warm (minutes 11-12); the stall unloads every topic, warm
    // ones too, and while it lasts a retry finds none (warm topics are only ever taken by a retry
    // that finds one, so their total cannot fall inside the stall)
    const sim = new Simulation(
      brokers(
        {},
        [
          { atMinute: 5, kind: 'brokerSlowdown', durationSeconds: 300, capacityPercent: 0 },
          { atMinute: 11, kind: 'lookupStall', durationMinutes: 5 },
        ],
        20,
      ),
    );
    const stallStep = (11 * 60) / sim.state.dt,
      endStep = (16 * 60) / sim.state.dt;
    let warmBefore = 0,
      last = -1;
    while (!sim.done) {
      const p = sim.state.pulsar;
      if (sim.state.step < stallStep) warmBefore = p.warmTotal;
      sim.advance(1);
      if (sim.state.step > stallStep + 1 && sim.state.step < endStep) {
        expect(p.warmTotal, `step ${sim.state.step}`).toBeGreaterThanOrEqual(last - 1e-6);
      }
      last = p.warmTotal;
    }
    expect(warmBefore).toBeGreaterThan(0); // the pause did leave warm topics for the stall to unload
  });
});

describe('rolling upgrade', () => {
  const upgrade = [{ atMinute: 6, kind: 'rollingUpgrade', minutesPerBroker: 1.5 }];
  it('3.3.1 with the extensible load manager takes messaging down and keeps it down', () => {
    const r = run(
      brokers({ brokerVersion: '3.3.1', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' }, upgrade, 90),
    );
    expect(r.summary.messaging.unavailableMinutes).toBeGreaterThan(60);
    const down = r.events.find((e) => e.code === 'messaging-down')!;
    expect(down.t / 60).toBeGreaterThan(6);
    expect(down.t / 60).toBeLessThan(25);
    expect(r.summary.messaging.peakPendingLookups).toBeGreaterThan(100_000);
  });
  it('3.3.2 halts the upgrade at the first broker and messaging stays up', () => {
    const r = run(
      brokers({ brokerVersion: '3.3.2', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' }, upgrade, 90),
    );
    expect(r.summary.messaging.unavailableMinutes).toBe(0);
    expect(r.events.some((e) => e.code === 'broker-exits-upgrade-halted')).toBe(true);
  });
  it('the modular load manager rolls through with no outage', () => {
    const r = run(brokers({ brokerVersion: '3.3.1', loadManager: 'modular' }, upgrade, 90));
    expect(r.summary.messaging.unavailableMinutes).toBe(0);
    expect(Math.min(...r.series.messagingAvailability)).toBeGreaterThan(0.6);
  });
});

describe('bundle ownership and the system topic (mechanisms, not flags)', () => {
  const ext = { brokerVersion: '3.3.1', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' };
  const upgrade = { atMinute: 6, kind: 'rollingUpgrade', minutesPerBroker: 1.5 };
  const rollback = { atMinute: 25, kind: 'rollback', minutesPerBroker: 1.5 };
  const at = (r: ReturnType<typeof run>, minute: number) =>
    r.series.messagingAvailability[(minute * 60) / r.stepSeconds];

  it("hands a restarted broker's bundles to the least-loaded broker: an empty zombie takes them", () => {
    const sim = new Simulation(brokers(ext, [upgrade], 30));
    sim.advance((9 * 60) / sim.state.dt); // brokers 0 and 1 restarted
    const p = sim.state.pulsar;
    expect(p.zombie[0]).toBe(1);
    expect(p.bundleShare[0]).toBeGreaterThanOrEqual(2 / 9 - 1e-9); // its own share and broker 1's
    let sum = p.unownedShare;
    for (let b = 0; b < p.B; b++) sum += p.bundleShare[b];
    expect(sum).toBeCloseTo(1, 9);
  });

  it('keeps brokers from starting beside each other while the system topic is stuck (rollback alone does not heal)', () => {
    const r = run(brokers(ext, [upgrade, rollback], 60));
    expect(r.events.some((e) => e.code === 'system-topic-stuck')).toBe(true);
    expect(at(r, 59)).toBeLessThan(0.05);
  });

  it('clears the system topic when one broker is up alone: stop all, then start them one by one', () => {
    const r = run(
      brokers(ext, [
        upgrade,
        rollback,
        { atMinute: 45, kind: 'stopAllBrokers' },
        { atMinute: 45, kind: 'startAllBrokers', minutesPerBroker: 0.6 },
      ]),
      // no startOneBroker: the first broker of the progressive start is alone long enough
    );
    expect(r.events.some((e) => e.code === 'stuck-topic-deleted')).toBe(true);
    expect(at(r, 59)).toBeGreaterThan(0.95);
  });
});
