// How sure? says which worlds it ran, where the verdict's run sits, and what the sensitivity
// ranking is over (ui/ensemble/worlds-words.ts, issue 25).
import { describe, expect, it } from 'vitest';
import { placeIn, type EnsembleSummary, type RunObservation } from '../../../src/core/index.ts';
import {
  incidentFitText,
  placementText,
  rankedOverText,
  runText,
  whichWorldsText,
} from '../../../src/ui/ensemble/worlds-words.ts';

const spread = (p05: number, p50: number, p95: number) => ({ p05, p50, p95, mean: p50 });
const ensemble = (over: Partial<EnsembleSummary> = {}): EnsembleSummary =>
  ({
    members: 32,
    seeds: { first: 1, last: 32 },
    varyAssumptions: true,
    worlds: { source: 'prior' },
    anyPanicProbability: 0.5,
    panicked: spread(0, 1, 5),
    firstPanicMinute: null,
    vmsDown: spread(0, 10, 400),
    droppedPercent: spread(0, 0, 0),
    lostPercent: spread(0, 0, 0),
    hypervisors: 60,
    assumptions: [],
    sensitivity: [],
    sensitivityNoise: 0.35,
    ...over,
  }) as EnsembleSummary;
const AUG = 'what happened on 2024-08-02';

describe('which worlds, in words', () => {
  it('calibrated: N worlds consistent with the incident, of how many tried', () => {
    const e = ensemble({
      worlds: { source: 'calibrated', incident: { label: AUG, accepted: 40, tried: 256 } },
    });
    expect(whichWorldsText(e, AUG)).toBe(
      `32 worlds consistent with ${AUG}: of the 256 worlds drawn from the prior or moved from its best towards the incident (every typical constant inside its plausible range), the 40 where the model agrees with what the incident reported (32 of them, by weight).`,
    );
    expect(rankedOverText(e, AUG)).toMatch(
      /^Ranked over the 32 worlds consistent with what happened on 2024-08-02: what the verdict still rests on/,
    );
  });

  it("calibrated at the calibration's seed: world 1 is the run, the others calibrated worlds", () => {
    const e = ensemble({
      worlds: { source: 'calibrated', incident: { label: AUG, accepted: 40, tried: 256 } },
    });
    expect(whichWorldsText(e, AUG, true)).toBe(
      `32 worlds consistent with ${AUG}: world 1 is the run above (every typical constant at its value, itself a world the incident allows); the other 31 are drawn by weight from the 40 where the model agrees with what the incident reported, of the 256 worlds drawn from the prior or moved from its best towards the incident (every typical constant inside its plausible range).`,
    );
    const few = ensemble({ worlds: { source: 'calibrated', incident: { label: AUG, accepted: 3, tried: 80 } } });
    expect(whichWorldsText({ ...few, members: 4 }, AUG, true)).toContain(
      'the other 3 are the 3 where the model agrees with what the incident reported, of the 80 worlds drawn',
    );
    expect(whichWorldsText({ ...few, members: 1 }, AUG, true)).toMatch(/allows\); no other world was asked for\.$/);
  });

  it('no world fits: the full prior, and why', () => {
    const note = `none of the 256 worlds drawn from the prior fits ${AUG}: the full prior`;
    const e = ensemble({ worlds: { source: 'prior', note } });
    const text = whichWorldsText(e, AUG);
    expect(text).toMatch(
      /^The full prior, 32 worlds: none of the 256 worlds drawn from the prior fits what happened on 2024-08-02\. /,
    );
    expect(text).not.toContain(': the full prior');
    expect(text).toContain('so its odds include worlds that could not have been');
    expect(rankedOverText(e, AUG)).toBe(
      `Ranked over the full prior: none of the 256 worlds drawn from the prior fits ${AUG}.`,
    );
  });

  it('the workshop: the full prior because it replays no incident', () => {
    const note = 'workshop-outage replays no incident, so no world can be checked against one: the full prior';
    const text = whichWorldsText(ensemble({ worlds: { source: 'prior', note } }), null);
    expect(text).toContain('replays no incident, so no world can be checked against one');
    expect(text).not.toContain('could not have been'); // no incident: no world is known to be impossible
    expect(whichWorldsText(ensemble(), null)).toBe(
      'The full prior, 32 worlds: seeds 1 to 32, each with every typical constant drawn inside its plausible range, around its typical value (half the worlds below it).',
    );
    expect(whichWorldsText(ensemble(), AUG)).toContain(`including worlds ${AUG} rules out`);
    // world 1 the run itself (planEnsemble), the others drawn
    expect(whichWorldsText(ensemble(), null, true)).toBe(
      'The full prior, 32 worlds: world 1 is the run above (every typical constant at its value), then seeds 2 to 32, each with every typical constant drawn inside its plausible range, around its typical value (half the worlds below it).',
    );
    expect(whichWorldsText({ ...ensemble(), members: 1, seeds: { first: 1, last: 1 } }, null, true)).toBe(
      'The full prior, 1 world: world 1 is the run above (every typical constant at its value).',
    );
  });

  it('seeds only: the scenario as set', () => {
    expect(whichWorldsText(ensemble({ worlds: { source: 'seeds' }, varyAssumptions: false }), null)).toBe(
      '32 worlds of the scenario as set: seeds 1 to 32, the typical constants at their values.',
    );
  });
});

