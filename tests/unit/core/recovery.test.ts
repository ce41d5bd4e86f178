// The recovery phase's closed forms (src/core/physics/recovery.ts).
import { describe, expect, it } from 'vitest';
import {
  drainSeconds,
  fleetIngestShare,
  platformDrainSeconds,
  retainedHeapMiB,
  stealShare,
} from '../../../src/core/physics/recovery.ts';

describe('the catch-up', () => {
  it('drains a backlog in backlog / (ingest - production)', () => {
    expect(drainSeconds(1_000_000, 1_500, 500)).toBe(1_000);
    expect(drainSeconds(1_000_000, 500, 500)).toBe(Infinity);
    expect(drainSeconds(0, 500, 600)).toBe(0);
  });

  it('drains a platform in T u0 / (1 - u0): the 2024 outage takes hours at a half-loaded cluster', () => {
    const T = 2.3 * 3600;
    expect(platformDrainSeconds(T, 0.5)).toBeCloseTo(T, 9);
    expect(platformDrainSeconds(T, 0.2) / 3600).toBeCloseTo(0.575, 9);
    expect(platformDrainSeconds(T, 0.8) / 3600).toBeCloseTo(9.2, 9);
    expect(platformDrainSeconds(T, 1)).toBe(Infinity);
    // the same answer from the events: production P over T, ingest P / u0
    const P = 110_000;
    expect(drainSeconds(P * T, P / 0.5, P)).toBeCloseTo(platformDrainSeconds(T, 0.5), 6);
  });

  it("gives the fleet its production's share of the platform's ingest", () => {
    // a fleet making 10% of the platform's events, brokers normally at 40%: 2.5x the fleet's rate
    expect(fleetIngestShare(110_000, 1_100_000, 0.4)).toBeCloseTo(275_000, 6);
    // so its own drain follows the platform's closed form
    const T = 3600;
    expect(drainSeconds(110_000 * T, fleetIngestShare(110_000, 1_100_000, 0.4), 110_000)).toBeCloseTo(
      platformDrainSeconds(T, 0.4),
      6,
    );
  });
});

describe('heap retention and steal', () => {
  it('keeps the retained share of the high-water mark after the backlog drains', () => {
    expect(retainedHeapMiB(0, 80, 80)).toBe(64);
    expect(retainedHeapMiB(70, 80, 80)).toBe(70);
    expect(retainedHeapMiB(0, 80, 0)).toBe(0); // a heap that gives memory back (jemalloc-like)
  });

  it('steals 1 - cores / demand past the cores, nothing below', () => {
    expect(stealShare(48, 64)).toBe(0);
    expect(stealShare(128, 64)).toBe(0.5);
    expect(stealShare(256, 64)).toBe(0.75);
  });
});
