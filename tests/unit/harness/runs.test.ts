// The model tier's shared runs (tests/unit/model/runs.ts): one run per scenario however it was
// built, a lean request answered by a full run, and a lean run that says what a full run says.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { scenarioWith } from '../helpers.ts';
import { fullRun, leanRun, runStats, summaryOf } from '../model/runs.ts';

/** the workshop outage on 2 hosts for 30 minutes */
const tiny = (o: Record<string, unknown> = {}) =>
  scenarioWith({ durationMinutes: 30, fleet: { hypervisors: 2, zones: 1 }, ...o });

describe('shared runs', () => {
  it('computes a scenario once, however its overrides were written, and answers lean requests from it', () => {
    const before = { ...runStats };
    const a = fullRun(tiny());
    // the same scenario reached with its keys in another order
    expect(fullRun(scenarioWith({ fleet: { zones: 1, hypervisors: 2 }, durationMinutes: 30 }))).toBe(a);
    expect(leanRun(tiny())).toBe(a);
    expect(summaryOf(tiny())).toBe(a.summary);
    expect(runStats.full - before.full).toBe(1);
    expect(runStats.lean - before.lean).toBe(0);
    expect(runStats.reused - before.reused).toBe(3);
  });

  it("records a lean run in summary mode, with a full run's summary and event log", () => {
    const s = tiny({ seed: 2 });
    const lean = leanRun(s);
    expect(leanRun(s)).toBe(lean);
    expect('series' in lean).toBe(false);
    const sim = new Simulation(s);
    sim.advance(sim.totalSteps);
    const r = sim.result();
    expect(lean.summary).toEqual(r.summary);
    expect(lean.events).toEqual(r.events);
  });

  it("computes a preset's own run whole when a lean request comes first: the golden reads it whole", () => {
    const before = { ...runStats };
    const lean = leanRun(scenarioWith({}, 'workshop-outage'));
    expect('series' in lean).toBe(true);
    expect(fullRun(scenarioWith({ seed: 1 }, 'workshop-outage'))).toBe(lean);
    expect(runStats.full - before.full).toBe(1);
    expect(runStats.lean - before.lean).toBe(0);
    // another seed of it is not read whole: a lean run
    expect('series' in leanRun(scenarioWith({ seed: 2, durationMinutes: 30 }, 'workshop-outage'))).toBe(false);
  });

  it('keeps different scenarios apart', () => {
    expect(summaryOf(tiny({ seed: 3 })).seed).toBe(3);
    expect(summaryOf(tiny({ seed: 4 })).seed).toBe(4);
    expect(fullRun(tiny({ seed: 3 }))).not.toBe(fullRun(tiny({ seed: 4 })));
  });
});
