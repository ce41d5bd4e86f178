// The 2017 preset's host RAM and its VM mix: a scenario whose VMs cannot fit their hosts (a world
// the varied ensemble could draw) gets host RAM raised, with the mix and sizes kept, and says so.
import { describe, expect, it } from 'vitest';
import { loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { VM_SIZES } from '../../../src/scenario/types.ts';

const PRESET = 'flyingcircus-2017-08-02';

describe('2017: the starting fleet fits its hosts', () => {
  const booked = (s: ReturnType<typeof loadPreset>) =>
    VM_SIZES.reduce((n, z) => n + s!.fleet.vmMix[z] * s!.vmSizes[z].memoryMiB, 0) / 1024;

  it('raises host RAM that cannot hold the VM mix, keeping the mix and sizes, and says so', () => {
    const base = loadPreset(PRESET)!;
    // the varied ensemble drew such worlds: 79 GiB hosts booked with 164 GiB of VMs each swapped and
    // rebooted VMs from minute 0, before any maintenance (1,157 of 1,872 VMs down)
    const { scenario, issues } = parseScenario({ ...base, hypervisor: { ...base.hypervisor, memoryGiB: 64 } });
    const need = booked(scenario);
    expect(need).toBeGreaterThan(64);
    expect(scenario.hypervisor.memoryGiB - scenario.migration.hostReserveGiB).toBeGreaterThanOrEqual(need);
    expect(scenario.hypervisor.memoryGiB - scenario.migration.hostReserveGiB).toBeLessThan(need + 1);
    expect(scenario.fleet.vmMix).toEqual(base.fleet.vmMix);
    expect(issues.map((i) => i.path)).toEqual(['hypervisor.memoryGiB']);
    expect(issues[0].message).toMatch(/books \d+ GiB per host.*raised to \d+/);
  });

  it('leaves a fleet that fits, and any scenario without a maintenance window, alone', () => {
    expect(parseScenario(loadPreset(PRESET)!).issues).toEqual([]);
    const workshop = loadPreset('workshop-outage')!;
    const small = parseScenario({ ...workshop, hypervisor: { ...workshop.hypervisor, memoryGiB: 16 } });
    expect(small.issues.filter((i) => i.path === 'hypervisor.memoryGiB')).toEqual([]);
    expect(small.scenario.hypervisor.memoryGiB).toBe(16);
  });
});
