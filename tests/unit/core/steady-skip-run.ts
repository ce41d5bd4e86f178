// A run stepped one step at a time with the steady-host skip on or off (src/core/systems/vm-pass.ts,
// hostMemSteady), counting the host-steps it skipped and those it could have skipped: for
// core/steady-skip.test.ts (small random fleets) and model/steady-skip.test.ts (the presets).
import { Simulation, type SimResult } from '../../../src/core/index.ts';
import type { Scenario } from '../../../src/scenario/index.ts';
import { FLAG_STEADY, HOT_FLAGS, VM_HOT } from '../../../src/core/fleet/hot.ts';

export interface SteadyRun {
  readonly r: SimResult;
  /** host-steps whose memory part was skipped: a host that entered the step steady and stayed so */
  readonly skipped: number;
  /** host-steps the skip could take: a host steady before and after the step (with the skip on, the skipped ones) */
  readonly steady: number;
}

/**
 * Runs s; `noSkip` clears every steady flag before each step (the hosts' and each VM's FLAG_STEADY,
 * fleet/hot.ts), so no host or VM is ever skipped and every agent takes the pass's general path.
 */
export function runCounting(s: Scenario, noSkip: boolean): SteadyRun {
  const sim = new Simulation(s);
  const st = sim.state;
  let skipped = 0,
    steady = 0;
  while (!sim.done) {
    const before = st.hostMemSteady.slice(); // as the last step left them
    if (noSkip) {
      st.hostMemSteady.fill(0);
      for (let o = HOT_FLAGS; o < st.vmHot.length; o += VM_HOT) st.vmHot[o] = st.vmHot[o] & ~FLAG_STEADY;
    }
    const entered = st.hostMemSteady.slice(); // what this step reads
    sim.advance(1);
    if (st.vmViewDue) continue; // a step that samples VMs writes every VM: nothing is skipped
    for (let h = 0; h < st.hosts; h++) {
      if (!st.hostMemSteady[h] || !st.up[h]) continue;
      if (before[h]) steady++;
      if (entered[h]) skipped++;
    }
  }
  return { r: sim.result(), skipped, steady };
}
