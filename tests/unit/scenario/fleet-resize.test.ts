// Scaling the platform with the fleet (issue 10, finding 6): resizeFleet (the CLI's --resize-fleet)
// and the playground's "Scale the platform with the fleet" (resizeWithPlatform). What the user set stays.
import { describe, expect, it } from 'vitest';
import { FLEET_CAPACITIES, getPath, loadPreset, resizeFleet, resizeWithPlatform } from '../../../src/scenario/index.ts';

describe('resizeFleet', () => {
  const base = loadPreset('clevercloud-2024-08-02')!;
  it('resizeFleet scales every fleet-wide capacity with the hosts and nothing else', () => {
    const { scenario, issues } = resizeFleet(base, 120);
    expect(issues).toEqual([]);
    expect(scenario.fleet.hypervisors).toBe(120);
    expect(scenario.controlPlane.deploymentsPerMinute).toBe(2 * base.controlPlane.deploymentsPerMinute);
    expect(scenario.controlPlane.orchestratorHosts).toBe(2 * base.controlPlane.orchestratorHosts);
    expect(scenario.controlPlane.monitorConcurrentChecks).toBe(2 * base.controlPlane.monitorConcurrentChecks);
    expect(scenario.messaging.brokerIngestEventsPerSecond).toBe(2 * base.messaging.brokerIngestEventsPerSecond);
    // the messaging cluster's own figures make the lookup storm: they stay
    expect(scenario.messaging.clients).toBe(base.messaging.clients);
    expect(scenario.messaging.brokers).toBe(base.messaging.brokers);
    expect(FLEET_CAPACITIES.map((c) => c.path).sort()).toEqual(
      [
        'controlPlane.deploymentsPerMinute',
        'controlPlane.monitorConcurrentChecks',
        'controlPlane.orchestratorHosts',
        'messaging.brokerIngestEventsPerSecond',
      ].sort(),
    );
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
