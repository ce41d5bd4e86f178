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
    'with its capacities scaled, 30, 60 and 120 hosts panic the same share within a band of 0.6 to 1.5x',
    MANY_RUNS,
    () => {
      // measured: 6.7% (30 hosts, seeds 1-8), 7.1% (60, seeds 1-4), 5.6% (120, seeds 1-3): 0.94x and
      // 0.78x. Left fleet-wide, the orchestrator's throughput per host doubles at 30 hosts: 3.8%
      // (0.53x), out of the band (at 120 hosts it halves: 9.2%, 1.3x)
      const at60 = share(60, 4);
      expect(at60).toBeGreaterThan(0.03);
      for (const [hosts, n] of [
        [30, 8],
        [120, 3],
      ]) {
        const r = share(hosts, n) / at60;
        expect(r, `${hosts} hosts: ${r.toFixed(2)} x the 60-host share`).toBeGreaterThanOrEqual(0.6);
        expect(r, `${hosts} hosts`).toBeLessThanOrEqual(1.5);
      }
      // the band can fail: 30 hosts with the capacities of 60 (fleet-wide, fixed) fall out of it
      expect(share(30, 8, false) / at60).toBeLessThan(0.6);
    },
  ); // 30 replays (about 50 s on one free core)
});
