// A worker thread of `sim` (jobs.ts): it gets one run at a time (a scenario and what to answer:
// its summary, or its summary and the figures a calibration reads) and answers. A message is a
// boundary: the scenario is validated here, once. It serves when loaded in a worker whose
// workerData is JOBS_WORKER (jobs.ts starts this file under tsx's loader).

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runObserved, runObservedWithin, runSummary, type Figures, type Summary } from '../core/index.ts';
import type { ValidScenario } from '../scenario/index.ts';
import { parseScenario } from '../scenario/index.ts';

export const JOBS_WORKER = 'cascade-sim-job';

export interface Outcome {
  summary: Summary;
  figures?: Figures;
  /** a calibration's run stopped early (core/ensemble/early.ts): the minute, else null */
  stopped?: number | null;
}

/**
 * What a job answers: its summary, or also the figures a calibration reads; `{ within }`: the
 * figures of a run that stops once the incident's observations cannot end within that tolerance.
 */
export type JobWant = 'summary' | 'figures' | { within: number };

/** One job, in this thread. */
export function runJob(scenario: ValidScenario, want: JobWant): Outcome {
  if (want === 'summary') return { summary: runSummary(scenario) };
  return want === 'figures' ? runObserved(scenario) : runObservedWithin(scenario, want.within);
}

export interface JobRequest {
  id: number;
  scenario: unknown;
  want: JobWant;
}

export function serveJobs(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (msg: JobRequest) => {
    try {
      const scenario = parseScenario(msg.scenario).scenario;
      port.postMessage({ id: msg.id, ...runJob(scenario, msg.want) });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

if (!isMainThread && workerData === JOBS_WORKER) serveJobs();
