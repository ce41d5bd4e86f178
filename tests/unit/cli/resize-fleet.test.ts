// sim --resize-fleet N: N hosts with the platform scaled with them (resizeFleet), what the user set kept,
// and a message for a bad count.
import { describe, expect, it } from 'vitest';
import { FLEET_CAPACITIES, getPath, loadPreset } from '../../../src/scenario/index.ts';
import { sim, WHOLE_RUNS } from '../helpers.ts';

describe('sim --resize-fleet N', WHOLE_RUNS, () => {
  it('runs N hosts with every fleet-wide capacity scaled, and says what it scaled', () => {
    const r = sim('--resize-fleet', '24', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.hypervisors.total).toBe(24);
    expect(s.resizeFleet.hosts).toEqual({ from: 12, to: 24 });
    expect(s.resizeFleet.kept).toEqual([]);
    const base = loadPreset('workshop-outage')!;
    expect(s.resizeFleet.scaled).toEqual(
      FLEET_CAPACITIES.map((c) => ({
        path: c.path,
        from: getPath(base, c.path),
        to: (getPath(base, c.path) as number) * 2,
      })),
    );
    const text = sim('--resize-fleet', '24');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /^resize-fleet 12 -> 24 hosts: scaled controlPlane\.deploymentsPerMinute 20 -> 40, .*messaging\.brokerIngestEventsPerSecond 150,000 -> 300,000\n/,
    );
    expect(text.out).toContain('of 24 hypervisors panicked');
  });

  it('keeps a capacity the user set with --set, and says so', () => {
    const r = sim('--resize-fleet', '24', '--set', 'controlPlane.orchestratorHosts=5');
    expect(r.code).toBe(0);
    expect(r.out).toContain('kept (you set them): controlPlane.orchestratorHosts=5');
    expect(r.out.split('\n')[0]).not.toContain('controlPlane.orchestratorHosts 6 ->');
  });

  it('exits 2 with a message on a bad count or a second host count', () => {
    for (const bad of ['0', '1.5', 'many', '5001']) {
      const r = sim('--resize-fleet', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('--resize-fleet: must be a whole number of hosts from 1 to 5000');
    }
    const both = sim('--resize-fleet', '24', '--set', 'fleet.hypervisors=30');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--set fleet.hypervisors also sets the number of hosts');
  });
});
