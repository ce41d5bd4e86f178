// Early rejection in a calibration's later waves (core/ensemble/early.ts): a run looked at every
// few minutes is the same run as one advanced in one go, and a run whose settled figures already
// put it beyond the tolerance stops there, and never when its whole run ends within it.
import { describe, expect, it } from 'vitest';
import {
  CalibrationRunner,
  assumptionRanges,
  distance,
  runObserved,
  runObservedWithin,
} from '../../../src/core/index.ts';
import { incidentOf } from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';

const P24 = 'clevercloud-2024-08-02';

describe('a calibration run that stops once it cannot fit', WHOLE_RUNS, () => {
  // world 1 of the 2024 prior (wave 0 of a calibration of 8)
  const runner = new CalibrationRunner(P24, 1, 8, assumptionRanges());
  const incident = incidentOf(P24)!;
  const s = runner.scenario(runner.jobs[1]);
  const whole = runObserved(s);
  const d = distance(incident, whole.figures);

  it('looked at every few minutes and never stopped: the same run as one in one go', () => {
    // at its own distance the run must not stop (the bound never passes the distance it ends at)
    const looked = runObservedWithin(s, d);
    expect(looked.stopped).toBeNull();
    expect(looked.figures).toEqual(whole.figures);
    expect(looked.summary).toEqual(whole.summary);
  });

  it('stops before the end when the tolerance is below where the run ends', () => {
    // this world does not fit 2024 (it is one of the prior's): at tolerance 0 it stops
    expect(d).toBeGreaterThan(0);
    const early = runObservedWithin(s, 0);
    expect(early.stopped).not.toBeNull();
    expect(early.stopped!).toBeLessThan(s.durationMinutes);
  });
});
