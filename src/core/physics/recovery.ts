// The recovery phase (issue 24, finding 2): when the brokers come back, every agent of every
// region replays its backlog into the same brokers, the applications' heaps keep their high-water
// mark, and the hypervisors' CPUs are shared by more busy vCPUs than they have cores. Pure forms
// the systems call; each has a closed-form test (tests/unit/core/recovery.test.ts).

/**
 * Seconds to drain a backlog of `backlog` events at an ingest of `ingestPerSecond` while
 * `productionPerSecond` keeps arriving: backlog / (ingest - production); Infinity when the ingest
 * does not exceed production (the backlog never drains).
 */
export function drainSeconds(backlog: number, ingestPerSecond: number, productionPerSecond: number): number {
  const spare = ingestPerSecond - productionPerSecond;
  if (backlog <= 0) return 0;
  return spare > 0 ? backlog / spare : Infinity;
}

/**
 * The same for a whole platform after an outage of T s, when the brokers normally run at a share
 * u0 of their ingest (messaging.normalLoadPercent / 100): the backlog is P T, the spare ingest
 * P / u0 - P, so the drain lasts T u0 / (1 - u0) whatever P is (2.3 h of outage at u0 = 0.5: 2.3 h).
 */
export function platformDrainSeconds(outageSeconds: number, normalLoad: number): number {
  if (normalLoad >= 1) return Infinity;
  if (normalLoad <= 0) return 0;
  return (outageSeconds * normalLoad) / (1 - normalLoad);
}

/**
 * Ingest the simulated fleet gets while every region catches up: the platform's ingest (P / u0)
 * shared in proportion to what each region asks, i.e. the fleet's share of the platform's
 * production. Events/s.
 */
export function fleetIngestShare(fleetProduction: number, platformProduction: number, normalLoad: number): number {
  if (platformProduction <= 0 || normalLoad <= 0) return Infinity;
  return (platformProduction / normalLoad) * (fleetProduction / platformProduction);
}

/**
 * Anonymous memory an application's logger keeps for its backlog (MiB): what it holds now, or
 * the retained share of its high-water mark, whichever is larger. glibc malloc returns only the
 * top of its heap (M_TRIM_THRESHOLD 128 KiB) and raises its mmap threshold after large frees
 * (malloc/malloc.c), so freed buffers stay resident (retain near 100%); jemalloc decays dirty
 * pages back over ~10 s (retain ~0); Go's scavenger keeps ~10% over its goal.
 */
export function retainedHeapMiB(heldMiB: number, peakMiB: number, retainPercent: number): number {
  const kept = (peakMiB * retainPercent) / 100;
  return heldMiB > kept ? heldMiB : kept;
}

/**
 * Share of time a runnable vCPU waits for a host CPU (steal, arch/x86/kvm/x86.c record_steal_time
 * counts the vCPU thread's run-queue delay): 1 - cores / demand when the host's runnable demand
 * (cores' worth of busy threads) exceeds its cores, else 0.
 */
export function stealShare(demandCores: number, cores: number): number {
  return demandCores > cores ? 1 - cores / demandCores : 0;
}
