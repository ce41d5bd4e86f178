// Telemetry agents (Vector) on every live VM: produce log events, deliver them when messaging
// takes them, hold them in the agent buffer, and under `block` push the rest back to the log
// source (where the backlog lands: app heap, tmpfs journal, disk journal or file).
// Events are whole numbers, so produced = delivered + held + dropped + lost stays exact.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';

// The per-VM work is in ../vm-pass.ts (one loop with the memory system's). Per live VM and step:
// n = floor(carry + rate) events are produced (the fraction carries over); a connected agent
// (messaging available for it, its retry due) delivers oldest first, up to its sink rate reduced
// by the VM's PSI stall and the brokers' ingest share; a failed attempt waits a Fibonacci backoff;
// the source's backlog refills the buffer before new events; what does not fit is dropped
// (drop_newest) or pushed back to the source (block), where a journald source vacuums beyond its cap.

/** The fleet's first backlog held at the source, or first events dropped: once per run, after the VM loop. */
export function logTelemetryOnset(st: SimState, log: EventLog, backlogStarted: boolean, dropped: number): void {
  const t = st.t,
    dropNewest = st.dropNewest === true;
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
