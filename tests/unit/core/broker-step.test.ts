// The broker model converges in the step (issue 24 finding 4): it runs in one-second ticks whatever
// the step, clients retry after the Java client's jittered backoff, service is stochastic, and the
// broker's normal load is a stated assumption (messaging.normalLoadPercent), not a constant.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { createPulsarState } from '../../../src/core/systems/pulsar/state.ts';
import { scheduleRetry } from '../../../src/core/systems/pulsar/retries.ts';
import { scenarioWith, WHOLE_RUNS } from '../helpers.ts';

function brokers(messaging: Record<string, unknown>, events: unknown[], durationMinutes: number, stepSeconds: number) {
  return scenarioWith({
    durationMinutes,
    stepSeconds,
    fleet: { hypervisors: 2, zones: 1 },
    telemetry: { eventsPerSecond: 1 },
    controlPlane: { enabled: false },
    messaging,
    events,
  });
}

/** Seconds from the end of a slowdown until availability is back above 95% for good (Infinity: latched). */
function recovery(messaging: Record<string, unknown>, capacityPercent: number, durationSeconds: number, dt: number) {
  const minutes = 5 + Math.ceil(durationSeconds / 60) + 40;
  const sim = new Simulation(
    brokers(messaging, [{ atMinute: 5, kind: 'brokerSlowdown', durationSeconds, capacityPercent }], minutes, dt),
  );
  sim.advance(sim.totalSteps);
  const a = sim.result().series.messagingAvailability;
  let last = -1;
  for (let i = 0; i < a.length; i++) if (a[i] < 0.95) last = i;
  if (last === a.length - 1) return Infinity;
  return Math.max(0, (last + 1) * dt - (300 + durationSeconds));
}

const STEPS = [1, 2, 5, 10];

describe('broker metastability converges in the step', () => {
  it('a total stop of 60 s recovers at 1, 2, 5 and 10 s within a minute of each other', () => {
    const t = STEPS.map((dt) => recovery({}, 0, 60, dt));
    for (const x of t) expect(x).toBeLessThan(20 * 60); // it heals by itself, in minutes
    expect(Math.max(...t) - Math.min(...t)).toBeLessThanOrEqual(60);
  });

  it('a partial slowdown (20% for 30 min) recovers at 1, 2, 5 and 10 s within a minute of each other', () => {
    const t = STEPS.map((dt) => recovery({}, 20, 1800, dt));
    for (const x of t) expect(x).toBeLessThan(10 * 60);
    expect(Math.max(...t) - Math.min(...t)).toBeLessThanOrEqual(60);
  });

  it('puts the latch boundary (the shortest full pause that latches) within 10% at every step', WHOLE_RUNS, () => {
    // slow topic loads (500/s per broker: a full queue waits past the 60 s topic load timeout) and
    // 350k clients, where a long pause latches (pulsar.test.ts); at typical loads none does
    const slow = { topicLoadSeconds: 10, clients: 350_000 };
    const boundary = (dt: number) => {
      let lo = 20,
        hi = 120; // 20 s heals, 120 s latches at every step (asserted below)
      while (hi - lo > 2) {
        const mid = Math.round((lo + hi) / 2);
        if (recovery(slow, 0, mid, dt) === Infinity) hi = mid;
        else lo = mid;
      }
      return hi;
    };
    const b = STEPS.map(boundary);
    for (const dt of STEPS) {
      expect(recovery(slow, 0, 120, dt)).toBe(Infinity);
      expect(recovery(slow, 0, 20, dt)).toBeLessThan(Infinity);
    }
    // events land on step boundaries: at 10 s a pause of 51 s lasts 60 s, so the boundaries agree
    // within the coarsest step, and within 10% where the rounding is small
    expect(Math.max(...b) - Math.min(...b)).toBeLessThanOrEqual(10);
    const fine = b.slice(0, 3);
    expect(Math.max(...fine) / Math.min(...fine)).toBeLessThan(1.1);
  });
});

describe('the normal load decides what a slowdown does', () => {
  it('a slowdown to half capacity does nothing at 30% normal load and overloads the brokers at 70%', () => {
    const dip = (u: number) => {
      const sim = new Simulation(
        brokers(
          { normalLoadPercent: u },
          [{ atMinute: 5, kind: 'brokerSlowdown', durationSeconds: 1800, capacityPercent: 50 }],
          60,
          5,
        ),
      );
      sim.advance(sim.totalSteps);
      return Math.min(...sim.result().series.messagingAvailability);
    };
    expect(dip(30)).toBe(1);
    expect(dip(70)).toBeLessThan(0.95);
  });

  it('a deep slowdown (10% for 30 min) heals at 50% normal load and latches at 80% only with slow topic loads', () => {
    expect(recovery({ normalLoadPercent: 50 }, 10, 1800, 5)).toBeLessThan(10 * 60);
    // at typical loads (1,250/s) late answers still leave topics loaded: it heals
    expect(recovery({ normalLoadPercent: 80 }, 10, 1800, 5)).toBeLessThan(10 * 60);
    // at 500/s a full queue waits past the topic load timeout: every answer is wasted
    expect(recovery({ normalLoadPercent: 80, topicLoadSeconds: 10 }, 10, 1800, 5)).toBe(Infinity);
  });
});

describe("clients retry after the Java client's jittered backoff", () => {
  it('spreads a failed cohort over [0.9 d, d] after its failure, in proportion, at the next level', () => {
    const s = brokers({}, [], 10, 5);
    const p = createPulsarState(s).pulsar;
    const top = p.levels - 1;
    expect(p.delays[top]).toBe(s.messaging.clientBackoffMaxSeconds); // 30 s
    scheduleRetry(p, top, 900, 100);
    // due over [127, 130): a third in each of ticks 127, 128, 129
    const R = p.retryLen,
      got: number[] = [];
    for (let j = 125; j < 132; j++) got.push(p.retry[top * R + (j % R)]);
    expect(got.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 0, 300, 300, 300, 0, 0]);
    // a first failure (100 ms) retries at the next tick, one level up
    scheduleRetry(p, 0, 10, 100);
    expect(p.retry[1 * R + (101 % R)]).toBe(10);
    expect(p.waitingTotal).toBe(910);
  });

  it('serves a stochastic, seed-keyed number of lookups: runs differ by seed, recovery does not by much', () => {
    const run = (seed: number) => {
      const sim = new Simulation({
        ...brokers({}, [{ atMinute: 5, kind: 'brokerSlowdown', durationSeconds: 60, capacityPercent: 0 }], 30, 5),
        seed,
      });
      sim.advance(sim.totalSteps);
      return sim.result().series;
    };
    const a = run(1),
      b = run(2);
    let differs = false;
    for (let i = 0; i < a.pendingLookups.length; i++) if (a.pendingLookups[i] !== b.pendingLookups[i]) differs = true;
    expect(differs).toBe(true);
    const back = (x: Float32Array) => x.findLastIndex((v) => v < 0.95);
    expect(Math.abs(back(a.messagingAvailability) - back(b.messagingAvailability)) * 5).toBeLessThan(120);
  });
});
