// A challenge's checklist: each goal judged on the verdict's own figures, world by world, and
// the budget of changes; the worlds are the core's ensemble worlds (seeds seed .. seed + n - 1).
import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../../src/scenario/index.ts';
import {
  allMet,
  evaluate,
  figuresOf,
  percent,
  showPercent,
  worldScenarios,
  worstWorld,
  type WorldFigures,
} from '../../../src/ui/challenge/goals.ts';
import { run, scenarioWith } from '../helpers.ts';

const world = (panicked: number, dropped: number, lost = 0, seed = 1): WorldFigures => ({
  seed,
  hosts: 12,
  panicked,
  produced: 1000,
  dropped,
  lost,
});
const challenge = (over: Partial<Challenge> = {}): Challenge => ({
  goal: { noPanic: true, maxDroppedPct: 5, maxLostPct: 1 },
  worlds: 1,
  allow: ['telemetry.buffer.whenFull'],
  budget: null,
  ...over,
});
const byId = (c: Challenge, worlds: WorldFigures[], changed: string[] = []) =>
  Object.fromEntries(evaluate(c, worlds, changed).map((g) => [g.id, g]));

describe('goal evaluation', () => {
  it('meets each goal on its own figure, the limit included', () => {
    const g = byId(challenge(), [world(0, 50, 10)]);
    expect(g.nopanic).toMatchObject({ met: true, detail: '0 of 12 hypervisors panicked' });
    expect(g.dropped).toMatchObject({
      met: true,
      label: 'Telemetry events dropped: at most 5%',
      detail: '5.00% dropped',
    });
    expect(g.lost).toMatchObject({ met: true, detail: '1.00% lost' });
    expect(allMet(evaluate(challenge(), [world(0, 50, 10)], []))).toBe(true);
  });

  it('misses a goal by the smallest margin, and the line never rounds onto the limit', () => {
    const g = byId(challenge(), [{ ...world(1, 50.04, 0), produced: 1000 }]);
    expect(g.nopanic).toMatchObject({ met: false, detail: '1 of 12 hypervisors panicked' });
    expect(g.dropped.met).toBe(false);
    expect(g.dropped.detail).toBe('5.0040% dropped');
    expect(showPercent(4.996, 5)).toBe('5.00%'); // under the limit and shown at it: fine, it is met
    expect(showPercent(5.004, 5)).toBe('5.0040%');
  });

  it('only the goals the challenge sets are listed, in a fixed order', () => {
    const c = challenge({ goal: { noPanic: false, maxDroppedPct: null, maxLostPct: 2 } });
    expect(evaluate(c, [world(3, 900, 10)], []).map((g) => g.id)).toEqual(['lost']);
    expect(evaluate(challenge(), [], []).map((g) => [g.id, g.met, g.detail])).toEqual([
      ['nopanic', false, 'not run yet'],
      ['dropped', false, 'not run yet'],
      ['lost', false, 'not run yet'],
    ]);
  });

  it('no event produced is 0 % dropped (no division by zero)', () => {
    expect(percent(0, 0)).toBe(0);
    expect(byId(challenge(), [{ ...world(0, 0), produced: 0 }]).dropped.met).toBe(true);
  });

  it('in N of N worlds: met only when every world is checked and each meets it', () => {
    const c = challenge({ worlds: 3, goal: { noPanic: true, maxDroppedPct: null, maxLostPct: null } });
    expect(byId(c, [world(0, 0)]).nopanic).toMatchObject({
      met: false,
      label: 'No hypervisor panics in 3 of 3 worlds',
      detail: 'held in 1 of 1 worlds (1 of 3 checked so far); worst: 0 of 12 hypervisors panicked',
    });
    expect(byId(c, [world(0, 0), world(0, 0, 0, 2), world(0, 0, 0, 3)]).nopanic.met).toBe(true);
    expect(byId(c, [world(0, 0), world(2, 0, 0, 2), world(0, 0, 0, 3)]).nopanic).toMatchObject({
      met: false,
      detail: 'held in 2 of 3 worlds; worst: 2 of 12 hypervisors panicked',
    });
  });

  it('the budget counts the allowed controls changed from the start', () => {
    const c = challenge({ budget: 1, allow: ['telemetry.buffer.whenFull', 'telemetry.buffer.maxEvents'] });
    expect(byId(c, [world(0, 0)], []).budget).toMatchObject({
      met: true,
      label: 'At most 1 change',
      detail: 'no change yet',
    });
    expect(byId(c, [world(0, 0)], ['telemetry.buffer.whenFull']).budget.met).toBe(true);
    const two = byId(c, [world(0, 0)], ['telemetry.buffer.whenFull', 'telemetry.buffer.maxEvents']).budget;
    expect(two.met).toBe(false);
    expect(two.detail).toMatch(/^2 changes: When the buffer is full, /);
  });

  it('the worst world is the one with most hosts panicked, then most dropped', () => {
    expect(worstWorld([])).toBeNull();
    expect(worstWorld([world(1, 0, 0, 1), world(1, 30, 0, 2), world(0, 90, 0, 3)])!.seed).toBe(2);
  });
});

describe('the figures come from a real run', () => {
  const s = scenarioWith({ durationMinutes: 150, fleet: { hypervisors: 3 } });

  it('reads hosts panicked and the telemetry counts of the summary', () => {
    const summary = run(s).summary;
    const f = figuresOf(summary);
    expect(f).toEqual({
      seed: 1,
      hosts: 3,
      panicked: summary.hypervisors.panicked,
      produced: summary.telemetry.produced,
      dropped: summary.telemetry.dropped,
      lost: summary.telemetry.lost,
    });
    // this fleet panics when agents block, and not when they drop new events
    expect(f.panicked).toBeGreaterThan(0);
    const fixed = figuresOf(
      run(
        scenarioWith({
          durationMinutes: 150,
          fleet: { hypervisors: 3 },
          telemetry: { buffer: { whenFull: 'drop_newest' } },
        }),
      ).summary,
    );
    expect(
      byId(challenge({ goal: { noPanic: true, maxDroppedPct: null, maxLostPct: null } }), [fixed]).nopanic.met,
    ).toBe(true);
  });

  it("the worlds are the core's ensemble worlds: seed, seed + 1 ..., wrapping at 2^32", () => {
    expect(worldScenarios(s, 3).map((w) => w.seed)).toEqual([1, 2, 3]);
    expect(worldScenarios(s, 1)[0]).toBe(s);
    const top = { ...s, seed: 4294967295 };
    expect(worldScenarios(top, 2).map((w) => w.seed)).toEqual([4294967295, 0]);
    expect(worldScenarios(s, 2)[1].fleet).toEqual(s.fleet);
  });
});