describe('the run among the worlds, in words', () => {
  it('says whether the run is a world or beside them', () => {
    expect(runText(0, 7, 8)).toMatch(/^The run above \(seed 7\) is world 1 of these 8: checked/);
    // a saved result keeps no per-world figures: the same seed and settings, not checked
    expect(runText(0, 7, 8, false)).toBe(
      'The run above (seed 7) is world 1 of these 8: the same seed and settings. ◆ marks it on each figure.',
    );
    expect(runText(null, 7, 8)).toMatch(/is not one of these worlds.*shown beside them, ◆ on each figure/);
    // a saved prior or calibrated result keeps no per-world figures: world 1 cannot be checked
    expect(runText(null, 1, 8, false, 'prior')).toBe(
      'This saved result keeps no figures per world, so whether the run above (seed 1) is world 1 of these 8 cannot be checked: run it again to see. Until then ◆ marks the run beside them on each figure.',
    );
    expect(runText(null, 1, 8, false, 'calibrated')).toMatch(/^This saved result keeps no figures per world/);
    // beside calibrated worlds: a seed other than the calibration's was never checked against the incident
    expect(runText(null, 2, 8, true, 'calibrated')).toBe(
      "The run above (seed 2) is not one of these worlds: the typical constants were checked against the incident at the calibration's seed, not at this one, so it is shown beside them, ◆ on each figure.",
    );
  });

  it('places the run with its percentile and band', () => {
    expect(placementText('panicked', placeIn([0, 0, 1, 2, 5, 5, 9, 12], 5))).toBe(
      'the run: 5, higher than 4 of 8 worlds and equal to 2 (percentile 63), inside the p05–p95 band',
    );
    expect(placementText('droppedPercent', placeIn([1, 2], 40.04))).toBe(
      'the run: 40%, higher than all 2 worlds (percentile 100), outside the p05–p95 band',
    );
    expect(placementText('vmsDown', placeIn([3, 4], 1))).toBe(
      'the run: 1, lower than all 2 worlds (percentile 0), outside the p05–p95 band',
    );
    expect(placementText('vmsDown', placeIn([0, 0, 0], 0))).toBe(
      'the run: 0, the same in all 3 worlds (percentile 50), inside the p05–p95 band',
    );
  });
});

describe('the run against its incident, in words', () => {
  const o = (over: Partial<RunObservation>): RunObservation => ({
    id: 'x',
    what: 'how many hypervisors panic',
    unit: 'count',
    value: 1,
    lo: 2,
    hi: 10,
    fits: false,
    ...over,
  });
  it('names what falls outside, in clock times and counts', () => {
    const first = o({ id: 'first', what: 'the first panic', unit: 'minute', value: 154, lo: 148, hi: 187, fits: true });
    const back = o({ id: 'back', what: 'when messaging is back', unit: 'minute', value: null, lo: 164, hi: 184 });
    expect(incidentFitText([first, o({}), back], AUG, '10:00')).toBe(
      `The run fits 1 of 3 observations of ${AUG}, so it is not one of the worlds the incident allows; outside: how many hypervisors panic (1; the incident allows 2 to 10); when messaging is back (never; the incident allows 12:44 to 13:04).`,
    );
    expect(incidentFitText([first], AUG, '10:00')).toBe(
      `The run fits the one observation of ${AUG}: it is itself one of the worlds the incident allows.`,
    );
  });
});
