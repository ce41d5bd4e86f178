// Guest memory's part of the state (system.ts, the VM loop in ../vm-pass.ts): each VM's anon and
// page cache, stall and OOM loop; per host the mean stall, RAM backlog and thrashing VMs; the
// VM pass's log scratch and its steady-host skip.

export type MemoryState = ReturnType<typeof createMemoryState>;

export function createMemoryState(hosts: number, vms: number, perHost: number) {
  return {
    /** whether this step writes anonMiB and cacheMiB (Simulation sets it: the recorder samples VMs this step) */
    vmViewDue: true,
    /**
     * A VM's anonymous memory and page cache, MiB: current on the steps vmViewDue is true (the
     * memory system skips the two stores on the others; nothing but the recorder's VM samples reads them)
     */
    anonMiB: new Float32Array(vms),
    cacheMiB: new Float32Array(vms),
    psi: new Float32Array(vms),
    thrashedEver: new Uint8Array(vms),
    // (each VM's OOM loop flag and its logger's retained-heap peak: fleet/hot.ts)
    /** the part of its working set a VM missed when last off memory's fast path, MiB (psi 0: none now) */
    missingMiB: new Float32Array(vms),
    /** its threads that can each wait for a fault at once (the closed loop's population) */
    // per host
    hostPsi: new Float64Array(hosts),
    hostRamBacklogMiB: new Float64Array(hosts),
    hostThrashing: new Uint32Array(hosts),
    /** VMs the memory system averaged hostPsi over this step (the recorder weights by it) */
    hostPsiVms: new Uint32Array(hosts).fill(perHost),
    /** per-step scratch of the VM pass: the hosts with a first OOM kill or thrashing VM to log, and those VMs */
    memLogHosts: new Int32Array(hosts),
    memLogOomVm: new Int32Array(hosts),
    memLogOomApp: new Uint8Array(hosts),
    memLogThrashVm: new Int32Array(hosts),
    memLogThrashCache: new Float64Array(hosts),
    /**
     * 1 when the VM pass's memory part last found every live VM of the host on the fast path with
     * no events held and no OOM kill: a VM of it that holds no events after telemetry would get
     * the same memory figures again, so that part is skipped for it (not on vmViewDue steps).
     * fleet/slots.ts clears it when a slot of the host starts, ends or moves a VM.
     */
    hostMemSteady: new Uint8Array(hosts),
    oomKills: 0,
  };
}
