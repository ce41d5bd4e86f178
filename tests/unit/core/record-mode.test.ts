// Record modes: a run that records only its summary (ensemble members, sweep points) or only the
// fleet series gets the same summary, event log and series as a full run, bit for bit, at every
// point of the run; only the buffers it was told to skip are missing. Here every preset in thirds:
// the workshop and 2022 as they are, the 2017 and 2024 presets on a quarter of their hosts (their
// whole runs are the model tier's: tests/unit/model/record-mode.test.ts compares them at the end
// against the shared runs, rather than running each preset twice more here).
import { describe, expect, it } from 'vitest';
import { Simulation, SERIES, runSummary } from '../../../src/core/index.ts';
import { loadPreset, presetNames, resizeFleet, type Scenario } from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';

const withoutPerf = ({ perf: _perf, ...rest }: ReturnType<Simulation['summary']>) => rest;

/** the presets whose whole runs the model tier compares: here on a quarter of their hosts */
const QUARTER = new Set(['clevercloud-2024-08-02', 'flyingcircus-2017-08-02']);

function scenarioOf(name: string): Scenario {
  const s = loadPreset(name)!;
  return QUARTER.has(name) ? resizeFleet(s, Math.round(s.fleet.hypervisors / 4)).scenario : s;
}

describe('record modes', WHOLE_RUNS, () => {
  for (const name of presetNames()) {
    const what = QUARTER.has(name) ? `${name} on a quarter of its hosts` : name;
    it(`${what}: a summary-only run has the full run's summary, in thirds and at the end`, () => {
      const s = scenarioOf(name);
      const full = new Simulation(s),
        lean = new Simulation(s, { record: 'summary' });
      const third = Math.ceil(full.totalSteps / 3);
      let done = false;
      while (!done) {
        done = full.advance(third);
        lean.advance(third);
        expect(lean.stepsDone).toBe(full.stepsDone);
        expect(lean.summary()).toEqual(full.summary());
      }
      const summary = full.result().summary;
      expect(withoutPerf(lean.summary())).toEqual(withoutPerf(summary));
      expect(lean.log.events).toEqual(full.log.events);
      // the summary reads running maxima: make sure this preset gives them something to hold
      expect(summary.hypervisors.peakDiskReadGBps).toBeGreaterThan(0);
      expect(() => lean.result()).toThrow(/summary/);
    });
  }

  it('runSummary is the summary of runScenario', () => {
    const s = loadPreset('workshop-outage')!;
    const sim = new Simulation(s);
    sim.advance(sim.totalSteps);
    expect(runSummary(s)).toEqual(sim.result().summary);
  });

  it('a series-only run has every fleet series bit for bit and no per-host or per-VM samples', () => {
    const s = loadPreset('clevercloud-2022-04')!;
    const full = new Simulation(s),
      series = new Simulation(s, { record: 'series' });
    full.advance(full.totalSteps);
    series.advance(series.totalSteps);
    const a = full.result(),
      b = series.result();
    for (const { key } of SERIES)
      expect(Buffer.from(b.series[key].buffer).equals(Buffer.from(a.series[key].buffer))).toBe(true);
    expect(b.summary).toEqual(a.summary);
    expect(b.events).toEqual(a.events);
    expect(b.hosts.samples).toBe(0);
    expect(b.hosts.state.length).toBe(0);
    expect(b.vms.samples).toBe(0);
    expect(b.vms.anonMiB.length).toBe(0);
    expect(a.hosts.state.length).toBeGreaterThan(0);
  });
});
