// Guest memory on every live VM: anonymous memory (app + agent + whatever backlog sits in RAM)
// leaves the rest of RAM to the page cache. When the cache is smaller than the file-backed
// working set, the missing part is evicted and faulted back in over and over: refaults become
// hypervisor disk reads. The OOM killer fires only when anon memory alone exceeds RAM (there
// is always clean cache to reclaim before that: Linux commit 95f9ab2d, mm/internal.h
// MAX_RECLAIM_RETRIES). PSI "full" is approximated by the missing share of the working set,
// stretched by the host's disk queue (each refault waits behind it).

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { VM_SIZES } from '../../../scenario/index.ts';

// The per-VM work is in ../vm-pass.ts (one loop with the telemetry system's). Per live VM and step:
// anon = app + agent + the backlog held in RAM; over the VM's limit, the OOM killer kills the
// larger of the application (with what it holds) and the agent (with its buffer); the page cache
// is what is left; a cache smaller than the working set refaults the missing part (host disk
// reads at refaultTouchPerSecond x readaheadFactor) and stalls the VM (PSI), stretched by the
// host's disk queue; more than THRASH_FRACTION of the working set missing counts as thrashing.

/**
 * The first OOM kill and the first thrashing VM of each host listed by the VM pass this step
 * (memLogHosts[0 .. count-1]), in the order they happened on the host: an OOM entry names a
 * thrash entry logged before it as its cause.
 */
export function logMemoryEpisodes(st: SimState, log: EventLog, count: number): void {
  for (let i = 0; i < count; i++) {
    const h = st.memLogHosts[i],
      oomV = st.memLogOomVm[h],
      thrashV = st.memLogThrashVm[h],
      cache = st.memLogThrashCache[h],
      killedApp = st.memLogOomApp[h] === 1;
    if (oomV >= 0 && (thrashV < 0 || oomV <= thrashV)) {
      logOom(st, log, h, oomV, killedApp);
      if (thrashV >= 0) logThrash(st, log, h, thrashV, cache, st.wsMiB[thrashV]);
    } else if (thrashV >= 0) {
      logThrash(st, log, h, thrashV, cache, st.wsMiB[thrashV]);
      if (oomV >= 0) logOom(st, log, h, oomV, killedApp);
    }
  }
}

// The first OOM kill and the first thrashing VM of a host's episode: rare paths, called after the
// host's VM loop, never inside it. Inline, their strings and numbers shaped the loop's compiled
// code (a boxed double per VM per step after an earlier run in the same process); a call inside
// the loop, even on a branch never taken, makes V8 reload every typed array's length and data
// pointer on each VM (ARCHITECTURE.md, Performance).
function logOom(st: SimState, log: EventLog, h: number, v: number, killedApp: boolean): void {
  log.oom[h] = log.add(
    'oom-kills',
    st.t,
    'vm',
    'warning',
    'OOM kills',
    `OOM killer in ${VM_SIZES[st.sizeOf[v]]} VM #${v}: killed the ${killedApp ? 'application' : 'telemetry agent'}; the events it held are lost.`,
    h,
    log.thrash[h] >= 0 ? log.thrash[h] : log.backlog,
  );
}

function logThrash(st: SimState, log: EventLog, h: number, v: number, cache: number, ws: number): void {
  log.thrash[h] = log.add(
    'vms-thrash',
    st.t,
    'vm',
    'warning',
    `${VM_SIZES[st.sizeOf[v]]} VMs thrash`,
    `${VM_SIZES[st.sizeOf[v]]} VM #${v} thrashing: page cache ${cache.toFixed(0)} MiB for a ${ws} MiB working set; it re-reads its own program text from disk.`,
    h,
    st.heldInRam || st.bufferInRam ? log.backlog : -1,
  );
}
