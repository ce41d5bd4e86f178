// sim --series: the per-minute timeline (src/cli/series.ts) against the run's own records.
import { describe, expect, it } from 'vitest';
import { minuteSeries, D_STATE_SECONDS } from '../../../src/cli/series.ts';
import { run, scenarioWith, sim } from '../helpers.ts';

describe('minuteSeries', () => {
  // a step that does not divide the minute: steps are assigned to the minute they start in
  const result = run(scenarioWith({ fleet: { hypervisors: 4 }, stepSeconds: 7 }));
  const rows = minuteSeries(result);

  it('has one row per started minute, with its clock', () => {
    expect(rows.length).toBe(Math.ceil((result.steps * 7) / 60));
    expect(rows.map((r) => r.minute)).toEqual(rows.map((_, i) => i));
    expect(rows[0].clock).toBe(result.scenario.clockStart);
    expect(rows[61].clock).toMatch(/:01$/);
  });

  it('averages the fleet series over the steps that start in each minute', () => {
    for (const m of [0, 45, 100, 150]) {
      const steps: number[] = [];
      for (let s = 0; s < result.steps; s++) if (Math.floor((s * 7) / 60) === m) steps.push(s);
      const mean = (xs: Float32Array) => steps.reduce((a, s) => a + xs[s], 0) / steps.length;
      expect(rows[m].thrashingVms).toBeCloseTo(mean(result.series.thrashingVms), 1);
      expect(rows[m].diskReadGBps).toBeCloseTo(mean(result.series.diskReadGBps), 3);
      expect(rows[m].hostCpuLoad).toBeCloseTo(mean(result.series.hvLoadMean), 3);
    }
  });

  it('counts panics so far from the event log, ending at the summary count', () => {
    const panics = result.summary.hypervisors.panics;
    expect(panics).toBeGreaterThan(0); // the workshop panics hosts: the count is exercised
    for (let i = 1; i < rows.length; i++) expect(rows[i].panicked).toBeGreaterThanOrEqual(rows[i - 1].panicked);
    expect(rows.at(-1)!.panicked).toBe(panics);
    const first = rows.findIndex((r) => r.panicked > 0);
    expect(first).toBe(Math.floor(result.summary.hypervisors.firstPanicMinute!));
  });

  it('counts the hosts whose longest D-state wait passed the threshold within the minute', () => {
    const hs = result.hosts;
    for (let m = 0; m < rows.length; m++) {
      let want = 0;
      for (let h = 0; h < hs.hosts; h++) {
        let inD = false;
        for (let s = 0; s < result.steps; s++)
          if (
            Math.floor((s * 7) / 60) === m &&
            hs.dStateSeconds[Math.floor(s / hs.everySteps) * hs.hosts + h] > D_STATE_SECONDS
          )
            inD = true;
        if (inD) want++;
      }
      expect(rows[m].hostsInDState).toBe(want);
    }
    // and a host in D state precedes every panic
    expect(Math.max(...rows.map((r) => r.hostsInDState))).toBeGreaterThan(0);
  });
});

describe('sim --series', () => {
  it('adds the per-minute series to the JSON', () => {
    const r = sim('--json', '--series', '--set', 'fleet.hypervisors=3', '--set', 'durationMinutes=30');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.series).toHaveLength(30);
    expect(Object.keys(s.series[0])).toEqual([
      'minute',
      'clock',
      'thrashingVms',
      'diskReadGBps',
      'hostsInDState',
      'panicked',
      'hostCpuLoad',
    ]);
    expect(s.series[29].minute).toBe(29);
  });

  it('prints a table without --json, and no series unless asked', () => {
    const r = sim('--series', '--set', 'fleet.hypervisors=3', '--set', 'durationMinutes=10');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/series \(per simulated minute\)\nminute {2}clock {2}thrashingVms/);
    expect(r.out.trim().split('\n').at(-1)).toMatch(/^\s+9\s/);
    const plain = JSON.parse(sim('--json', '--set', 'fleet.hypervisors=3', '--set', 'durationMinutes=10').out);
    expect('series' in plain).toBe(false);
  });

  it('refuses --series with an ensemble, saying why', () => {
    const r = sim('--series', '--ensemble', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--series prints one run per minute/);
  });
});
