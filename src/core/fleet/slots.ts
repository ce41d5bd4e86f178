// VM slots: which slot holds a live VM, which are reserved, and the per-host books that follow
// from them (created with the fleet, state.ts in this folder). This module is the only writer of `alive`, `vmId`, `resv`, `hostLive`, `hostFree`,
// `hostBookedMiB` and `hostVcpus`; systems read those arrays directly in their hot loops and
// change them only through startVm, endVm, reserve, unreserve and move, so the books always
// agree with the slots (tests/unit/core/slots.test.ts checks it at every step).
//
// Slots are host-major: host h owns slots vmStart[h] .. vmStart[h+1]-1, the VMs it starts with
// first, then its spare slots (alive 0, vmId -1). A slot is free when it has no live VM and no
// reservation: a migration's target (migration in) and a deployment's target are reserved, and
// their memory is booked on the host, from the moment they are admitted.

import type { SimState } from '../sim-state.ts';
import type { SlotArray } from './state.ts';
import { setVmSize } from './vm-size.ts';
import {
  FLAG_ALIVE,
  FLAG_STEADY,
  HOT_CARRY,
  HOT_FLAGS,
  HOT_HEAP_PEAK,
  HOT_RATE,
  HOT_RETRY_AT,
  VM_HOT,
  moveVmHot,
} from './hot.ts';

/** A slot's reservation (`resv`): none, the source of a live migration, its target, a deployment's target. */
export const RESV_NONE = 0,
  RESV_MIGRATION_OUT = 1,
  RESV_MIGRATION_IN = 2,
  RESV_DEPLOYMENT = 3;

/** Why a VM ended (endVm): what its telemetry agent held is lost, or only its RAM part (a reboot). */
export const END_CRASH = 0, // QEMU aborted: the VM stays down, the control plane is told
  END_PANIC = 1, // its host panicked: the control plane notices the host, not each VM
  END_REDEPLOYED = 2, // the orchestrator started a new copy elsewhere and stops this one
  END_MOVED = 3, // live migration switched over to another slot (move)
  END_OOM_REBOOT = 4; // the host OOM killer killed its QEMU: it reboots in place and stays in its slot
export const END_REASONS = ['crash', 'panic', 'redeployed', 'moved', 'OOM reboot'] as const;

/**
 * Every per-VM-slot array of the state, by name: what moves with a VM when it changes slot
 * (move copies these). A new per-VM array must be listed here (a test checks). hostOf is the
 * slot's own host and never moves; the control plane's per-slot view and the VM pass's block
 * (hot.ts, vmHot) move too (see move).
 */
export const VM_SLOT_ARRAYS = [
  'sizeOf',
  'vcpus',
  'limitMiB',
  'baseAnonMiB',
  'appRssMiB',
  'wsMiB',
  'invWsMiB',
  'ratePerStep',
  'journalCap',
  'alive',
  'vmId',
  'buf',
  'held',
  'backoff',
  'anonMiB',
  'cacheMiB',
  'psi',
  'thrashedEver',
  'missingMiB',
  'dirtyMiBps',
  'allocMiB',
  'resv',
  'hungEver',
  'rebootedEver',
  'busyVm',
  'touchedMiB',
  'stallS',
] as const;

/** Collects the arrays move copies: VM_SLOT_ARRAYS, then extra per-slot arrays of other systems. */
export function linkSlotArrays(st: SimState, extra: SlotArray[]): void {
  for (const key of VM_SLOT_ARRAYS) st.slotArrays.push(st[key] as SlotArray);
  for (const a of extra) st.slotArrays.push(a);
}

/** The first free slot of host h (no live VM, no reservation), or -1. */
export function freeSlot(st: SimState, h: number): number {
  const { alive, resv } = st;
  for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) if (alive[v] === 0 && resv[v] === 0) return v;
  return -1;
}

/** Slot w (free, or reserved for this deployment) starts a new VM of size si with its own rate and id. */
export function startVm(st: SimState, w: number, si: number, ratePerStep: number, id: number): void {
  const s = st.scenario,
    h = st.hostOf[w];
  if (st.resv[w] === RESV_DEPLOYMENT) unreserve(st, w, st.sizeMemMiB[si]);
  setVmSize(st, s, w, si, id);
  st.ratePerStep[w] = ratePerStep;
  const o = w * VM_HOT;
  st.vmHot[o + HOT_RATE] = ratePerStep;
  st.alive[w] = 1;
  st.vmHot[o + HOT_FLAGS] = (st.vmHot[o + HOT_FLAGS] | FLAG_ALIVE) & ~FLAG_STEADY;
  st.hostMemSteady[h] = 0;
  st.vmId[w] = id;
  st.vmHot[o + HOT_CARRY] = 0;
  st.buf[w] = 0;
  st.held[w] = 0;
  st.vmHot[o + HOT_RETRY_AT] = st.t;
  st.backoff[w] = 0;
  st.anonMiB[w] = 0;
  st.cacheMiB[w] = 0;
  st.psi[w] = 0;
  st.missingMiB[w] = 0;
  st.vmHot[o + HOT_HEAP_PEAK] = 0; // (its flags stay as the slot's last VM left them: hot.ts)
  if (st.maintOn) {
    // a new VM's QEMU allocates its RAM as the guest touches it, and dirties at the typical rate
    st.allocMiB[w] = 0;
    st.dirtyMiBps[w] = s.migration.dirtyMiBps;
  }
  st.hostVcpus[h] += st.vcpus[w];
  st.hostLive[h]++;
  st.hostFree[h]--;
  st.hostBookedMiB[h] += st.sizeMemMiB[si];
}

