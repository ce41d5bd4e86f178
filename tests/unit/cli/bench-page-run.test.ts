// The page-run bench (src/cli/bench-page-run.ts): the same run recorded whole and summary-only gives
// the same summary, and the figures are ratios against the lean kernel (no timing is asserted:
// speed is `npm run bench`'s, never a unit test's).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { formatPageRun, measurePageRun, PAGE_RUN_TARGET } from '../../../src/cli/bench-page-run.ts';
import { pageRunMain } from '../../../src/cli/bench.ts';
import { scenarioWith } from '../helpers.ts';

describe('page-run bench', () => {
  it('times the recorded and the summary-only run of one scenario against the lean kernel', () => {
    const s = scenarioWith({ fleet: { hypervisors: 2, zones: 1 }, durationMinutes: 30 });
    const l = measurePageRun('tiny', s, 1, Simulation, 'tsx');
    expect(l.identical).toBe(true);
    expect(l.steps).toBe((30 * 60) / s.stepSeconds);
    expect(l.ratio).toBeGreaterThan(0);
    expect(l.summaryRatio).toBeGreaterThan(0);
    expect(l.recorderShare).toBeGreaterThanOrEqual(0);
    expect(l.recorderShare).toBeLessThan(1);
    expect(formatPageRun(l)).toContain(`the target ${PAGE_RUN_TARGET}`);
  });

  it('refuses a scenario that is not a preset, with its usage', async () => {
    let err = '';
    const code = await pageRunMain(['--page-run', '--scenario', 'nope'], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain('--page-run takes --scenario');
  });
});
