// The fleet's part of the state: the layout (hosts, zones, VM slots host-major, so host h owns
// slots vmStart[h] .. vmStart[h+1]-1), the figures each slot's VM is given by its size and its
// own keyed draws (vm-size.ts), and the slot books (slots.ts is their only writer). When VMs can
// move (a maintenance window, or the control plane's redeploys), each host gets spare slots
// (alive = 0, vmId = -1) that live migration and deployments fill.
//
// Parked hosts (the operators' addHosts, systems/operator/actions.ts): the scenario's addHosts
// events name how many hosts can join during the run; they are allocated here, with dense ids
// after the hosts the fleet starts with (hostsStart .. hosts-1), every slot empty, down and shown
// as parked until added. They draw nothing from the run's generator at the start (no VM mix: they
// start empty; their disk speed is a keyed draw, disk/state.ts), so a run without addHosts is the
// run it was, and a run with it is the same run up to the minute the hosts join.

import { VM_SIZES, type Scenario } from '../../scenario/index.ts';
import { expApprox, type Rng } from '../rng.ts';
import { setVmSize, vmLogRate, type VmStatics } from './vm-size.ts';
import { FLAG_ALIVE, HOT_FLAGS, HOT_RATE, VM_HOT, createVmHot, type VmHot } from './hot.ts';

export type FleetState = ReturnType<typeof createFleetState>;

/** Per-slot typed arrays (what `move` copies). */
export type SlotArray = Float64Array | Float32Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** Hosts the scenario's addHosts events can add during the run (parked at the start). */
export function parkedHosts(s: Scenario): number {
  let n = 0;
  for (const e of s.events) if (e.kind === 'addHosts') n += e.count;
  return n;
}

/** VMs each host starts with: the sum of the fleet's mix. */
export function vmsPerHost(s: Scenario): number {
  return VM_SIZES.reduce((n, size) => n + s.fleet.vmMix[size], 0);
}

/**
 * The fleet of a fresh run, `spare` empty slots per host beside the VMs it starts with. Draws
 * from the run's generator only for per-host mixes (fleet.mixSpread > 0).
 */
