// Guest memory on every live VM: anonymous memory (app + agent + whatever backlog sits in RAM)
// leaves the rest of RAM to the page cache. When the cache is smaller than the file-backed
// working set, the missing part is evicted and faulted back in over and over: refaults become
// hypervisor disk reads. The OOM killer fires only when anon memory alone exceeds RAM (there
// is always clean cache to reclaim before that: Linux commit 95f9ab2d, mm/internal.h
// MAX_RECLAIM_RETRIES). PSI "full" is approximated by the missing share of the working set,
// stretched by the host's disk queue (each refault waits behind it).

import type { SimState } from '../state.ts';
import type { EventLog } from '../observers/eventlog.ts';
import { VM_SIZES } from '../../scenario/index.ts';
import { MiB } from '../units.ts';

/** A VM missing more than this share of its working set counts as thrashing. */
export const THRASH_FRACTION = 0.05;

export function memorySystem(st: SimState, log: EventLog): void {
  const {
    vmStart,
    up,
    alive,
    oomLoop,
    buf,
    held,
    baseAnonMiB,
    appRssMiB,
    limitMiB,
    wsMiB,
    invWsMiB,
    anonMiB,
    cacheMiB,
    psi,
    thrashedEver,
    eventMiB,
    hostHeldEvents,
    hostMemSteady,
  } = st;
  // booleans typed as such (=== true): read plainly from the state, V8 tests their truthiness generically on every VM
  const bufInRam = st.bufferInRam === true,
    heldInRam = st.heldInRam === true,
    heldInApp = st.heldInApp === true;
  const agentRss = st.scenario.telemetry.agentRssMiB;
  const refaultBytesPerMiB =
    st.scenario.memory.refaultTouchPerSecond * st.scenario.memory.readaheadFactor * st.dt * MiB;
  let lost = 0,
    ooms = 0,
    buffered = 0,
    onDisk = 0;
  const heldOnDisk = st.heldOnDisk === true;
  // anonMiB and cacheMiB are read by the recorder's VM samples alone: written on those steps only
  const view = st.vmViewDue === true;

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) continue;
    // a steady host (see state.ts) whose agents hold no events: this pass would write what the last one did
    if (hostMemSteady[h] !== 0 && hostHeldEvents[h] === 0 && !view) continue;
    const stall = 1 + st.diskQueueSeconds[h];
    let deficitSum = 0,
      psiSum = 0,
      ramBacklog = 0,
      thrashing = 0;
    let n = 0,
      bSum = 0,
      qSum = 0,
      rare = 0; // VMs past the fast path: an OOM kill, or a working set that does not fit
    // the host's first OOM kill and first thrashing VM this step, logged after the loop (no call inside it)
    const wantOom = log.oom[h] < 0,
      wantThrash = log.thrash[h] < 0;
    let oomV = -1,
      oomApp = false,
      thrashV = -1,
      thrashCache = 0;
    for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
      if (alive[v] === 0) continue;
      n++;
      let b = buf[v],
        q = held[v];
      let bufMiB = bufInRam ? b * eventMiB : 0;
      let heldMiB = heldInRam ? q * eventMiB : 0;
      let anon = baseAnonMiB[v] + bufMiB + heldMiB;
      const limit = limitMiB[v];
      if (anon <= limit) {
        if (oomLoop[v] !== 0) oomLoop[v] = 0;
      } else {
        // OOM: kill the largest process; what it held in RAM is lost
        rare++;
        const app = appRssMiB[v] + (heldInApp ? heldMiB : 0);
        const agent = agentRss + bufMiB;
        if (app >= agent) {
          if (heldInApp) {
            lost += q;
            q = 0;
            held[v] = 0;
            anon -= heldMiB;
            heldMiB = 0;
          }
        } else {
          lost += b;
          b = 0;
          buf[v] = 0;
          anon -= bufMiB;
          bufMiB = 0;
        }
        // a kill that frees no backlog (a tmpfs journal, a file) leaves the VM at its limit: the
        // application restarts and is killed again; that OOM loop counts as one kill
        if (oomLoop[v] === 0) ooms++;
        oomLoop[v] = 1;
        if (wantOom && oomV < 0) {
          oomV = v;
          oomApp = app >= agent;
        }
      }
      bSum += b;
      qSum += q;
      const ws = wsMiB[v];
      let cache = limit - anon;
      if (view) anonMiB[v] = anon;
      if (cache >= ws) {
        // fast path: the working set fits in the page cache
        if (view) cacheMiB[v] = cache;
        psi[v] = 0;
        ramBacklog += bufMiB + heldMiB;
        continue;
      }
      rare++;
      if (cache < 0) cache = 0;
      if (view) cacheMiB[v] = cache;
      const deficit = ws - cache;
      const frac = deficit * invWsMiB[v];
      let p = frac * stall;
      if (p > 1) p = 1;
      psi[v] = p;
      deficitSum += deficit;
      psiSum += p;
      ramBacklog += bufMiB + heldMiB;
      if (frac > THRASH_FRACTION) {
        thrashing++;
        if (thrashedEver[v] === 0) thrashedEver[v] = 1;
        if (wantThrash && thrashV < 0) {
          thrashV = v;
          thrashCache = cache;
        }
      }
    }
    // in VM order, as they happened (the OOM entry names a thrash entry logged before it as its cause)
    if (oomV >= 0 && (thrashV < 0 || oomV <= thrashV)) {
      logOom(st, log, h, oomV, oomApp);
      if (thrashV >= 0) logThrash(st, log, h, thrashV, thrashCache, wsMiB[thrashV]);
    } else if (thrashV >= 0) {
      logThrash(st, log, h, thrashV, thrashCache, wsMiB[thrashV]);
      if (oomV >= 0) logOom(st, log, h, oomV, oomApp);
    }
    // events are whole numbers: these sums are exact in any order
    buffered += bSum + qSum;
    onDisk += (bufInRam ? 0 : bSum) + (heldOnDisk ? qSum : 0);
    st.readDemandBytes[h] += deficitSum * refaultBytesPerMiB;
    st.hostPsi[h] = n > 0 ? psiSum / n : 0;
    st.hostRamBacklogMiB[h] = ramBacklog;
    st.hostThrashing[h] = thrashing;
    st.hostPsiVms[h] = n;
    hostMemSteady[h] = rare === 0 && bSum + qSum === 0 ? 1 : 0;
  }
  st.lost += lost;
  st.oomKills += ooms;
  st.stepBuffered = buffered;
  st.stepDiskHeldEvents = onDisk;
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
