// Where models meet: per-slot arrays that move with a VM, crashes the control plane must see,
// combinations the schema refuses, OOM loops, and the order of a quick reboot.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { VM_SLOT_ARRAYS } from '../../../src/core/fleet/slots.ts';
import { loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { heldEvents, run, scenarioWith, WHOLE_RUNS } from '../helpers.ts';

describe('models together', WHOLE_RUNS, () => {
  it('lists every per-VM array of the state as moving with its VM (hostOf excepted)', () => {
    for (const preset of ['workshop-outage', 'clevercloud-2024-08-02', 'flyingcircus-2017-08-02']) {
      const st = new Simulation(loadPreset(preset)!).state as unknown as Record<string, unknown>;
      const perVm = Object.entries(st)
        .filter(([, v]) => ArrayBuffer.isView(v) && (v as unknown as { length: number }).length === st.vms)
        .map(([k]) => k);
      // downEver is indexed by the VM's id, not its slot (it stays put when a VM moves); it has the
      // slots' length only when there are no spare slots
      const listed = perVm.filter((k) => k !== 'hostOf' && k !== 'downEver');
      for (const k of listed) expect(VM_SLOT_ARRAYS as readonly string[], `${preset}: ${k}`).toContain(k);
      // with a maintenance window every listed array exists at full length (they are what migration copies)
      if (preset === 'flyingcircus-2017-08-02') expect(listed.sort()).toEqual([...VM_SLOT_ARRAYS].sort());
    }
  });

  it('lets the control plane redeploy VMs that QEMU aborted, conserving every event', () => {
    const s = scenarioWith({ controlPlane: { enabled: true } }, 'clevercloud-2022-04');
    const sim = new Simulation(s);
    while (!sim.done) {
      sim.advance(60);
      const st = sim.state;
      expect(st.produced).toBe(st.delivered + heldEvents(sim) + st.dropped + st.lost);
    }
    expect(sim.state.threadExhaustionCrashes).toBeGreaterThan(0);
    expect(sim.state.vmsRestored).toBeGreaterThan(0);
  });

  it('keeps the control plane on beside a maintenance window', () => {
    const base = loadPreset('flyingcircus-2017-08-02')!;
    const { scenario, issues } = parseScenario({ ...base, controlPlane: { ...base.controlPlane, enabled: true } });
    expect(scenario.controlPlane.enabled).toBe(true);
    expect(issues).toEqual([]);
  });

  it('keeps the host memory reserve below the host memory', () => {
    const { scenario, issues } = parseScenario({ hypervisor: { memoryGiB: 8 } });
    expect(scenario.migration.hostReserveGiB).toBe(7);
    expect(issues[0].path).toBe('migration.hostReserveGiB');
  });

  it('counts an OOM loop (a kill that frees nothing) once, not every step', () => {
    const r = run(scenarioWith({ telemetry: { source: 'journald-volatile', journalRuntimeMaxUsePercentOfRam: 50 } }));
    expect(r.summary.vms.oomKills).toBeGreaterThan(0);
    expect(r.summary.vms.oomKills).toBeLessThanOrEqual(r.summary.vms.total);
  });

  it('reboots a panicked host before it comes back, even with a reboot shorter than the panic hold', () => {
    const r = run(scenarioWith({ hypervisor: { rebootMinutes: 0.5 } }));
    const host = r.events.find((e) => e.code === 'panic')!.hv;
    const order = r.events
      .filter((e) => e.hv === host && (e.code === 'rebooting' || e.code === 'back-up-empty'))
      .map((e) => e.code);
    expect(order.slice(0, 2)).toEqual(['rebooting', 'back-up-empty']);
  });

  it('empties the migration books of a host that panicked mid-maintenance, so it can take VMs again', () => {
    const base = loadPreset('workshop-outage')!;
    const s = scenarioWith({
      durationMinutes: 600,
      events: [
        ...base.events,
        { atMinute: 60, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 },
      ],
    });
    const sim = new Simulation(s);
    sim.advance(sim.totalSteps);
    const st = sim.state;
    expect(st.panics).toBeGreaterThan(0);
    for (let h = 0; h < st.hosts; h++) {
      if (st.hostIn[h] !== 0 || st.hostOut[h] !== 0) continue;
      let mem = 0,
        used = 0;
      for (let v = st.vmStart[h]; v < st.vmStart[h + 1]; v++)
        if (st.alive[v]) {
          mem += st.sizeMemMiB[st.sizeOf[v]];
          used++;
        }
      expect(st.hostBookedMiB[h], `host ${h}`).toBeCloseTo(mem, 6);
      expect(st.hostFree[h], `host ${h}`).toBe(st.slotsPerHost - used);
    }
  });
});
