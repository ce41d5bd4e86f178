// A worker thread of `sim` (jobs.ts): it gets one run at a time (a scenario and what to answer:
// its summary, or its summary and the figures a calibration reads) and answers. A message is a
// boundary: the scenario is validated here, once. It serves when loaded in a worker whose
// workerData is JOBS_WORKER (jobs.ts starts this file under tsx's loader).

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runObserved, runSummary } from '../core/index.ts';
import { parseScenario } from '../scenario/index.ts';

export const JOBS_WORKER = 'cascade-sim-job';

export interface JobRequest {
  id: number;
  scenario: unknown;
  want: 'summary' | 'figures';
}

export function serveJobs(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (msg: JobRequest) => {
    try {
      const scenario = parseScenario(msg.scenario).scenario;
      if (msg.want === 'figures') port.postMessage({ id: msg.id, ...runObserved(scenario) });
      else port.postMessage({ id: msg.id, summary: runSummary(scenario) });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

if (!isMainThread && workerData === JOBS_WORKER) serveJobs();
