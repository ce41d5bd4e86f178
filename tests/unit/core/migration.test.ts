// Live migration (seed 001): pre-copy time to the second at any step, non-convergence and
// auto-converge, and the unlocked admission check that double-books a target's memory.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { precopySeconds } from '../../../src/core/systems/migration/precopy.ts';
import { migrationTarget as admit } from '../../../src/core/fleet/placement.ts';
import { scenarioWith, singleVm } from '../helpers.ts';

/** Two hosts, the first evacuates at minute 0 toward the second. */
function pair(extra: Record<string, unknown>): Record<string, unknown> {
  return singleVm({
    fleet: { zones: 1, hypervisors: 2, vmMix: { pico: 0, nano: 0, XS: 0, S: 0, M: 1, L: 0, XL: 0 } },
    durationMinutes: 120,
    migration: { linkGbps: 10, bandwidthMiBps: 32, busyPercent: 0, dirtyMiBps: 4, timeoutMinutes: 30 },
    events: [{ atMinute: 0, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 }],
    ...extra,
  });
}

describe('pre-copy live migration', () => {
  for (const stepSeconds of [1, 7, 30]) {
    it(`takes (RAM - B x downtime) / (B - D), to the second, at a ${stepSeconds} s step`, () => {
      const sim = new Simulation(scenarioWith(pair({ stepSeconds })));
      sim.advance(1);
      const st = sim.state,
        dirty = st.dirtyMiBps[0];
      while (st.migCompleted === 0 && st.t < 3600) sim.advance(1);
      const expected = precopySeconds(4096, 32, dirty, 300);
      expect(expected).toBeGreaterThan(100);
      // due at minute 0, copying from second 0: the switch-over lands at its own second, not at a step's end
      expect(st.lastOutAt[0]).toBeCloseTo(expected, 6);
      expect(st.alive[0]).toBe(0);
      expect(st.vmId[st.vmStart[1] + 1]).toBe(0); // the VM now sits in a slot of host 1
    });
  }

  it('never converges when the dirty rate reaches the bandwidth; auto-converge throttles it through', () => {
    for (const autoConverge of [false, true]) {
      const sim = new Simulation(
        scenarioWith(
          pair({ migration: { linkGbps: 10, bandwidthMiBps: 32, busyPercent: 0, timeoutMinutes: 30, autoConverge } }),
        ),
      );
      sim.advance(1);
      sim.state.dirtyMiBps[0] = 40;
      expect(precopySeconds(4096, 32, 40, 300)).toBe(Infinity);
      sim.advance(40 * 60);
      if (autoConverge) {
        expect(sim.state.migCompleted).toBe(1);
      } else {
        expect(sim.state.migCompleted).toBe(0);
        expect(sim.state.migFailed).toBeGreaterThanOrEqual(1); // cancelled at the 30 min timeout
      }
    }
  });
});

describe('admission on the target', () => {
  // host 1 has room for exactly one more M VM; host 0 evacuates its two at once
  const race = (admissionLock: boolean) =>
    pair({
      fleet: { zones: 1, hypervisors: 2, vmMix: { pico: 0, nano: 0, XS: 0, S: 0, M: 2, L: 0, XL: 0 } },
      hypervisor: { memoryGiB: 12 },
      migration: {
        linkGbps: 10,
        bandwidthMiBps: 32,
        busyPercent: 0,
        dirtyMiBps: 4,
        maxParallelPerHost: 2,
        hostReserveGiB: 0,
        hostSwapGiB: 0,
        admissionLock,
      },
    });

  it('double-books the same free memory with an unlocked check', () => {
    const sim = new Simulation(scenarioWith(race(false)));
    sim.advance(1);
    expect(sim.state.migInFlight).toBe(2);
    expect(sim.state.hostBookedMiB[1]).toBe(16 * 1024);
    // the check reads allocated memory: after a second of pages it still sees room for almost a whole VM
    expect(sim.state.hostCapMiB - sim.state.hostUsedMiB[1]).toBeGreaterThan(4096 - 2 * 32 - 1);
    const r = (sim.advance(sim.totalSteps), sim.result());
    expect(Math.max(...r.series.hostMemBookedMaxPct)).toBeGreaterThan(100);
    expect(r.summary.vms.rebooted).toBeGreaterThan(0); // no swap: past VM memory the OOM killer reboots a VM
  });

  it('books each byte once with the lock', () => {
    const sim = new Simulation(scenarioWith(race(true)));
    sim.advance(1);
    expect(sim.state.migInFlight).toBe(1);
    expect(sim.state.migQueued).toBe(1);
    expect(admit(sim.state, 0, 4096)).toBe(-1);
    const r = (sim.advance(sim.totalSteps), sim.result());
    expect(Math.max(...r.series.hostMemBookedMaxPct)).toBeLessThanOrEqual(100);
    expect(r.summary.vms.rebooted).toBe(0);
    expect(r.summary.vms.unresponsive).toBe(0);
  });
});
