// The simulation worker: exposes the engine (engine.ts) to the page through comlink and tells the
// page it is alive (a heartbeat on load and at most every HEARTBEAT_MS while it works).

import * as Comlink from 'comlink';
import { createEngine } from './engine.ts';
import { HEARTBEAT, HEARTBEAT_MS, type Heartbeat } from './protocol.ts';

let lastBeat = -Infinity;
/** Tells the page this worker is alive (at most every HEARTBEAT_MS). */
function beat(): void {
  const now = performance.now();
  if (now - lastBeat < HEARTBEAT_MS) return;
  lastBeat = now;
  (self as unknown as { postMessage(m: Heartbeat): void }).postMessage({ type: HEARTBEAT });
}

Comlink.expose(createEngine(beat));
beat();
