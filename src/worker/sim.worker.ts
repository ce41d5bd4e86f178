// The simulation worker: validates the scenario, advances the simulation in chunks of about
// CHUNK_MS of wall time, streams downsampled progress, and stops between chunks when its run
// is cancelled or superseded by a newer start().

import * as Comlink from 'comlink';
import { Simulation } from '../core/index.ts';
import { parseScenario } from '../scenario/index.ts';
import { chartData, fleetData, transferables } from './payload.ts';
import {
  HEARTBEAT,
  HEARTBEAT_MS,
  type Heartbeat,
  type Outcome,
  type Progress,
  type ProgressSink,
  type SimWorkerApi,
  type StartRequest,
} from './protocol.ts';

const CHUNK_MS = 40;
const MAX_CHUNK_STEPS = 2000;

let current = -1;
const cancelled = new Set<number>();

let lastBeat = -Infinity;
/** Tells the page this worker is alive (at most every HEARTBEAT_MS). */
function beat(): void {
  const now = performance.now();
  if (now - lastBeat < HEARTBEAT_MS) return;
  lastBeat = now;
  (self as unknown as { postMessage(m: Heartbeat): void }).postMessage({ type: HEARTBEAT });
}

/** A macrotask break, so cancel() and newer start() messages are handled between chunks. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start(req: StartRequest, onProgress: ProgressSink): Promise<Outcome> {
  const { id } = req;
  current = id;
  const stale = () => cancelled.has(id) || current !== id;
  const t0 = performance.now();
  try {
    const { scenario, issues } = parseScenario(req.scenario);
    // a worker message is a boundary: numbers that are not finite fall back to the defaults
    const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
    const maxPoints = Math.max(50, Math.min(5000, num(req.maxPoints, 1000)));
    const progressEveryMs = Math.max(16, Math.min(10_000, num(req.progressEveryMs, 120)));
    // summaryOnly (sweep points, ensemble members): the fleet series for charts of many runs, no
    // per-host or per-VM buffers; the summary and the event log are the same as a full run's
    const sim = new Simulation(scenario, { record: req.summaryOnly ? 'series' : 'all' });
    beat();
    // start small (a huge fleet may take long per step), then grow towards CHUNK_MS per chunk
    let chunk = 2;
    let lastPost = performance.now();
    let nextPostMs = progressEveryMs;
    for (;;) {
      beat();
      const c0 = performance.now();
      const done = sim.advance(chunk);
      const spent = performance.now() - c0;
      // aim each chunk at CHUNK_MS so cancel latency stays small on any fleet size
      chunk = Math.max(1, Math.min(MAX_CHUNK_STEPS, Math.round(chunk * Math.min(4, CHUNK_MS / Math.max(0.5, spent)))));
      if (done) break;
      if (!req.summaryOnly && performance.now() - lastPost >= nextPostMs) {
        const p0 = performance.now();
        const r = sim.result();
        const progress: Progress = {
          type: 'progress',
          id,
          stepsDone: sim.stepsDone,
          totalSteps: sim.totalSteps,
          scenario,
          series: chartData(r, maxPoints),
          summary: r.summary,
        };
        Promise.resolve(onProgress(Comlink.transfer(progress, transferables(progress.series)))).catch(() => {});
        // building progress scans the series so far: keep it under ~20% of the worker's time
        lastPost = performance.now();
        nextPostMs = Math.max(progressEveryMs, 4 * (lastPost - p0));
      }
      await yieldToEvents();
      if (stale()) return { type: 'cancelled', id, stepsDone: sim.stepsDone, totalSteps: sim.totalSteps };
    }
    beat();
    const r = sim.result();
    const series = chartData(r, maxPoints);
    const fleet = req.summaryOnly ? null : fleetData(r);
    const out: Outcome = {
      type: 'results',
      id,
      scenario,
      issues,
      stepSeconds: r.stepSeconds,
      stepsDone: r.steps,
      totalSteps: r.totalSteps,
      series,
      summary: r.summary,
      events: r.events,
      fleet,
      wallMs: performance.now() - t0,
    };
    out.summary.perf.wallMs = Math.round(out.wallMs);
    return Comlink.transfer(out, transferables(series, fleet));
  } catch (e) {
    return { type: 'error', id, message: e instanceof Error ? e.message : String(e) };
  } finally {
    cancelled.delete(id);
    (onProgress as unknown as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy]?.();
  }
}

const api: SimWorkerApi = {
  start,
  cancel(id: number) {
    if (id === current) cancelled.add(id);
  },
};

Comlink.expose(api);
beat();
