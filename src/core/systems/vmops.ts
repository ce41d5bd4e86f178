// Operations on one VM slot shared by the issue-6 systems: a VM dies (QEMU abort) or reboots in
// place (host OOM killer), and what its telemetry agent held is lost or kept accordingly.

import type { SimState } from '../state.ts';
import { vmLost } from './controlplane.ts';

/** The VM in slot v on host h dies: it stays down, what its agent and source held is lost. */
export function killVm(st: SimState, v: number, h: number): void {
  const events = st.buf[v] + st.held[v];
  st.lost += events;
  st.stepBuffered -= events;
  st.buf[v] = 0;
  st.held[v] = 0;
  st.alive[v] = 0;
  st.psi[v] = 0;
  st.anonMiB[v] = 0;
  st.cacheMiB[v] = 0;
  st.hostVcpus[h] -= st.vcpus[v];
  st.hostLiveVms[h]--;
  st.vmsCrashed++;
  vmLost(st, v); // the control plane (when modelled) notices and redeploys it
}

/** The VM in slot v reboots in place: what it held in RAM (agent buffer, RAM-held backlog) is lost. */
export function rebootVm(st: SimState, v: number): void {
  let events = 0;
  if (st.bufferInRam) {
    events += st.buf[v];
    st.buf[v] = 0;
  }
  if (st.heldInRam) {
    events += st.held[v];
    st.held[v] = 0;
  }
  st.lost += events;
  st.stepBuffered -= events;
  st.vmsRebooted++;
}