/**
 * The VM in slot v ends for `reason` (END_*). Returns the telemetry events lost with it. A crash,
 * a panic or a redeploy leaves the slot free (a crashed VM keeps its vmId so the map shows it
 * down); a reboot (END_OOM_REBOOT) loses what the VM held in RAM and keeps it in its slot. A
 * move ends the source slot through move().
 */
export function endVm(st: SimState, v: number, reason: number): number {
  st.hostMemSteady[st.hostOf[v]] = 0;
  st.vmHot[v * VM_HOT + HOT_FLAGS] &= ~FLAG_STEADY; // (a reboot keeps the VM in its slot: hot.ts)
  if (reason !== END_REDEPLOYED && reason !== END_MOVED) {
    const id = st.vmId[v];
    if (id >= 0 && id < st.downEver.length) st.downEver[id] = 1;
  }
  if (reason === END_OOM_REBOOT) {
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
    if (st.rebootedEver.length > v) st.rebootedEver[v] = 1;
    return events;
  }
  const h = st.hostOf[v],
    events = st.buf[v] + st.held[v];
  st.lost += events;
  st.stepBuffered -= events;
  st.buf[v] = 0;
  st.held[v] = 0;
  st.alive[v] = 0;
  st.vmHot[v * VM_HOT + HOT_FLAGS] &= ~FLAG_ALIVE;
  st.psi[v] = 0;
  st.anonMiB[v] = 0;
  st.cacheMiB[v] = 0;
  st.hostVcpus[h] -= st.vcpus[v];
  st.hostLive[h]--;
  st.hostFree[h]++;
  st.hostBookedMiB[h] -= st.sizeMemMiB[st.sizeOf[v]];
  if (reason === END_REDEPLOYED) st.vmId[v] = -1;
  else {
    st.vmsCrashed++;
    if (reason === END_CRASH) st.onVmLost(v);
  }
  return events;
}

/** Reserves free slot w for an incoming VM of memMiB (RESV_MIGRATION_IN, RESV_DEPLOYMENT), or marks a live VM as leaving (RESV_MIGRATION_OUT). */
export function reserve(st: SimState, w: number, kind: number, memMiB: number): void {
  st.resv[w] = kind;
  if (kind === RESV_MIGRATION_OUT) return;
  const h = st.hostOf[w];
  st.hostFree[h]--;
  st.hostBookedMiB[h] += memMiB;
}

/** Drops slot w's reservation (memMiB: what reserve booked). */
export function unreserve(st: SimState, w: number, memMiB: number): void {
  const kind = st.resv[w];
  st.resv[w] = RESV_NONE;
  if (kind === RESV_NONE || kind === RESV_MIGRATION_OUT) return;
  const h = st.hostOf[w];
  st.hostFree[h]++;
  st.hostBookedMiB[h] -= memMiB;
}

/**
 * Live migration switches over: the VM in slot `from` (RESV_MIGRATION_OUT) now runs in slot `to`
 * (RESV_MIGRATION_IN, booked at reserve). Its whole per-slot state moves; `from` is left empty
 * (all zeros, vmId -1). Deployments queued for the VM follow it (the control plane's view moves too).
 */
export function move(st: SimState, from: number, to: number): void {
  const src = st.hostOf[from],
    dst = st.hostOf[to];
  const arrays = st.slotArrays;
  for (let i = 0; i < arrays.length; i++) {
    arrays[i][to] = arrays[i][from];
    arrays[i][from] = 0;
  }
  moveVmHot(st.vmHot, from, to);
  st.alive[to] = 1;
  st.vmHot[to * VM_HOT + HOT_FLAGS] = (st.vmHot[to * VM_HOT + HOT_FLAGS] | FLAG_ALIVE) & ~FLAG_STEADY;
  st.hostMemSteady[src] = 0;
  st.hostMemSteady[dst] = 0;
  st.resv[to] = RESV_NONE;
  st.vmId[from] = -1;
  const vcpus = st.vcpus[to];
  st.hostVcpus[src] -= vcpus;
  st.hostVcpus[dst] += vcpus;
  st.hostLive[src]--;
  st.hostLive[dst]++;
  st.hostFree[src]++;
  st.hostBookedMiB[src] -= st.sizeMemMiB[st.sizeOf[to]];
  st.onVmMoved(from, to);
}
