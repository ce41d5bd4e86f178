// The telemetry agents' part of the state (system.ts, the VM loop in ../vm-pass.ts): the agent's
// configuration derived once, each VM's carry, buffer, backlog at the source and retry clock, and
// the fleet's event accounting (produced = delivered + held + dropped + lost, exact at every step).

import type { Scenario } from '../../../scenario/index.ts';
import { MiB } from '../../units.ts';

export type TelemetryState = ReturnType<typeof createTelemetryState>;

/** Fibonacci retry delays in seconds (Vector's sink retry backoff: 1, 1, 2, 3, 5, 8 ...). */
export function fibonacciDelays(maxSeconds: number): Float64Array {
  const out: number[] = [];
  let a = 1,
    b = 1;
  while (a < maxSeconds && out.length < 64) {
    out.push(a);
    [a, b] = [b, a + b];
  }
  out.push(maxSeconds);
  return Float64Array.from(out);
}

export function createTelemetryState(s: Scenario, hosts: number, vms: number) {
  const dt = s.stepSeconds,
    tm = s.telemetry;
  return {
    // config derived once
    eventMiB: tm.eventBytes / MiB,
    bufferCap: tm.buffer.type === 'memory' ? tm.buffer.maxEvents : Math.floor(tm.buffer.maxSizeBytes / tm.eventBytes),
    bufferInRam: tm.buffer.type === 'memory',
    dropNewest: tm.buffer.whenFull === 'drop_newest',
    heldInRam: tm.source === 'socket' || tm.source === 'journald-volatile',
    heldOnDisk: tm.source === 'journald-persistent' || tm.source === 'file',
    heldInApp: tm.source === 'socket',
    sinkPerStep: tm.sinkEventsPerSecond * dt,
    retryDelays: fibonacciDelays(tm.retryMaxSeconds),
    /** how many agents shipped last step (their fair share of the brokers' ingest) */
    connectedAgents: 0,
    /** events the connected agents asked to send last step (the brokers' ingest is shared in proportion) */
    ingestWant: 0,
    // per VM slot
    // (each VM's carry and retry clock: fleet/hot.ts)
    buf: new Float64Array(vms), // events in the agent's buffer
    held: new Float64Array(vms), // events held back at the source (where depends on telemetry.source)
    backoff: new Uint8Array(vms),
    // per host: events its agents delivered this step (the drain's CPU in the load average)
    hostDelivered: new Float64Array(hosts),
    // --- fleet counters (events are whole numbers held in float64: exact below 2^53)
    produced: 0,
    /** events the fleet produced last step (Infinity before the first): its share of the brokers' ingest */
    stepProduced: Infinity,
    delivered: 0,
    dropped: 0,
    lost: 0,
    /** per-step scratch read by the recorder */
    stepDelivered: 0,
    stepBuffered: 0,
    stepDiskHeldEvents: 0,
  };
}

export const TELEMETRY_DOUBLES = [
  'ingestWant',
  'produced',
  'stepProduced',
  'delivered',
  'dropped',
  'lost',
  'stepDelivered',
  'stepBuffered',
  'stepDiskHeldEvents',
] as const;
