// A fleet's share of panicked hosts does not depend on its size once its fleet-wide capacities
// scale with it (issue 10, finding 6): the 2024 replay on 30, 60 and 120 hosts.
import { describe, expect, it } from 'vitest';
import { resizeFleet } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';
import { summaryOf, MANY_RUNS } from './runs.ts';

describe('capacities that scale with the fleet (finding 6, item 3)', () => {
  // the replay to 16:00, as before the preset ran through the evening: the panics come before it
  const base = scenarioWith({ durationMinutes: 360 }, 'clevercloud-2024-08-02');
  /** share of hosts panicked over seeds 1..n of the 2024 replay on `hosts` hosts */
  const share = (hosts: number, n: number, scale = true) => {
    let panicked = 0;
    for (let seed = 1; seed <= n; seed++) {
      const s = { ...(scale ? resizeFleet(base, hosts).scenario : withHosts(hosts)), seed };
      panicked += summaryOf(s).hypervisors.panicked;
    }
    return panicked / (n * hosts);
  };
  const withHosts = (hosts: number) => ({ ...base, fleet: { ...base.fleet, hypervisors: hosts } });

  it(
    'with its capacities scaled, 30, 60 and 120 hosts panic the same share, within chance of the counts',
    MANY_RUNS,
    () => {
      // closed-loop disk (issue 24): one or two of 60 hosts panic per seed, so a share is a handful of
      // panics and a ratio band would measure chance: the count at 30 and 120 hosts must stay within two
      // Poisson deviations (plus one) of what the 60-host share predicts. Measured: 60 hosts 5 of 240
      // (2.1%), 120 hosts 4 of 360 (1.1%, 2 sd below 7.5 expected). Before (queue model): 6.7%, 7.1%, 5.6%
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
    },
  ); // 30 replays (about 50 s on one free core)
});
