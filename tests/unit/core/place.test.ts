// Where the single run sits among an ensemble's worlds (core/ensemble/place.ts, issue 25): its
// mid-rank percentile and band per figure, and whether it is one of the worlds (seeds only: world
// 1, checked against the run's own figures) or shown beside them (the prior draws every constant).
import { describe, expect, it } from 'vitest';
import {
  EnsembleRunner,
  Simulation,
  assumptionRanges,
  placeIn,
  runMember,
  runValues,
  runAgainstIncident,
  runEnsembleMembers,
  runSummary,
  worldValues,
} from '../../../src/core/index.ts';
import { incidentOf, loadPreset } from '../../../src/scenario/index.ts';
import { incidentFitText } from '../../../src/ui/ensemble/worlds-words.ts';
import { scenarioWith, WHOLE_RUNS } from '../helpers.ts';

describe('placeIn', () => {
  it('counts the worlds below and equal, and gives the mid-rank percentile', () => {
    const p = placeIn([5, 1, 3, 3, 9, 0, 3, 7], 3);
    expect(p).toMatchObject({ value: 3, below: 2, equal: 3, of: 8 });
    expect(p.percentile).toBe(Math.round(((2 + 1.5) / 8) * 100));
    expect(placeIn([1, 2, 3], 0).percentile).toBe(0);
    expect(placeIn([1, 2, 3], 4).percentile).toBe(100);
  });

  it('is inside the band between the nearest-rank p05 and p95, outside beyond them', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i); // p05 = 0, p95 = 18
    expect(placeIn(xs, 18).inBand).toBe(true);
    expect(placeIn(xs, 19).inBand).toBe(false);
    expect(placeIn(xs, -1).inBand).toBe(false);
    expect(placeIn([], 3)).toMatchObject({ of: 0, percentile: 0, inBand: false });
  });
});

describe('the run the verdict is about: a world, or beside the worlds', () => {
  const s = scenarioWith({ fleet: { hypervisors: 3, zones: 1 }, durationMinutes: 90 });
  const full = new Simulation(s);
  full.advance(full.totalSteps);
  const run = full.result().summary; // the page's run: every buffer recorded

  it('seeds only: world 1 is the run (checked by its figures), placed at its own value', () => {
    const runner = new EnsembleRunner(s, { members: 4, varyAssumptions: false, worlds: 'seeds' }, assumptionRanges());
    for (const job of runner.jobs) runner.record(job, runSummary(runner.scenario(job)));
    const lines = runner.lines();
    const values = worldValues(lines.map((l) => l.a));
    const e = runner.result().a;
    expect(runMember(e, values, run)).toBe(0);
    expect(values.panicked[0]).toBe(runValues(run).panicked);
    // a world 1 whose figures are not the run's is not claimed to be it
    const other = { ...values, vmsDown: [values.vmsDown[0] + 1, ...values.vmsDown.slice(1)] };
    expect(runMember(e, other, run)).toBeNull();
    // another first seed: not the run
    expect(runMember({ ...e, seeds: { first: s.seed + 1, last: s.seed + 4 } }, values, run)).toBeNull();
  });

  it('the prior: world 1 is the run (every typical constant at its value), the others draw theirs', () => {
    const options = { members: 3, varyAssumptions: true, worlds: 'prior' as const };
    const lines = runEnsembleMembers(s, options, assumptionRanges());
    const runner = new EnsembleRunner(s, options, assumptionRanges());
    for (const job of runner.jobs) runner.record(job, runSummary(runner.scenario(job)));
    const e = runner.result().a;
    const values = worldValues(lines.map((l) => l.a));
    expect(e.seeds.first).toBe(run.seed);
    expect(runMember(e, values, run)).toBe(0);
    expect(values.vmsDown[0]).toBe(runValues(run).vmsDown);
    // a saved prior result without its worlds' values (from before world 1 was the run): beside
    expect(runMember(e, null, run)).toBeNull();
    expect(runMember({ ...e, worlds: { source: 'seeds' } }, null, run)).toBe(0);
  });

  it('counts VMs down as the ensemble does: distinct VMs', () => {
    expect(runValues(run).vmsDown).toBe(run.vms.down);
    expect(runValues(run).vmsDown).toBeLessThanOrEqual(run.vms.total);
  });
});

describe('the run against its incident', () => {
  it('judges every measured observation as a calibration judges a world, and says it', WHOLE_RUNS, () => {
    const preset = 'clevercloud-2022-04';
    const incident = incidentOf(preset)!;
    const sim = new Simulation(loadPreset(preset)!, { record: 'summary' });
    sim.advance(sim.totalSteps);
    const obs = runAgainstIncident(incident, sim.summary(), sim.log.events);
    expect(obs.map((o) => o.id)).toEqual(incident.observations.filter((o) => o.measured).map((o) => o.id));
    for (const o of obs) {
      const ok = o.value !== null && (o.lo === null || o.value >= o.lo) && (o.hi === null || o.value <= o.hi);
      expect(o.fits, o.id).toBe(ok);
    }
    const text = incidentFitText(obs, incident.label, '02:00');
    if (obs.every((o) => o.fits)) expect(text).toMatch(/^The run fits all \d observations/);
    else expect(text).toMatch(/^The run fits \d of \d observations .*; outside: /);
  });
});
