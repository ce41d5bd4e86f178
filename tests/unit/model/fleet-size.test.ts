// A fleet's share of panicked hosts does not depend on its size once its fleet-wide capacities
// scale with it (issue 10, finding 6): the 2024 replay on 30, 60 and 120 hosts.
import { describe, expect, it } from 'vitest';
import { resizeFleet } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';
import { leanRun, panickedBy, summaryOf } from './runs.ts';

const P = 'clevercloud-2024-08-02';

describe('capacities that scale with the fleet (finding 6, item 3)', () => {
  // The panics come in the storm: 12:37 to 12:56 on 60 hosts (seeds 1-8), 12:35 to 12:57 on 30 and 120
  // hosts (runs to 16:00, 2026-12-07), so the share is of the hosts panicked by 14:00. The 30- and
  // 120-host replays run to 14:00 (a run cut short is the first part of the whole run, event for event:
  // timeline-2024.test.ts, UNTIL_14); the 60-host ones are the preset's whole-day runs of seeds 1-4
  // (resizeFleet to 60 hosts is the preset itself), which timeline-2024.test.ts reads too, counted to
  // 14:00 and checked to panic no host later.
  const UNTIL_14 = 240;
  const base = scenarioWith({ durationMinutes: UNTIL_14 }, P);
  /** share of hosts panicked by 14:00 over seeds 1..n of the 2024 replay on `hosts` hosts */
  const share = (hosts: number, n: number) => {
    let panicked = 0;
    for (let seed = 1; seed <= n; seed++) {
      if (hosts === 60) {
        const { by, all } = panickedBy(leanRun(scenarioWith({ seed }, P)), UNTIL_14);
        expect(by, `seed ${seed}: a host panics after 14:00`).toBe(all);
        panicked += by;
      } else panicked += summaryOf({ ...resizeFleet(base, hosts).scenario, seed }).hypervisors.panicked;
    }
    return panicked / (n * hosts);
  };

  it('with its capacities scaled, 30, 60 and 120 hosts panic the same share, within chance of the counts', () => {
    // closed-loop disk (issue 24): one or two of 60 hosts panic per seed, so a share is a handful of
    // panics and a ratio band would measure chance: the count at 30 and 120 hosts must stay within two
    // Poisson deviations (plus one) of what the 60-host share predicts. Measured (2026-12-07): 60 hosts
    // 5 of 240 (2.1%), 30 hosts 5 of 240, 120 hosts 5 of 360 (1.4%). Before (queue model): 6.7%, 7.1%, 5.6%
    const at60 = share(60, 4);
    expect(at60).toBeGreaterThan(0.015);
    for (const [hosts, n] of [
      [30, 8],
      [120, 3],
    ]) {
      const expected = at60 * hosts * n,
        got = share(hosts, n) * hosts * n;
      expect(
        Math.abs(got - expected),
        `${hosts} hosts: ${got} panics, ${expected.toFixed(1)} expected`,
      ).toBeLessThanOrEqual(2 * Math.sqrt(expected) + 1);
    }
  }); // 11 replays to 14:00 and 4 whole-day runs shared with timeline-2024.test.ts
});
