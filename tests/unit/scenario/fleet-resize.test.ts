// Scaling the platform with the fleet (issue 10, finding 6): the CLI's --resize-fleet and the
// playground's "Scale the platform with the fleet" (resizeWithPlatform). What the user set stays.
import { describe, expect, it } from 'vitest';
import { FLEET_CAPACITIES, getPath, loadPreset, resizeWithPlatform } from '../../../src/scenario/index.ts';
import { sim } from '../helpers.ts';

describe('sim --resize-fleet N', () => {
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

describe('resizeWithPlatform (the playground)', () => {
  const base = loadPreset('workshop-outage')!;
  it('sizes the platform from the preset, so resizing twice never compounds rounding', () => {
    const a = resizeWithPlatform(base, 7).scenario;
    const b = resizeWithPlatform(a, 13).scenario;
    const direct = resizeWithPlatform(base, 13).scenario;
    for (const c of FLEET_CAPACITIES) expect(getPath(b, c.path), c.path).toBe(getPath(direct, c.path));
    expect(getPath(direct, 'controlPlane.orchestratorHosts')).toBe(Math.round((6 * 13) / 12));
  });

  it("keeps the user's own value and scales the rest", () => {
    const edited = { ...base, controlPlane: { ...base.controlPlane, deploymentsPerMinute: 33 } };
    const r = resizeWithPlatform(edited, 36);
    expect(r.kept).toEqual([{ path: 'controlPlane.deploymentsPerMinute', value: 33 }]);
    expect(r.scenario.controlPlane.deploymentsPerMinute).toBe(33);
    expect(r.scaled.map((c) => c.path)).toEqual(FLEET_CAPACITIES.slice(1).map((c) => c.path));
    expect(r.scenario.controlPlane.orchestratorHosts).toBe(18);
  });

  it('a host count past its range is clamped before anything is scaled by it', () => {
    const r = resizeWithPlatform(base, 1_000_000);
    // 5000 hosts at most, and at most 250,000 VMs: 3,289 hosts of this mix
    expect(r.hosts.to).toBe(3289);
    expect(r.issues.filter((i) => i.path === 'fleet.hypervisors').map((i) => i.message)).toEqual([
      expect.stringContaining('clamped to 5000'),
      expect.stringContaining('clamped to 3289 hypervisors'),
    ]);
    expect(r.scenario.controlPlane.monitorConcurrentChecks).toBe(Math.round((64 * 3289) / 12));
  });
});
