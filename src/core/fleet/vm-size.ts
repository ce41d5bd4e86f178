// The per-slot figures fixed by a VM's size: set when the run starts, and again when a slot
// gets a new VM (a deployment).

import { VM_SIZES, type Scenario } from '../../scenario/index.ts';
import { MiB } from '../units.ts';

export interface VmStatics {
  sizeOf: Uint8Array;
  vcpus: Uint8Array;
  limitMiB: Float64Array;
  appRssMiB: Float64Array;
  baseAnonMiB: Float64Array;
  wsMiB: Float64Array;
  invWsMiB: Float64Array;
  journalCap: Float64Array;
}

/** Gives slot v the fixed figures of a VM of size VM_SIZES[si]. */
export function setVmSize(a: VmStatics, s: Scenario, v: number, si: number): void {
  const spec = s.vmSizes[VM_SIZES[si]];
  // min_free_kbytes = sqrt(16 * lowmem_kbytes) (mm/page_alloc.c): the reserve the guest keeps free
  const minWmMiB = Math.sqrt(16 * spec.memoryMiB * 1024) / 1024;
  a.sizeOf[v] = si;
  a.vcpus[v] = spec.vcpus;
  a.limitMiB[v] = spec.memoryMiB - minWmMiB;
  a.appRssMiB[v] = spec.appRssMiB;
  a.baseAnonMiB[v] = spec.appRssMiB + s.telemetry.agentRssMiB;
  a.wsMiB[v] = spec.workingSetMiB;
  a.invWsMiB[v] = spec.workingSetMiB > 0 ? 1 / spec.workingSetMiB : 0;
  // events the log source holds back before it discards the oldest (journald vacuums):
  // tmpfs journal up to its share of RAM; journald-persistent: SystemMaxUse caps at 4 GiB
  // (journald.conf(5)); socket and file: no cap
  const t = s.telemetry;
  a.journalCap[v] =
    t.source === 'journald-volatile'
      ? Math.floor((spec.memoryMiB * (t.journalRuntimeMaxUsePercentOfRam / 100)) / (t.eventBytes / MiB))
      : t.source === 'journald-persistent'
        ? Math.floor((4096 * MiB) / t.eventBytes)
        : Infinity;
}
