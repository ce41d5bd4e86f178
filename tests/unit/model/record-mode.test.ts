// Record modes on the 2017 and 2024 presets' whole runs: a summary-only run (what ensemble members,
// sweep points and this tier's leanRun record) ends with the summary and event log of the full run,
// bit for bit. The full run is the shared one (runs.ts: the golden's), so each preset costs one run
// here. The same check in thirds, and on the workshop and 2022 presets whole:
// tests/unit/core/record-mode.test.ts.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { scenarioWith } from '../helpers.ts';
import { fullRun } from './runs.ts';

const withoutPerf = ({ perf: _perf, ...rest }: ReturnType<Simulation['summary']>) => rest;

describe('record modes on whole presets', () => {
  for (const preset of ['clevercloud-2024-08-02', 'flyingcircus-2017-08-02']) {
    it(`${preset}: a summary-only run ends with the full run's summary and event log`, () => {
      const s = scenarioWith({}, preset);
      const full = fullRun(s);
      const lean = new Simulation(s, { record: 'summary' });
      lean.advance(lean.totalSteps);
      expect(withoutPerf(lean.summary())).toEqual(withoutPerf(full.summary));
      expect(lean.log.events).toEqual(full.events);
      expect(full.summary.hypervisors.peakDiskReadGBps).toBeGreaterThan(0);
      expect(() => lean.result()).toThrow(/summary/);
    });
  }
});
