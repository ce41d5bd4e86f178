// Issue 10, the 2017 preset under varied assumptions: worlds that could have run the day before
// the maintenance storm, and what the storm does to them.
import { describe, expect, it } from 'vitest';
import { assumptionRanges, memberScenario, planEnsemble, runSummary } from '../../../src/core/index.ts';
import { loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { VM_SIZES } from '../../../src/scenario/types.ts';
import { run, scenarioWith } from '../helpers.ts';

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

describe('2017: which VMs stall on a swapping host, and the guest watchdog (seeds 1-10)', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const over = (extra: Record<string, unknown>) =>
    seeds.map((seed) => run(scenarioWith({ seed, ...extra }, PRESET)).summary);

  it('stalls the VMs whose working set the swap-out reaches, not every VM in slot order, nor none', () => {
    // before: every VM in slot order until the overcommit was covered (an upper bound): mean 134,
    // 91 to 165; cold pages first with one LRU over all guests: 0 on every seed
    const runs = over({});
    const unr = runs.map((s) => s.vms.unresponsive);
    for (const [i, n] of unr.entries()) {
      expect(n, `seed ${seeds[i]}`).toBeGreaterThan(0);
      expect(n, `seed ${seeds[i]}`).toBeLessThan(0.08 * runs[i].vms.total);
    }
    expect(unr.reduce((a, b) => a + b, 0) / unr.length).toBeLessThanOrEqual(100);
    // the busy VMs (a buffer pool or cache sized to their RAM) stall first: without them few do
    const idle = over({ migration: { busyPercent: 0 } }).map((s) => s.vms.unresponsive);
    expect(idle.reduce((a, b) => a + b, 0)).toBeLessThan(0.3 * unr.reduce((a, b) => a + b, 0));
  }, 600_000);

  it("resets a guest stalled past its watchdog timeout (fc.qemu's i6300esb in 2017); without it only the OOM killer reboots", () => {
    const on = over({}),
      off = over({ migration: { guestWatchdog: false } });
    for (const [i, s] of on.entries()) {
      // the stalls last as long as the host stays over: nearly every stalled VM is reset
      expect(s.vms.rebooted, `seed ${seeds[i]}`).toBeGreaterThanOrEqual(0.8 * s.vms.unresponsive);
      expect(s.vms.rebooted, `seed ${seeds[i]}`).toBeGreaterThan(off[i].vms.rebooted);
      expect(off[i].vms.unresponsive, `seed ${seeds[i]}`).toBe(s.vms.unresponsive);
      expect(off[i].vms.rebooted, `seed ${seeds[i]}`).toBeLessThanOrEqual(20); // OOM kills alone: "several"
    }
  }, 600_000);
});

describe('2017 under varied assumptions (8 worlds, seed 1)', () => {
  it('"several to tens" of VMs down: the busy VMs a swapping host stalls, and no host panics because of the maintenance', () => {
    // before (issue 10): VMs down mean 245, p95 1,157 of 1,872, one world panicked a host
    const base = loadPreset(PRESET)!;
    const plan = planEnsemble(base, { members: 8, varyAssumptions: true }, assumptionRanges());
    const share: number[] = [];
    for (const m of plan.members) {
      const s = memberScenario(base, m);
      const r = runSummary(s);
      const down = r.vms.crashed + r.vms.threadExhaustionCrashes + r.vms.rebooted;
      share.push(down / r.vms.total);
      if (r.hypervisors.panicked > 0) {
        // a panic must come from a chain that runs without the maintenance window too (telemetry)
        expect(runSummary({ ...s, events: [] }).hypervisors.panicked, `member ${m.index}`).toBeGreaterThan(0);
        continue;
      }
      // the watchdog resets the stalled VMs: the busy ones (their working set is their RAM) and a few
      // whose application fills theirs; the OOM killer a few more. Not every VM of a swapping host
      const busy = (s.migration.busyPercent / 100) * r.vms.total;
      expect(down, `member ${m.index}: busy VMs ${busy.toFixed(0)}`).toBeLessThanOrEqual(busy + 30);
    }
    // at most the busy share's plausible range (1 to 15% around the preset's 5%)
    const p95 = [...share].sort((a, b) => a - b)[Math.ceil(0.95 * share.length) - 1];
    expect(p95).toBeLessThanOrEqual(0.15);
    expect(Math.max(...share)).toBeGreaterThan(0);
  }, 600_000);
});
