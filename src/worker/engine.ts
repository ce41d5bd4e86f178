// What a simulation worker does with a request: reads it (readStartRequest: the scenario is
// validated here, once), advances the simulation in chunks of about CHUNK_MS of wall time,
// streams downsampled progress, and stops between chunks when its run is cancelled or superseded
// by a newer start(). No Worker globals: sim.worker.ts exposes it, tests call it directly.

import * as Comlink from 'comlink';
import { Simulation } from '../core/index.ts';
import { chartData, fleetData, transferables } from './payload.ts';
import { readStartRequest, type Outcome, type Progress, type ProgressSink, type SimWorkerApi } from './protocol.ts';

const CHUNK_MS = 40;
const MAX_CHUNK_STEPS = 2000;

/** A macrotask break, so cancel() and newer start() messages are handled between chunks. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `beat`: tells the page the worker is alive (it throttles itself). */
export function createEngine(beat: () => void = () => {}): SimWorkerApi {
  let current = -1;
  const cancelled = new Set<number>();

  async function start(raw: unknown, onProgress: ProgressSink): Promise<Outcome> {
    const t0 = performance.now();
    const req = readStartRequest(raw);
    const { id } = req;
    current = id;
    const stale = () => cancelled.has(id) || current !== id;
    try {
      // summaryOnly (sweep points, ensemble members): the fleet series for charts of many runs, no
      // per-host or per-VM buffers; the summary and the event log are the same as a full run's
      const sim = new Simulation(req.scenario, { record: req.summaryOnly ? 'series' : 'all' });
      beat();
      // start small (a huge fleet may take long per step), then grow towards CHUNK_MS per chunk
      let chunk = 2;
      let lastPost = performance.now();
      let nextPostMs = req.progressEveryMs;
      for (;;) {
        beat();
        const c0 = performance.now();
        const done = sim.advance(chunk);
        const spent = performance.now() - c0;
        // aim each chunk at CHUNK_MS so cancel latency stays small on any fleet size
        chunk = Math.max(
          1,
          Math.min(MAX_CHUNK_STEPS, Math.round(chunk * Math.min(4, CHUNK_MS / Math.max(0.5, spent)))),
        );
        if (done) break;
        if (!req.summaryOnly && performance.now() - lastPost >= nextPostMs) {
          const p0 = performance.now();
          const r = sim.result();
          const progress: Progress = {
            type: 'progress',
            id,
            stepsDone: sim.stepsDone,
            totalSteps: sim.totalSteps,
            series: chartData(r, req.maxPoints),
            summary: r.summary,
          };
          Promise.resolve(onProgress(Comlink.transfer(progress, transferables(progress.series)))).catch(() => {});
          // building progress scans the series so far: keep it under ~20% of the worker's time
          lastPost = performance.now();
          nextPostMs = Math.max(req.progressEveryMs, 4 * (lastPost - p0));
        }
        await yieldToEvents();
        if (stale()) return { type: 'cancelled', id, stepsDone: sim.stepsDone, totalSteps: sim.totalSteps };
      }
      beat();
      const r = sim.result();
      const series = chartData(r, req.maxPoints);
      const fleet = req.summaryOnly ? null : fleetData(r);
      const out: Outcome = {
        type: 'results',
        id,
        issues: req.issues,
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

  return {
    start,
    cancel(id: number) {
      if (id === current) cancelled.add(id);
    },
  };
}
