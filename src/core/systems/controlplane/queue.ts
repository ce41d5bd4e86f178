// The orchestrator's deployment queue and the lost VMs waiting to be noticed: what the monitoring,
// the customers and the slot module's crash and move hooks put in, what orchestrator.ts drains.

import type { SimState } from '../../sim-state.ts';
import { K_CRASHED } from './deploy-kinds.ts';
import type { ControlPlane } from './state.ts';

/** Queues a deployment: of the VM in slot `vm`, or (vm < 0) of a new VM of size -1 - vm. False when the queue is full. */
export function enqueue(cp: ControlPlane, vm: number, kind: number): boolean {
  if (cp.qLen >= cp.qCap) return false;
  const i = (cp.qHead + cp.qLen) % cp.qCap;
  cp.qVm[i] = vm;
  cp.qKind[i] = kind;
  cp.qLen++;
  if (vm >= 0) cp.queued[vm] = 1;
  cp.requested[kind]++;
  if (cp.qLen > cp.peakQueue) cp.peakQueue = cp.qLen;
  return true;
}

/**
 * The VM in slot v died (its host went down, or QEMU aborted): the watchdog restarts it at
 * once, or monitoring notices it after N failed checks and redeploys it. No-op when the
 * control plane is off or already knows.
 */
export function vmLost(st: SimState, v: number): void {
  const cp = st.cp;
  if (!cp.enabled || !cp.cpAlive[v]) return;
  const c = st.scenario.controlPlane,
    h = st.hostOf[v];
  cp.cpAlive[v] = 0;
  cp.queued[v] = 0;
  cp.failCount[v] = 0;
  if (cp.watchdog) enqueue(cp, -1 - st.sizeOf[v], K_CRASHED);
  else if (cp.lostLen < cp.qCap) {
    const i = (cp.lostHead + cp.lostLen++) % cp.qCap;
    cp.lostSize[i] = st.sizeOf[v];
    cp.lostAt[i] = st.t + c.failuresBeforeUnreachable * c.checkIntervalSeconds;
    cp.lostZone[i] = st.zoneOf[h];
  }
}

/** A VM moved from slot `from` to `to` (live migration): deployments queued for it follow it. */
export function vmMoved(st: SimState, from: number, to: number): void {
  const cp = st.cp;
  if (!cp.enabled || !cp.queued[to]) return; // its per-slot view has moved with it already
  for (let k = 0, i = cp.qHead; k < cp.qLen; k++, i = i + 1 === cp.qCap ? 0 : i + 1)
    if (cp.qVm[i] === from) cp.qVm[i] = to;
}
