// "VMs down" counts distinct VMs (issue 25): the summary's `vms.down` reads a per-VM flag indexed by
// the VM's dense id, so a VM rebooted in a loop, or crashed, redeployed into another slot and down
// again, counts once, and the count never exceeds the fleet, while `vms.crashed` counts episodes.
// The ensemble's "VMs down" (memberOutcome) is that count, as the verdict counts VMs.
import { describe, expect, it } from 'vitest';
import { Simulation, memberOutcome } from '../../../src/core/index.ts';
import {
  END_CRASH,
  END_OOM_REBOOT,
  END_PANIC,
  END_REDEPLOYED,
  endVm,
  freeSlot,
  startVm,
} from '../../../src/core/fleet/slots.ts';
import { presetNames, loadPreset } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';

/** a tiny workshop fleet with the control plane on (spare slots a redeploy fills), a few steps in */
function tiny(): Simulation {
  const sim = new Simulation(
    scenarioWith({ controlPlane: { enabled: true }, fleet: { hypervisors: 3, zones: 1 }, durationMinutes: 30 }),
    { record: 'summary' },
  );
  sim.advance(3);
  return sim;
}

describe('VMs down: distinct VMs, never more than the fleet', () => {
  it('a VM that goes down several times (reboots, a crash, redeployed and down again) counts once', () => {
    const sim = tiny();
    const st = sim.state;
    const v = st.vmStart[0];
    const id = st.vmId[v];
    expect(id).toBeGreaterThanOrEqual(0);
    endVm(st, v, END_OOM_REBOOT);
    endVm(st, v, END_OOM_REBOOT);
    endVm(st, v, END_CRASH);
    // the orchestrator starts a copy of the same VM (same id) on another host, which then panics
    const w = freeSlot(st, 1);
    expect(w).toBeGreaterThanOrEqual(0);
    startVm(st, w, st.sizeOf[v], st.ratePerStep[v], id);
    endVm(st, w, END_PANIC);
    const s = sim.summary();
    expect(s.vms.crashed).toBe(2); // episodes
    expect(s.vms.down).toBe(1); // one VM
    expect(memberOutcome(0, 1, [], s).vmsDown).toBe(1);
  });

  it('a redeploy is not a VM going down', () => {
    const sim = tiny();
    const st = sim.state;
    const v = st.vmStart[2];
    const w = freeSlot(st, 1);
    startVm(st, w, st.sizeOf[v], st.ratePerStep[v], st.vmId[v]);
    endVm(st, v, END_REDEPLOYED);
    expect(sim.summary().vms.down).toBe(0);
  });

  it('every VM down, some twice: the count is the fleet, the episodes more', () => {
    const sim = tiny();
    const st = sim.state;
    const live: number[] = [];
    for (let v = 0; v < st.vms; v++) if (st.alive[v]) live.push(v);
    for (const v of live) endVm(st, v, END_OOM_REBOOT);
    for (const v of live) endVm(st, v, END_PANIC);
    const s = sim.summary();
    expect(s.vms.crashed + st.vmsRebooted).toBe(2 * s.vms.total); // episodes
    expect(s.vms.down).toBe(s.vms.total);
    expect(memberOutcome(0, 1, [], s).vmsDown).toBe(s.vms.total);
  });

  it('on a whole run it lies between the distinct reboots and the episodes, within the fleet', () => {
    for (const name of presetNames()) {
      const p = loadPreset(name)!;
      // the preset cut to 3 hosts and its first two hours: the counting, not the figures (the model tier's)
      const sim = new Simulation(
        scenarioWith({ fleet: { hypervisors: 3, zones: 1 }, durationMinutes: 120 }, p.preset),
        { record: 'summary' },
      );
      sim.advance(sim.totalSteps);
      const { vms } = sim.summary();
      expect(vms.down, name).toBeLessThanOrEqual(vms.total);
      expect(vms.down, name).toBeGreaterThanOrEqual(vms.rebooted);
      expect(vms.down, name).toBeLessThanOrEqual(vms.crashed + vms.rebooted);
    }
  });
});