export function createFleetState(s: Scenario, rng: Rng, spare: number) {
  const hostsStart = s.fleet.hypervisors;
  const hosts = hostsStart + parkedHosts(s);
  const perHost = vmsPerHost(s);
  const slotsPerHost = perHost + spare;
  const vms = hosts * slotsPerHost; // slots; equal to the VM count when nothing moves
  const dt = s.stepSeconds;

  const zoneOf = new Uint16Array(hosts);
  const vmStart = new Uint32Array(hosts + 1);
  for (let h = 0; h < hosts; h++) {
    // the starting hosts split the zones in order; added hosts go to the zones in turn
    zoneOf[h] =
      h < hostsStart ? Math.floor((h * s.fleet.zones) / hostsStart) : (h - hostsStart) % Math.max(1, s.fleet.zones);
    vmStart[h + 1] = vmStart[h] + slotsPerHost;
  }

  // --- VMs (static)
  const hostOf = new Uint32Array(vms);
  const sizeOf = new Uint8Array(vms);
  const limitMiB = new Float64Array(vms); // RAM minus the min watermark
  const baseAnonMiB = new Float64Array(vms); // app RSS + agent RSS
  const appRssMiB = new Float64Array(vms);
  const wsMiB = new Float64Array(vms);
  const invWsMiB = new Float64Array(vms); // 1 / working set (0 when there is none)
  const ratePerStep = new Float64Array(vms); // events produced per step
  const vcpus = new Uint8Array(vms);
  const journalCap = new Float64Array(vms); // events the log source holds back before discarding the oldest
  const vmHot = createVmHot(vms); // the VM pass's interleaved figures (hot.ts): copies of rate, base anon, limit, working set
  const statics: VmStatics = { sizeOf, vcpus, limitMiB, appRssMiB, baseAnonMiB, wsMiB, invWsMiB, journalCap, vmHot };
  // per host: the sizes of its slots (hostMix)
  const hostSizes = new Uint8Array(perHost);
  const mix = mixOf(s);
  let v = 0,
    nextId = 0;
  for (let h = 0; h < hostsStart; h++) {
    hostMix(s, rng, mix, hostSizes);
    for (let k = 0; k < perHost; k++, v++) {
      hostOf[v] = h;
      setVmSize(statics, s, v, hostSizes[k], nextId); // the slot books below give slot v the same id
      ratePerStep[v] = vmLogRate(s, nextId++) * dt;
      vmHot[v * VM_HOT + HOT_RATE] = ratePerStep[v];
    }
    for (let k = 0; k < spare; k++, v++) hostOf[v] = h;
  }
  for (let h = hostsStart; h < hosts; h++) for (let k = 0; k < slotsPerHost; k++, v++) hostOf[v] = h; // parked: empty

  return {
    /** hosts allocated: those the fleet starts with, then the parked ones (per-host arrays have this length) */
    hosts,
    /** hosts the fleet starts with (scenario fleet.hypervisors) */
    hostsStart,
    /** hosts in the fleet now: the starting ones and those added so far (parked hosts are hostsIn .. hosts-1) */
    hostsIn: hostsStart,
    /** seconds of the first addHosts that added hosts (-1: none) */
    hostsAddedT: -1,
    /** VM slots (arrays indexed by VM have this length); vmsReal of them start alive */
    vms,
    perHost,
    slotsPerHost,
    /** VMs at the start (slots minus spare slots) */
    vmsReal: hostsStart * perHost,
    zoneOf,
    vmStart,
    hostOf,
    sizeOf,
    vcpus,
    limitMiB,
    baseAnonMiB,
    appRssMiB,
    wsMiB,
    invWsMiB,
    ratePerStep,
    journalCap,
    /** the VM pass's hot per-VM figures, VM_HOT a VM, interleaved (hot.ts) */
    vmHot,
    // slots and their books: alive, vmId, resv, hostLive, hostFree, hostBookedMiB, hostVcpus (slots.ts writes them)
    ...createSlots(s, hosts, hostsStart, perHost, slotsPerHost, sizeOf, vcpus, vmHot),
  };
}

/** The fleet's mix as host placement reads it: each size's RAM, the nominal host's, the smallest size in the mix. */
function mixOf(s: Scenario) {
  const sizeMiB = VM_SIZES.map((z) => s.vmSizes[z].memoryMiB);
  let smallest = 0;
  while (smallest < VM_SIZES.length - 1 && s.fleet.vmMix[VM_SIZES[smallest]] === 0) smallest++;
  return {
    sizeMiB,
    nominalMiB: VM_SIZES.reduce((n, z, si) => n + s.fleet.vmMix[z] * sizeMiB[si], 0),
    smallest,
    smallestMiB: sizeMiB[smallest],
    cdf: new Float64Array(VM_SIZES.length),
  };
}

/**
 * The sizes of one host's slots, by size: the nominal mix, or (fleet.mixSpread > 0) a mix of its
 * own: each size's weight times a lognormal tilt (a logistic-normal mix around the fleet's,
 * Aitchison), every slot drawn from it, so hosts differ in mix but each keeps the same VM count.
 */
function hostMix(s: Scenario, rng: Rng, mix: ReturnType<typeof mixOf>, out: Uint8Array): void {
  const perHost = out.length,
    { sizeMiB, smallest, smallestMiB, cdf } = mix;
  let k = 0;
  if (s.fleet.mixSpread > 0) {
    let sum = 0;
    for (let si = 0; si < VM_SIZES.length; si++) {
      const n = s.fleet.vmMix[VM_SIZES[si]];
      sum += n > 0 ? n * expApprox(s.fleet.mixSpread * rng.normal()) : 0;
      cdf[si] = sum;
    }
    // placement fills a host up to the RAM of the nominal mix: a size that would leave too little
    // for the remaining slots (at the smallest size each) is replaced by the largest that fits
    let budget = mix.nominalMiB;
    for (k = 0; k < perHost; k++) {
      const u = rng.float() * sum;
      let si = 0;
      while (si < VM_SIZES.length - 1 && u >= cdf[si]) si++;
      const reserve = (perHost - k - 1) * smallestMiB;
      while (si > smallest && sizeMiB[si] > budget - reserve) si--;
      out[k] = si;
      budget -= sizeMiB[si];
    }
    out.sort(); // slots by size, as the nominal layout
  } else {
    for (let si = 0; si < VM_SIZES.length; si++) for (let n = 0; n < s.fleet.vmMix[VM_SIZES[si]]; n++) out[k++] = si;
  }
}

