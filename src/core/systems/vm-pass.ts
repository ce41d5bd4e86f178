// The per-VM pass: the telemetry agents (telemetry/) and then the guest memory (memory/) of
// each live VM, VM by VM, in one loop per host. What each does is described in its own file;
// this file is the loop. One pass instead of two reads a VM's slot, buffers and PSI once: V8
// checks every typed-array access (map, detached buffer, bounds) on every VM, so each array a
// loop touches costs per VM (ARCHITECTURE.md, Performance). Results are those of telemetry for
// every VM followed by memory for every VM: a VM's memory reads only its own post-telemetry
// state and host figures telemetry does not write, and the log entries are added in the same
// order (telemetry's after all VMs, then memory's host by host).

import type { SimState } from '../sim-state.ts';
import type { EventLog } from '../observers/eventlog.ts';
import { MiB } from '../units.ts';
import { logTelemetryOnset } from './telemetry/system.ts';
import { logMemoryEpisodes } from './memory/system.ts';
import { THRASH_FRACTION } from '../settings.ts';
import { HASH_ORDERS, HASH_UNIT } from '../streams.ts';
import { faultingSlots } from './disk/closed-loop.ts';

const NO_SLOTS = new Int32Array(0);

// The hot loop stays one function: a call inside the VM loop, or its arrays passed to one per host,
// costs per VM (ARCHITECTURE.md, Performance). Its parts are marked: telemetry, then memory.
// eslint-disable-next-line max-lines-per-function -- the VM loop, kept whole for speed (above)
export function vmPassSystem(st: SimState, log: EventLog): void {
  const {
    vmStart,
    up,
    vmHot,
    buf,
    held,
    backoff,
    psi,
    journalCap,
    retryDelays,
    eventMiB,
    appRssMiB,
    invWsMiB,
    anonMiB,
    cacheMiB,
    thrashedEver,
    hostMemSteady,
    memLogOomVm,
    memLogOomApp,
    memLogThrashVm,
    memLogThrashCache,
    memLogHosts,
    missingMiB,
    hostLive,
  } = st;
  // --- telemetry's constants for this step
  const t = st.t;
  const avail = st.availability,
    available = avail >= 1,
    partial = avail > 0 && avail < 1;
  const bufCap = st.bufferCap,
    sinkPerStep = st.sinkPerStep;
  // booleans typed as such (=== true): read plainly from the state, V8 tests their truthiness generically on every VM
  const bufInRam = st.bufferInRam === true,
    bufferOnDisk = !bufInRam,
    heldInRam = st.heldInRam === true,
    heldInApp = st.heldInApp === true,
    heldOnDisk = st.heldOnDisk === true,
    dropNewest = st.dropNewest === true;
  // only a journald source caps what it holds (journalCap is Infinity for the others): no read per VM otherwise
  const capped =
    st.scenario.telemetry.source === 'journald-volatile' || st.scenario.telemetry.source === 'journald-persistent';
  const lastDelay = retryDelays.length - 1;
  // what a VM with psi 0 may send this step (below: sinkPerStep * (1 - psi), and x * 1 is x exactly)
  const sinkCap = Math.floor(sinkPerStep);
  // partly available: the connected VMs are a fixed, well-spread share (streams.ts, a hash order)
  const connMul = HASH_ORDERS.telemetryConnected.multiplier,
    connOff = HASH_ORDERS.telemetryConnected.offset,
    hashUnit = HASH_UNIT;
  // what the brokers can ingest this step, shared in proportion to what agents asked to send (last
  // step's asks): a heavy logger is not held to an equal split while light loggers leave capacity
  // unused, and nobody is capped while the fleet asks less than the brokers take
  const scale = st.ingestWant > st.ingestPerStep ? st.ingestPerStep / st.ingestWant : 1;
  // and never more than the brokers take this step: the step after a reconnect has no asks from
  // the step before (nobody was connected), and without this bound it would deliver a whole step's
  // sink at once, a burst that grew with the step
  let ingestLeft = Math.floor(st.ingestPerStep);
  // --- memory's
  const agentRss = st.scenario.telemetry.agentRssMiB;
  // an application's logger keeps a share of its high-water heap after the backlog is sent
  // (glibc trims only the top of its heap: physics/recovery.ts retainedHeapMiB)
  const retain = st.scenario.telemetry.heapRetainPercent / 100,
    retainOn = heldInApp && heldInRam && retain > 0;
  const refaultBytesPerMiB =
    st.scenario.memory.refaultTouchPerSecond * st.scenario.memory.readaheadFactor * st.dt * MiB;
  // anonMiB and cacheMiB are read by the recorder's VM samples alone: written on those steps only
  const view = st.vmViewDue === true,
    vmSkip = !view;
  // the closed-loop disk's fault classes are the VMs left stalled here: listed host by host, so the
  // disk does not read every slot again (disk/closed-loop.ts faultClasses)
  const faulting = st.scenario.hypervisor.diskModel === 'closed-loop' ? faultingSlots(st) : null;
  const listed = faulting !== null,
    stalledSlots = faulting === null ? NO_SLOTS : faulting.faulting,
    stalledCount = faulting === null ? NO_SLOTS : faulting.faultingCount;

  let produced = 0,
    delivered = 0,
    dropped = 0,
    backlogStarted = false,
    connected = 0,
    want = 0;
  let lost = 0,
    ooms = 0,
    buffered = 0,
    onDisk = 0,
    logHosts = 0;

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) continue;
    let catchUpReadMiB = 0,
      bufferWriteMiB = 0,
      hostDelivered = 0;
    // a steady host (memory/state.ts, hostMemSteady): a VM of it that holds no events after telemetry would have its
    // memory figures written again as they are, so that part is skipped for it
    const steady = hostMemSteady[h] !== 0 && vmSkip;
    const stall = 1 + st.diskQueueSeconds[h];
    let deficitSum = 0,
      psiSum = 0,
      ramBacklog = 0,
      thrashing = 0;
    const first = vmStart[h];
    let stalled = 0,
      live = 0,
      bSum = 0,
      qSum = 0,
      rare = 0; // VMs past memory's fast path: an OOM kill, or a working set that does not fit
    // the host's first OOM kill and first thrashing VM this step, logged after the loop (no call inside it)
    const wantOom = log.oom[h] < 0,
      wantThrash = log.thrash[h] < 0;
    let oomV = -1,
      oomApp = false,
      thrashV = -1,
      thrashCache = 0;

    // the host's live VMs sit mostly in its first slots and its spare slots after them: the loop
    // ends at its last live VM (hostLive counts the slots alive, fleet/slots.ts)
    const liveN = hostLive[h];
    for (let v = vmStart[h], end = vmStart[h + 1]; v < end && live < liveN; v++) {
      // the VM's block (fleet/hot.ts, VM_HOT = 8: rate, carry, retryAt, base anon, limit, ws, heap
      // peak, flags), read at once: one array checked, before anything is stored; an empty slot is
      // told by its flags (FLAG_ALIVE, a copy of alive[v])
      const o = v << 3;
      const flags = vmHot[o + 7] | 0; // 1: in an OOM loop; 2: psi may be nonzero; 4: alive; 8: steady (fleet/hot.ts)
      if ((flags & 4) === 0) continue;
      live++;
      const rate = vmHot[o],
        carried = vmHot[o + 1],
        retryAt = vmHot[o + 2];
      // --- telemetry (telemetry/system.ts)
      const c = carried + rate;
      let n = Math.floor(c);
      vmHot[o + 1] = c - n;
      produced += n;
      if (bufferOnDisk) bufferWriteMiB += n * eventMiB; // a disk buffer writes every event
      let b0 = 0,
        q0 = 0,
        d = 0;
      // due to send, and connected: partly available, a fixed, well-spread share of the VMs
      // (golden-ratio hash of the id) is
      const conn =
        retryAt <= t && (available || (partial && (Math.imul(v + connOff, connMul) >>> 0) * hashUnit < avail));
      const fast = (flags & 8) !== 0 && vmSkip && conn;
      if (fast) {
        // a steady agent (FLAG_STEADY: its last pass ended with nothing held and psi 0; only this
        // pass and fleet/slots.ts, which clears the flag, write buf and held), connected: the
        // delivery below with b = q = 0 and psi = 0, the same operations on the same values
        let cap = sinkCap;
        const ask = n < cap ? n : cap;
        want += ask;
        cap = scale < 1 ? Math.floor(ask * scale) : ask;
        if (cap > ingestLeft) cap = ingestLeft;
        ingestLeft -= cap;
        connected++;
        d = n < cap ? n : cap;
        n -= d;
        if (backoff[v] !== 0) backoff[v] = 0;
        if (n === 0) {
          // all delivered: nothing held, nothing stored, and its memory figures are last step's (below)
          hostDelivered += d;
          continue;
        }
      } else {
        b0 = buf[v];
        q0 = held[v];
      }
      // the rest of the block, for the buffer and memory parts
      const baseAnon = vmHot[o + 3],
        limit = vmHot[o + 4],
        ws = vmHot[o + 5],
        peak = vmHot[o + 6];
      let fl = flags;
      let b = b0,
        q = q0;

      if (!fast && retryAt <= t) {
        if (conn) {
          // connected: deliver oldest first (buffer, then the source's backlog, then new events);
          // a VM stalled on memory delivers less
          // (psi is 0 without FLAG_PSI: fleet/hot.ts)
          let cap = (flags & 2) !== 0 ? Math.floor(sinkPerStep * (1 - psi[v])) : sinkCap;
          const ask = b + q + n < cap ? b + q + n : cap;
          want += ask;
          cap = scale < 1 ? Math.floor(ask * scale) : ask;
          if (cap > ingestLeft) cap = ingestLeft;
          ingestLeft -= cap;
          connected++;
          const d1 = b < cap ? b : cap;
          b -= d1;
          cap -= d1;
          const d2 = q < cap ? q : cap;
          q -= d2;
          cap -= d2;
          const d3 = n < cap ? n : cap;
          n -= d3;
          d = d1 + d2 + d3;
          if (backoff[v] !== 0) backoff[v] = 0;
          if (bufferOnDisk) catchUpReadMiB += d1 * eventMiB;
          if (heldOnDisk) catchUpReadMiB += d2 * eventMiB;
        } else {
          // the attempt fails: Fibonacci backoff until the next one
          const k = backoff[v];
          vmHot[o + 2] = t + retryDelays[k];
          if (k < lastDelay) backoff[v] = k + 1;
        }
      }

      // the source's backlog is older than new events: it refills the buffer first
      let space = bufCap - b;
      if (q > 0 && space > 0) {
        const m = q < space ? q : space;
        q -= m;
        b += m;
        space -= m;
      }
      const put = n < space ? n : space;
      b += put;
      const rest = n - put;
      if (rest > 0) {
        if (dropNewest) dropped += rest;
        else {
          q += rest;
          backlogStarted = true;
          if (capped && q > journalCap[v]) {
            const cap = journalCap[v];
            dropped += q - cap;
            q = cap;
          } // journald vacuums its oldest entries
        }
      }
      // stored only when they changed (a store costs its checks: a full buffer in an outage, an
      // empty one while connected, stay as they are)
      if (b !== b0) buf[v] = b;
      if (q !== q0) held[v] = q;
      hostDelivered += d;

      // --- memory (memory/system.ts)
      // (a retained heap changes nothing: with no events held its peak is not written and kept is the same as last step)
      // so does a VM whose own last memory pass was steady (FLAG_STEADY): on a host with a stalled VM
      // the others' figures are the same too
      if ((steady || (vmSkip && (flags & 8) !== 0)) && b === 0 && q === 0) continue;
      let bufMiB = bufInRam ? b * eventMiB : 0;
      let heldMiB = heldInRam ? q * eventMiB : 0;
      let kept = 0;
      if (retainOn) {
        // (the peak is a Float32 figure: fleet/hot.ts)
        if (heldMiB > peak) vmHot[o + 6] = Math.fround(heldMiB);
        else if (peak * retain > heldMiB) kept = peak * retain - heldMiB;
      }
      let anon = baseAnon + bufMiB + heldMiB + kept;
      if (anon <= limit) {
        fl &= 14; // out of any OOM loop
      } else {
        // OOM: kill the largest process; what it held in RAM is lost
        rare++;
        const app = appRssMiB[v] + (heldInApp ? heldMiB + kept : 0);
        const agent = agentRss + bufMiB;
        if (app >= agent) {
          if (heldInApp) {
            lost += q;
            q = 0;
            held[v] = 0;
            anon -= heldMiB + kept;
            heldMiB = 0;
            vmHot[o + 6] = 0; // the application restarts with a fresh heap
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
        if ((fl & 1) === 0) ooms++;
        fl |= 1;
        if (wantOom && oomV < 0) {
          oomV = v;
          oomApp = app >= agent;
        }
      }
      bSum += b;
      qSum += q;
      let cache = limit - anon;
      if (view) anonMiB[v] = anon;
      if (cache >= ws) {
        // fast path: the working set fits in the page cache
        if (view) cacheMiB[v] = cache;
        // no stall: psi is stored only if it may be nonzero (a store costs its checks on every VM)
        if ((fl & 2) !== 0) {
          psi[v] = 0;
          fl &= 13;
        }
        // steady: no events held and no OOM kill (its loop flag) leave the same figures next step
        fl = b === 0 && q === 0 && (fl & 1) === 0 ? fl | 8 : fl & 7;
        if (fl !== flags) vmHot[o + 7] = fl;
        ramBacklog += bufMiB + heldMiB;
        continue;
      }
      rare++;
      if (cache < 0) cache = 0;
      if (view) cacheMiB[v] = cache;
      const deficit = ws - cache;
      missingMiB[v] = deficit; // the closed-loop disk's fault classes (disk/closed-loop.ts)
      const frac = deficit * invWsMiB[v];
      let p = frac * stall;
      if (p > 1) p = 1;
      psi[v] = p;
      fl = (fl | 2) & 7;
      if (fl !== flags) vmHot[o + 7] = fl;
      if (listed) stalledSlots[first + stalled++] = v;
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
    // telemetry's host figures, then memory's (in that order: readDemandBytes is a float sum)
    delivered += hostDelivered;
    st.hostDelivered[h] = hostDelivered;
    st.readDemandBytes[h] += catchUpReadMiB * MiB;
    st.writeDemandBytes[h] += bufferWriteMiB * MiB;
    // events are whole numbers: these sums are exact in any order
    buffered += bSum + qSum;
    onDisk += (bufInRam ? 0 : bSum) + (heldOnDisk ? qSum : 0);
    st.readDemandBytes[h] += deficitSum * refaultBytesPerMiB;
    st.hostPsi[h] = live > 0 ? psiSum / live : 0;
    st.hostRamBacklogMiB[h] = ramBacklog;
    st.hostThrashing[h] = thrashing;
    st.hostPsiVms[h] = live;
    if (listed) stalledCount[h] = stalled;
    hostMemSteady[h] = rare === 0 && bSum + qSum === 0 ? 1 : 0;
    if (oomV >= 0 || thrashV >= 0) {
      memLogHosts[logHosts++] = h;
      memLogOomVm[h] = oomV;
      memLogOomApp[h] = oomApp ? 1 : 0;
      memLogThrashVm[h] = thrashV;
      memLogThrashCache[h] = thrashCache;
    }
  }

  if (faulting !== null) faulting.faultingStep = st.step;
  st.produced += produced;
  st.stepProduced = produced;
  st.delivered += delivered;
  st.dropped += dropped;
  st.stepDelivered = delivered;
  st.connectedAgents = connected;
  st.ingestWant = want;
  logTelemetryOnset(st, log, backlogStarted, dropped);
  st.lost += lost;
  st.oomKills += ooms;
  st.stepBuffered = buffered;
  st.stepDiskHeldEvents = onDisk;
  logMemoryEpisodes(st, log, logHosts);
}
