// The slot books (src/core/fleet/slots.ts) agree with the slots at every step: per host, the live
// count is the number of alive slots, the free count is the slots neither alive nor reserved,
// booked memory is the memory of the live VMs plus that of incoming migrations, and the vCPU
// count is the live VMs' vCPUs.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/index.ts';
import { RESV_MIGRATION_IN, RESV_NONE } from '../../src/core/fleet/slots.ts';
import { presetNames } from '../../src/scenario/index.ts';
import { scenarioWith } from './helpers.ts';

/** The first disagreement between the books and the slots, or '' when they agree. */
export function checkBooks(sim: Simulation): string {
  const st = sim.state;
  const inMiB = new Float64Array(st.hosts);
  for (let r = 0; r < st.migCap; r++)
    if (st.migUsed[r]) inMiB[st.migDstHost[r]] += st.sizeMemMiB[st.sizeOf[st.migSrc[r]]];
  for (let h = 0; h < st.hosts; h++) {
    let live = 0,
      free = 0,
      mem = 0,
      vcpus = 0,
      reservedIn = 0;
    for (let v = st.vmStart[h]; v < st.vmStart[h + 1]; v++) {
      if (st.alive[v]) {
        live++;
        mem += st.sizeMemMiB[st.sizeOf[v]];
        vcpus += st.vcpus[v];
      } else if (st.resv[v] === RESV_NONE) free++;
      else if (st.resv[v] === RESV_MIGRATION_IN) reservedIn++;
    }
    const at = `step ${st.step}, host ${h}`;
    if (st.hostLive[h] !== live) return `${at}: hostLive ${st.hostLive[h]}, alive slots ${live}`;
    if (st.hostFree[h] !== free) return `${at}: hostFree ${st.hostFree[h]}, free slots ${free}`;
    if (st.hostVcpus[h] !== vcpus) return `${at}: hostVcpus ${st.hostVcpus[h]}, live VMs' vCPUs ${vcpus}`;
    if (st.hostBookedMiB[h] !== mem + inMiB[h])
      return `${at}: booked ${st.hostBookedMiB[h]} MiB, live ${mem} + incoming ${inMiB[h]} MiB`;
    if (st.maintOn && st.hostIn[h] !== reservedIn) return `${at}: ${st.hostIn[h]} incoming, ${reservedIn} reserved`;
  }
  return '';
}

export function runChecked(sim: Simulation): void {
  while (!sim.done) {
    sim.advance(1);
    const bad = checkBooks(sim);
    if (bad) throw new Error(bad);
  }
}

describe('slot books', () => {
  for (const preset of presetNames()) {
    it(`agree with the slots at every step of ${preset}`, () => {
      const sim = new Simulation(scenarioWith({}, preset));
      runChecked(sim);
      expect(sim.state.step).toBe(sim.state.totalSteps);
    });
  }

  it('agree with the slots while QEMU aborts and the control plane redeploys (2022 with the control plane on)', () => {
    const sim = new Simulation(scenarioWith({ controlPlane: { enabled: true } }, 'clevercloud-2022-04'));
    runChecked(sim);
    expect(sim.state.threadExhaustionCrashes).toBeGreaterThan(0);
    expect(sim.state.cp.deployments).toBeGreaterThan(0);
  });

  it('agree with the slots when hosts panic in the middle of a maintenance window', () => {
    const base = scenarioWith({}, 'workshop-outage');
    const sim = new Simulation(
      scenarioWith({
        durationMinutes: 600,
        events: [
          ...base.events,
          { atMinute: 60, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 },
        ],
      }),
    );
    runChecked(sim);
    expect(sim.state.panics).toBeGreaterThan(0);
    expect(sim.state.migCompleted).toBeGreaterThan(0);
  });
});
