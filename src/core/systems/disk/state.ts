// The hypervisor disks' part of the state (system.ts): per host the read and write demand of the
// step, the queue in seconds of device work, the time in D state, the journal commit chain, the
// disk's own speed (hypervisor.diskSpread) and the load average.

import type { Scenario } from '../../../scenario/index.ts';
import { expApprox, keyedNormal, type Rng } from '../../rng.ts';
import { KEYED } from '../../streams.ts';

export type DiskState = ReturnType<typeof createDiskState>;

/**
 * Draws from the run's generator only for the starting hosts' disk speeds (hypervisor.diskSpread >
 * 0); a parked host's (past s.fleet.hypervisors, addHosts) is a keyed draw, so it moves no other.
 */
export function createDiskState(s: Scenario, hosts: number, rng: Rng) {
  // per host: disk bandwidth, the nominal figure times a lognormal multiplier (hypervisor.diskSpread)
  const hostDiskFactor = new Float64Array(hosts).fill(1);
  const start = Math.min(hosts, s.fleet.hypervisors);
  if (s.hypervisor.diskSpread > 0) {
    for (let h = 0; h < start; h++) hostDiskFactor[h] = expApprox(s.hypervisor.diskSpread * rng.normal());
    for (let h = start; h < hosts; h++)
      hostDiskFactor[h] = expApprox(s.hypervisor.diskSpread * keyedNormal(s.seed, h, KEYED.hostAddedDisk.index));
  }
  return {
    /** per host: its disk bandwidth over the nominal one (hypervisor.diskSpread) */
    hostDiskFactor,
    /** bytes asked of the host's disk this step (refaults, catch-up, deployments; writes: disk buffers) */
    readDemandBytes: new Float64Array(hosts),
    writeDemandBytes: new Float64Array(hosts),
    readServedMBps: new Float64Array(hosts),
    diskQueueSeconds: new Float64Array(hosts),
    /** when the queue last went over QUEUE_BLOCK_SECONDS (-1: it is not) */
    blockedSince: new Float64Array(hosts).fill(-1),
    dStateSeconds: new Float64Array(hosts),
    hostLoadPerCore: new Float64Array(hosts),
    /** CPU cores busy on a host besides its VMs and the catch-up (deployments), for the load average */
    extraLoadCores: new Float64Array(hosts),
    /** fleet read demand of the step, bytes/s (the recorder's) */
    stepReadDemandBps: 0,
    // --- per-host journal commit chain (system.ts journalCommits)
    /** start of the commit in flight, s */
    commitStart: new Float64Array(hosts),
    /** when the transaction being committed opened (= the previous commit's start): its oldest waiter's block time */
    txnOpen: new Float64Array(hosts),
    /** the same for the commit before (what a scan earlier in the step saw) */
    txnOpenPrev: new Float64Array(hosts),
    commitRoundsLeft: new Uint8Array(hosts),
    /** completion time of the round in flight (-1: restart the chain) */
    roundDoneAt: new Float64Array(hosts).fill(-1),
  };
}

export const DISK_DOUBLES = ['stepReadDemandBps'] as const;
