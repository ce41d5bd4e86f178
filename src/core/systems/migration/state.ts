// Maintenance and live migration's part of the state (system.ts): per slot the dirty rate, the
// memory QEMU has allocated and what the guest has touched; per host the maintenance state and
// the memory booked, used and in flight; the pool of migration records; the run's counters.
// Every array is empty when the scenario has no maintenance window.

import type { Scenario } from '../../../scenario/index.ts';
import { MIGRATION_SPARE_SLOTS_PER_VM } from '../../settings.ts';

export type MigrationState = ReturnType<typeof createMigrationState>;

export function hasMaintenance(s: Scenario): boolean {
  return s.events.some((e) => e.kind === 'maintenanceWindow');
}

/** Spare VM slots per host: room to receive migrated VMs (none when nothing migrates). */
export function spareSlotsPerHost(s: Scenario, perHost: number): number {
  return hasMaintenance(s) ? perHost * MIGRATION_SPARE_SLOTS_PER_VM : 0;
}

export function createMigrationState(s: Scenario, hosts: number, slots: number) {
  const on = hasMaintenance(s);
  const H = on ? hosts : 0,
    V = on ? slots : 0;
  const cap = on ? hosts * s.migration.maxParallelPerHost : 0;
  return {
    maintOn: on,
    hostCapMiB: (s.hypervisor.memoryGiB - s.migration.hostReserveGiB) * 1024,
    // per slot (empty arrays when nothing migrates, so the default layout costs nothing)
    dirtyMiBps: new Float32Array(V),
    allocMiB: new Float64Array(V),
    hungEver: new Uint8Array(V),
    /** 1 once the VM in this slot has been rebooted by a host OOM kill (an OOM loop is one VM) */
    rebootedEver: new Uint8Array(V),
    /** 1: a busy VM (database, cache): its working set is its whole RAM */
    busyVm: new Uint8Array(V),
    /** guest RAM the VM has touched since it (re)booted, MiB (a running VM: all of it) */
    touchedMiB: new Float64Array(V),
    /** how long the VM has stalled on swapped-out working set without a break, s (the watchdog's clock) */
    stallS: new Float64Array(V),
    // per host
    maintState: new Uint8Array(H),
    maintDueAt: new Float64Array(H).fill(Infinity),
    maintEndAt: new Float64Array(H),
    hostUsedMiB: new Float64Array(H),
    hostOut: new Int32Array(H),
    hostOutMiB: new Float64Array(H),
    hostIn: new Int32Array(H),
    hostSwapping: new Uint8Array(H),
    /** per host, the times (s) within the current step at which a migration slot became free (a stack of up to maxParallelPerHost) */
    slotReadyAt: new Float64Array(on ? hosts * s.migration.maxParallelPerHost : 0),
    slotReadyN: new Int32Array(H),
    /** per host, when its last outgoing migration switched over (s) */
    lastOutAt: new Float64Array(H),
    hostShedding: new Uint8Array(H),
    logEvac: new Int32Array(H).fill(-1),
    logBooked: new Int32Array(H).fill(-1),
    logSwap: new Int32Array(H).fill(-1),
    logMaint: -1,
    /** hosts evacuating at once after the operators stopped the automation (-1: the automation runs; operator/actions.ts) */
    maintManualLimit: -1,
    maintInitDone: false,
    // migrations in flight: a fixed pool of records
    migCap: cap,
    migUsed: new Uint8Array(cap),
    migSrc: new Int32Array(cap),
    migDst: new Int32Array(cap),
    migSrcHost: new Int32Array(cap),
    migDstHost: new Int32Array(cap),
    migRemainMiB: new Float64Array(cap),
    migStartT: new Float64Array(cap),
    migThrottle: new Float64Array(cap),
    migIterTarget: new Float64Array(cap),
    migIterSent: new Float64Array(cap),
    migIterDirty: new Float64Array(cap),
    migHighCount: new Uint8Array(cap),
    /** when the record's pre-copy switched over or timed out, s (precopy.ts writes it) */
    migEndAt: new Float64Array(cap),
    /** scratch: the records admitted within the current step */
    migFresh: new Int32Array(cap),
    migInFlight: 0,
    migQueued: 0,
    migCompleted: 0,
    migFailed: 0,
    migMaxConcurrent: 0,
    hostsMaintained: 0,
    vmsUnresponsiveNow: 0,
    watchdogResets: 0,
    firstRebootT: -1,
    /** VM reboots (a host OOM kill, the guest watchdog), counted by fleet/slots.ts endVm */
    vmsRebooted: 0,
  };
}
