// Hypervisor disks: reads (refaults, catch-up of disk-held backlogs, background) and writes
// (disk buffers) queue as seconds of device work. While the queue stays longer than
// QUEUE_BLOCK_SECONDS, the oldest waiter (a task in D state: jbd2 commits, KVM ioctls, page
// faults behind the reads) is not served: its time in D state grows until the queue clears.

import type { SimState } from '../state.ts';
import type { EventLog } from '../observers/eventlog.ts';

/** A request that waits longer than this is far beyond NVMe latency: its task sits in D state. */
export const QUEUE_BLOCK_SECONDS = 1;
/** Requests beyond this much queued work cannot even be submitted (nr_requests): they wait too. */
export const QUEUE_MAX_SECONDS = 60;
/** Typical share of its vCPUs a healthy VM keeps busy (for the load average). */
const VM_CPU_SHARE = 0.25;

export function diskSystem(st: SimState, log: EventLog): void {
  const s = st.scenario.hypervisor;
  const dt = st.dt,
    t = st.t,
    tEnd = t + dt;
  const readBps = s.diskReadMBps * 1e6,
    writeBps = s.diskWriteMBps * 1e6;
  const drainCoreSecondsPerEvent = st.scenario.telemetry.drainCpuMicrosPerEvent / 1e6;
  const {
    up,
    diskQueueSeconds,
    blockedSince,
    dStateSeconds,
    readDemandBytes,
    writeDemandBytes,
    readServedMBps,
    hungThisEpisode,
    rng,
  } = st;

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) {
      readDemandBytes[h] = 0;
      writeDemandBytes[h] = 0;
      readServedMBps[h] = 0;
      continue;
    }
    // background reads with a little noise (the only per-host randomness of a step)
    const readBytes = readDemandBytes[h] + s.baseReadMBps * 1e6 * dt * (0.8 + 0.4 * rng.float());
    const readWork = readBytes / readBps,
      writeWork = writeDemandBytes[h] / writeBps;
    const work = readWork + writeWork;
    let q = diskQueueSeconds[h];
    const busy = q + work < dt ? q + work : dt;
    readServedMBps[h] = work > 0 ? (busy * readBps * (readWork / work)) / 1e6 / dt : 0;
    st.stepReadDemandBps += readBytes / dt;
    q = q + work - busy;
    if (q > QUEUE_MAX_SECONDS) q = QUEUE_MAX_SECONDS;
    diskQueueSeconds[h] = q;
    readDemandBytes[h] = 0;
    writeDemandBytes[h] = 0;

    if (q > QUEUE_BLOCK_SECONDS) {
      if (blockedSince[h] < 0) {
        blockedSince[h] = t;
        log.disk[h] = log.add(
          'host-disk-saturated',
          t,
          'hypervisor',
          'warning',
          'host disk saturated',
          `Disk saturated: reads asked ${(readBytes / dt / 1e9).toFixed(2)} GB/s against ${(readBps / 1e9).toFixed(2)} GB/s; I/O waits over ${QUEUE_BLOCK_SECONDS} s, tasks sit in D state.`,
          h,
          log.thrash[h],
        );
      }
      dStateSeconds[h] = tEnd - blockedSince[h];
    } else {
      blockedSince[h] = -1;
      dStateSeconds[h] = 0;
      hungThisEpisode[h] = 0;
    }
    // load average counts running and D-state tasks; thrashing VMs' tasks wait in D state
    const dTasks = st.hostThrashing[h] + (q > QUEUE_BLOCK_SECONDS ? st.hostThrashing[h] : 0);
    st.hostLoadPerCore[h] =
      (st.hostVcpus[h] * VM_CPU_SHARE +
        dTasks +
        (st.hostDelivered[h] * drainCoreSecondsPerEvent) / dt +
        st.extraLoadCores[h]) /
      s.cores;
  }
}
