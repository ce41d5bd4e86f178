// Hypervisor disks, hypervisor.diskModel 'queue' (the default; 'closed-loop' is closed-loop.ts): reads (refaults, catch-up of disk-held backlogs, background) and writes
// (disk buffers) queue as seconds of device work, served in arrival order (blk-mq with the
// "none" scheduler, the default for NVMe: a request waits for the work queued ahead of it), so a
// request submitted at time τ completes at τ + Q(τ). While the queue stays longer than
// QUEUE_BLOCK_SECONDS the host shows as saturated.
//
// Which task waits long enough to be a hung task (kernel/hung_task.c: in D state and not
// scheduled between two scans at least hung_task_timeout_secs apart)? Not one read: it is
// woken when its request completes. The long uninterruptible waits are on the filesystem
// journal (fs/jbd2): a task that needs its data on disk (fsync, QEMU's flush for a guest's
// flush, a metadata update) sleeps in jbd2_log_wait_commit (or wait_transaction_locked) until
// the commit of its transaction completes. A commit is JOURNAL_COMMIT_ROUNDS dependent rounds of
// I/O (fs/jbd2/commit.c jbd2_journal_commit_transaction: the ordered data, then the descriptor
// and metadata blocks, then the commit block with a cache flush), each waiting behind the queue.
// Commits run one at a time; a transaction opens when the previous one starts committing, and
// on a busy hypervisor a flush arrives at once, so its oldest waiter has waited from the start
// of the previous commit: about 2 x rounds x Q. With the queue capped at QUEUE_MAX_SECONDS
// that is at most 360 s, so a longer hung_task_timeout_secs needs a much worse stall.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import {
  COMMIT_FAST_SECONDS,
  JOURNAL_COMMIT_ROUNDS,
  QUEUE_BLOCK_SECONDS,
  QUEUE_MAX_SECONDS,
  VM_CPU_SHARE,
} from '../../settings.ts';
import { closedLoopBlockedSince, closedLoopDiskSystem } from './closed-loop.ts';
import { backgroundNoises } from './noise.ts';

/** Oldest journal waiter's block time as a scan at time τ of the current step sees it. */
export function oldestWaiterAt(st: SimState, h: number, tau: number): number {
  if (st.scenario.hypervisor.diskModel === 'closed-loop') return closedLoopBlockedSince(st, h, tau);
  return st.commitStart[h] <= tau ? st.txnOpen[h] : st.txnOpenPrev[h];
}

export function diskSystem(st: SimState, log: EventLog): void {
  if (st.scenario.hypervisor.diskModel === 'closed-loop') return closedLoopDiskSystem(st, log);
  const s = st.scenario.hypervisor;
  const dt = st.dt,
    t = st.t,
    tEnd = t + dt;
  const readBps = s.diskReadMBps * 1e6,
    writeBps = s.diskWriteMBps * 1e6;
  const drainCoreSecondsPerEvent = st.scenario.telemetry.drainCpuMicrosPerEvent / 1e6;
  // hypervisor.baseReadMBps is a host's background at its starting number of VMs
  const baseBytesPerVm = st.perHost > 0 ? (s.baseReadMBps * 1e6 * dt) / st.perHost : 0;
  // every array the loop touches read from the state once (a read of st.x per host is one more check per host)
  const { up, diskQueueSeconds, blockedSince, dStateSeconds, readDemandBytes, writeDemandBytes } = st;
  const { readServedMBps, hungThisEpisode, hostLive, hostDiskFactor, hostThrashing, hostLoadPerCore } = st;
  const { hostVcpus, hostDelivered, extraLoadCores, commitStart, txnOpen, txnOpenPrev, commitRoundsLeft } = st;
  const roundDoneAt = st.roundDoneAt;
  // imported bindings read once, not per host (under tsx each read of one in the loop costs: ARCHITECTURE.md)
  const noise = backgroundNoises(st),
    blockQ = QUEUE_BLOCK_SECONDS,
    maxQ = QUEUE_MAX_SECONDS,
    fast = COMMIT_FAST_SECONDS,
    cpuShare = VM_CPU_SHARE,
    cores = s.cores;
  let demandBps = st.stepReadDemandBps; // summed in host order, as before

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) {
      readDemandBytes[h] = 0;
      writeDemandBytes[h] = 0;
      readServedMBps[h] = 0;
      continue;
    }
    // background reads with a little noise (the only per-host randomness of a step): they are the
    // healthy VMs' own reads, so they follow the VMs the host runs (an empty host reads nothing)
    const readBytes = readDemandBytes[h] + baseBytesPerVm * hostLive[h] * noise[h];
    const f = hostDiskFactor[h];
    const readWork = readBytes / (readBps * f),
      writeWork = writeDemandBytes[h] / (writeBps * f);
    const work = readWork + writeWork;
    let q = diskQueueSeconds[h];
    const busy = q + work < dt ? q + work : dt;
    readServedMBps[h] = work > 0 ? (busy * readBps * f * (readWork / work)) / 1e6 / dt : 0;
    demandBps += readBytes / dt;
    const q0 = q;
    q = q + work - busy;
    if (q > maxQ) q = maxQ;
    diskQueueSeconds[h] = q;
    if (q0 < fast && q < fast) {
      // commits complete within fractions of a second: nobody waits long (journalCommits handles the rest)
      commitStart[h] = tEnd;
      txnOpen[h] = tEnd;
      txnOpenPrev[h] = tEnd;
      commitRoundsLeft[h] = 0;
      roundDoneAt[h] = tEnd;
    } else journalCommits(st, h, t, dt, q0, q);
    readDemandBytes[h] = 0;
    writeDemandBytes[h] = 0;

    if (q > blockQ) {
      if (blockedSince[h] < 0) {
        blockedSince[h] = t;
        logSaturated(st, log, h, readBytes / dt, readBps * f);
      }
    } else {
      blockedSince[h] = -1;
    }
    // the longest D-state wait on this host now: the oldest journal waiter
    const waited = tEnd - txnOpen[h];
    dStateSeconds[h] = waited > 0 ? waited : 0;
    if (waited <= 0) hungThisEpisode[h] = 0;
    // load average counts running and D-state tasks; thrashing VMs' tasks wait in D state
    const dTasks = hostThrashing[h] + (q > blockQ ? hostThrashing[h] : 0);
    hostLoadPerCore[h] =
      (hostVcpus[h] * cpuShare + dTasks + (hostDelivered[h] * drainCoreSecondsPerEvent) / dt + extraLoadCores[h]) /
      cores;
  }
  st.stepReadDemandBps = demandBps;
}

