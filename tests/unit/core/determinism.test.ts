// Same scenario and seed give identical results. In another process (the CLI): cli/spawn.test.ts.
import { describe, expect, it } from 'vitest';
import { fingerprint, run, scenarioWith, WHOLE_RUNS } from '../helpers.ts';

describe('determinism', WHOLE_RUNS, () => {
  it('gives bit-identical series and event logs for the same scenario and seed', () => {
    const a = run(scenarioWith({ seed: 42 }));
    const b = run(scenarioWith({ seed: 42 }));
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.summary).toEqual(b.summary);
  });

  it('gives a different run for a different seed', () => {
    expect(fingerprint(run(scenarioWith({ seed: 1 })))).not.toBe(fingerprint(run(scenarioWith({ seed: 2 }))));
  });
});
