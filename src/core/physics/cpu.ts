// The CPU side of a thrash (issue 24, finding 2): what a refault costs the guest's vCPU and the
// host, and how a host short of cores slows its guests. Pure forms the closed-loop disk calls per
// host and step; each has a closed-form test (tests/unit/core/cpu.test.ts).
//
// A thrashing guest's thread alternates: run until its next miss, spend the fault's CPU (the fault
// path, the virtio-blk request and its completion, direct reclaim freeing a page for it: all on its
// vCPU, all memory stall in PSI's sense), then sleep until the read completes (mm/filemap.c
// filemap_fault). So the CPU per fault is part of the thread's cycle, like its think time, and
// the VM's vCPUs bound the faults it can take. The host runs every vCPU thread and QEMU's I/O path;
// when their demand passes its cores a runnable vCPU waits for a core (steal: the vCPU thread's
// run-queue delay, arch/x86/kvm/x86.c record_steal_time), so the guest's CPU per fault takes
// longer in wall time. A steal wait is runnable, never TASK_UNINTERRUPTIBLE: khungtaskd
// (kernel/hung_task.c) never reports it, so CPU contention alone cannot hang a task.

/**
 * Faults a second a class of `n` threads asks when each fault also costs `cpuSeconds` of its vCPU
 * (already stretched by steal): the open-loop rate L (faults/s with no cost at all) becomes
 * n L / (n + L cpu) (the cost joins the think time n / L), and never more than the class's vCPUs
 * can carry, vcpus / cpu. 0 for an idle class.
 */
export function cpuBoundFaultRate(n: number, L: number, cpuSeconds: number, vcpus: number): number {
  if (n <= 0 || L <= 0) return 0;
  if (cpuSeconds <= 0) return L;
  const r = (n * L) / (n + L * cpuSeconds),
    cap = vcpus / cpuSeconds;
  return r < cap ? r : cap;
}

/**
 * Share of its time a thread of a class spends on its faults at read latency R: completed faults
 * x (R + the CPU of each) / threads, at most 1. PSI counts both the refault wait and direct
 * reclaim as memory stall (mm/filemap.c folio_wait_bit_common, mm/vmscan.c psi_memstall_enter).
 */
export function faultStall(n: number, L: number, R: number, cpuSeconds: number): number {
  if (n <= 0 || L <= 0) return 0;
  const x = (n * L) / (n + L * R),
    s = (x * (R + cpuSeconds)) / n;
  return s < 1 ? s : 1;
}

/**
 * Wall time per CPU second of a runnable thread on a host whose CPU demand (cores' worth of
 * runnable threads) is `demandCores`: 1 while the cores suffice, demand / cores beyond (every
 * runnable thread gets an equal share: CFS).
 */
export function cpuStretch(demandCores: number, cores: number): number {
  return demandCores > cores && cores > 0 ? demandCores / cores : 1;
}