/** Host h's disk queue passed QUEUE_BLOCK_SECONDS: reads asked `askedBps` of the `capBps` it serves. */
function logSaturated(st: SimState, log: EventLog, h: number, askedBps: number, capBps: number): void {
  const t = st.t;
  log.disk[h] = log.add(
    'host-disk-saturated',
    t,
    'hypervisor',
    'warning',
    'host disk saturated',
    `Disk saturated: reads asked ${(askedBps / 1e9).toFixed(2)} GB/s against ${(capBps / 1e9).toFixed(2)} GB/s; I/O waits over ${QUEUE_BLOCK_SECONDS} s, tasks sit in D state.`,
    h,
    // the thrashing VMs, else the control plane's but-for link logged this step (controlplane/but-for.ts)
    log.thrash[h] >= 0 ? log.thrash[h] : st.cp.deployLinkAt[h] === t ? log.deploy[h] : -1,
  );
}

/**
 * Follows host h's journal commit chain through the step [t, t + dt): each round completes the
 * queue's length after it is submitted (the queue interpolated linearly from q0 to q1 within
 * the step, so completion times are exact in seconds, not steps). Called only when the queue is at
 * least COMMIT_FAST_SECONDS at one end of the step: the fast case (commits complete within fractions
 * of a second, nobody waits long) is the caller's loop.
 */
function journalCommits(st: SimState, h: number, t: number, dt: number, q0: number, q1: number): void {
  const tEnd = t + dt,
    slope = (q1 - q0) / dt;
  const { commitStart, txnOpen, txnOpenPrev, commitRoundsLeft, roundDoneAt } = st;
  const fast = COMMIT_FAST_SECONDS;
  let c = roundDoneAt[h];
  if (c < t) {
    // (re)start the chain at the step start: a commit whose transaction opens now
    c = t;
    commitStart[h] = t;
    txnOpen[h] = t;
    txnOpenPrev[h] = t;
    commitRoundsLeft[h] = 0;
  }
  while (c <= tEnd) {
    const qc = q0 + slope * (c - t);
    if (qc < fast) {
      // the queue is short here: commits complete within a second, nobody waits long
      commitStart[h] = c;
      txnOpen[h] = c;
      txnOpenPrev[h] = c;
      commitRoundsLeft[h] = 0;
      c += fast;
      continue;
    }
    if (commitRoundsLeft[h] > 0) commitRoundsLeft[h]--;
    if (commitRoundsLeft[h] === 0) {
      // the commit completes at c: its waiters run; the next transaction starts committing at once
      txnOpenPrev[h] = txnOpen[h];
      txnOpen[h] = commitStart[h];
      commitStart[h] = c;
      commitRoundsLeft[h] = JOURNAL_COMMIT_ROUNDS;
    }
    c += qc;
  }
  roundDoneAt[h] = c;
}
