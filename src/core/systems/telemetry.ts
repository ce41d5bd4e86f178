// Telemetry agents (Vector) on every live VM: produce log events, deliver them when messaging
// takes them, hold them in the agent buffer, and under `block` push the rest back to the log
// source (where the backlog lands: app heap, tmpfs journal, disk journal or file).
// Events are whole numbers, so produced = delivered + held + dropped + lost stays exact.

import type { SimState } from '../state.ts';
import type { EventLog } from '../observers/eventlog.ts';
import { MiB } from '../units.ts';

export function telemetrySystem(st: SimState, log: EventLog): void {
  const {
    vmStart,
    up,
    alive,
    carry,
    ratePerStep,
    buf,
    held,
    retryAt,
    backoff,
    psi,
    journalCap,
    retryDelays,
    eventMiB,
    hostHeldEvents,
  } = st;
  const t = st.t;
  const avail = st.availability,
    available = avail >= 1,
    partial = avail > 0 && avail < 1;
  const bufCap = st.bufferCap,
    sinkPerStep = st.sinkPerStep;
  // booleans typed as such (=== true): read plainly from the state, V8 tests their truthiness generically on every VM
  const bufferOnDisk = st.bufferInRam !== true,
    heldOnDisk = st.heldOnDisk === true,
    dropNewest = st.dropNewest === true;
  // only a journald source caps what it holds (journalCap is Infinity for the others): no read per VM otherwise
  const capped =
    st.scenario.telemetry.source === 'journald-volatile' || st.scenario.telemetry.source === 'journald-persistent';
  const lastDelay = retryDelays.length - 1;
  let produced = 0,
    delivered = 0,
    dropped = 0,
    backlogStarted = false,
    connected = 0;
  // what the brokers can ingest this step, shared in proportion to what agents asked to send (last
  // step's asks): a heavy logger is not held to an equal split while light loggers leave capacity
  // unused, and nobody is capped while the fleet asks less than the brokers take
  const scale = st.ingestWant > st.ingestPerStep ? st.ingestPerStep / st.ingestWant : 1;
  let want = 0;

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) continue;
    let catchUpReadMiB = 0,
      bufferWriteMiB = 0,
      hostDelivered = 0,
      hostHeld = 0;
    for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
      if (alive[v] === 0) continue;
      const c = carry[v] + ratePerStep[v];
      let n = Math.floor(c);
      carry[v] = c - n;
      produced += n;
      if (bufferOnDisk) bufferWriteMiB += n * eventMiB; // a disk buffer writes every event
      let b = buf[v],
        q = held[v],
        d = 0;

      if (retryAt[v] <= t) {
        // partly available: a fixed, well-spread share of the VMs (golden-ratio hash of the id) is connected
        if (available || (partial && (Math.imul(v, 0x9e3779b1) >>> 0) * 2.3283064365386963e-10 < avail)) {
          // connected: deliver oldest first (buffer, then the source's backlog, then new events);
          // a VM stalled on memory delivers less
          let cap = Math.floor(sinkPerStep * (1 - psi[v]));
          const ask = b + q + n < cap ? b + q + n : cap;
          want += ask;
          cap = scale < 1 ? Math.floor(ask * scale) : ask;
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
          retryAt[v] = t + retryDelays[k];
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
      buf[v] = b;
      held[v] = q;
      hostDelivered += d;
      hostHeld += b + q;
    }
    delivered += hostDelivered;
    st.hostDelivered[h] = hostDelivered;
    hostHeldEvents[h] = hostHeld;
    st.readDemandBytes[h] += catchUpReadMiB * MiB;
    st.writeDemandBytes[h] += bufferWriteMiB * MiB;
  }

  st.produced += produced;
  st.delivered += delivered;
  st.dropped += dropped;
  st.stepDelivered = delivered;
  st.connectedAgents = connected;
  st.ingestWant = want;
  if (backlogStarted && log.backlog < 0) {
    const where = {
      socket: "the application's heap (RAM)",
      'journald-volatile': 'the runtime journal in tmpfs (RAM)',
      'journald-persistent': 'the journal on disk',
      file: 'the log file on disk',
    }[st.scenario.telemetry.source];
    log.backlog = log.add(
      'backlog-held',
      t,
      'telemetry',
      'warning',
      `backlog held in ${st.heldInRam ? 'RAM' : 'disk'}`,
      `Agent buffers full (${st.bufferCap} events) and set to block: the backlog piles up in ${where}.`,
      -1,
      log.outage,
    );
  }
  if (dropped > 0 && dropNewest && log.backlog < 0) {
    log.backlog = log.add(
      'agents-drop-newest-events',
      t,
      'telemetry',
      'info',
      'agents drop newest events',
      `Agent buffers full (${st.bufferCap} events): drop_newest discards incoming events, memory stays flat.`,
      -1,
      log.outage,
    );
  }
}
