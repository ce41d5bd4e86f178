// A worker thread that runs ensemble members for `check` (run.ts): it gets one job of the
// member runner (a member's scenario, of A or B) and answers with its summary; the runner in the
// main thread reduces and combines. A message is a boundary: the scenario is validated here, once.
// It starts serving when loaded in a worker whose workerData is MEMBER_WORKER: this file itself
// under tsx, or the bundled CLI (bin.ts imports it).

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runSummary } from '../../core/index.ts';
import { parseScenario } from '../../scenario/index.ts';

export const MEMBER_WORKER = 'cascade-check-member';

export function serveMembers(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (msg: { id: number; scenario: unknown }) => {
    try {
      port.postMessage({ id: msg.id, summary: runSummary(parseScenario(msg.scenario).scenario) });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

if (!isMainThread && workerData === MEMBER_WORKER) serveMembers();