/** The fleet state's fields that hold doubles (state.ts: DOUBLE_FIELDS). */
export const FLEET_DOUBLES = ['hostsAddedT'] as const;

/** The slot books of a fresh run: host h's first perHost slots hold VMs 0, 1, ... in order; parked hosts hold none. */
function createSlots(
  s: Scenario,
  hosts: number,
  hostsStart: number,
  perHost: number,
  slotsPerHost: number,
  sizeOf: Uint8Array,
  vcpus: Uint8Array,
  vmHot: VmHot, // its FLAG_ALIVE copies alive (hot.ts)
) {
  const vms = hosts * slotsPerHost;
  const sizeMemMiB = Float64Array.from(VM_SIZES.map((z) => s.vmSizes[z].memoryMiB));
  const alive = new Uint8Array(vms);
  const vmId = new Int32Array(vms).fill(-1); // which VM a slot holds (-1: an empty slot)
  const hostBookedMiB = new Float64Array(hosts);
  const hostVcpus = new Float64Array(hosts);
  const hostLive = new Uint32Array(hosts),
    hostFree = new Int32Array(hosts).fill(slotsPerHost);
  for (let h = 0, id = 0; h < hostsStart; h++) {
    hostLive[h] = perHost;
    hostFree[h] = slotsPerHost - perHost;
    for (let k = 0, v = h * slotsPerHost; k < perHost; k++, v++) {
      alive[v] = 1;
      vmHot[v * VM_HOT + HOT_FLAGS] = FLAG_ALIVE;
      vmId[v] = id++;
      hostBookedMiB[h] += sizeMemMiB[sizeOf[v]];
      hostVcpus[h] += vcpus[v];
    }
  }
  return {
    /** memory of a VM of each size (index into VM_SIZES), MiB */
    sizeMemMiB,
    alive,
    vmId,
    /** the slot's reservation: RESV_NONE, RESV_MIGRATION_OUT, RESV_MIGRATION_IN, RESV_DEPLOYMENT */
    resv: new Uint8Array(vms),
    /** live VMs per host (alive slots) */
    hostLive,
    /** free slots per host (neither alive nor reserved) */
    hostFree,
    /** memory of the host's live VMs and of its reserved slots, MiB */
    hostBookedMiB,
    /** vCPUs of the host's live VMs */
    hostVcpus,
    /** the id the next new VM (an upscale) gets */
    nextVmId: hostsStart * perHost,
    /** VMs that ended other than by a redeploy or a reboot (crash, panic), counted by endVm (episodes) */
    vmsCrashed: 0,
    /**
     * Per VM of the starting fleet, indexed by its dense id (vmId 0 .. vmsReal-1, not by slot): 1 once
     * it has gone down (crashed, died with its host, rebooted); endVm sets it. Distinct VMs: a VM
     * redeployed and down again, or in an OOM reboot loop, is one. New VMs (upscales) are not in it.
     */
    downEver: new Uint8Array(hostsStart * perHost),
    /** per-slot typed arrays copied when a VM moves (VM_SLOT_ARRAYS and the control plane's view; filled by linkSlotArrays) */
    slotArrays: [] as SlotArray[],
    /** called when a VM crashes (END_CRASH): the control plane's notice (set by the control plane) */
    onVmLost: (_v: number): void => {},
    /** called when a VM moves from one slot to another: the control plane's queue follows it */
    onVmMoved: (_from: number, _to: number): void => {},
  };
}
