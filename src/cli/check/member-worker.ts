// A worker thread that runs ensemble members for `check` (run.ts): it gets A, B and a member,
// and answers with the member's outcomes. It starts serving when loaded in a worker whose
// workerData is MEMBER_WORKER: this file itself under tsx, or the bundled CLI (bin.ts imports it).

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Member } from '../../core/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { runMember } from './run.ts';

export const MEMBER_WORKER = 'cascade-check-member';

export function serveMembers(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (msg: { a: Scenario; b: Scenario | null; member: Member }) => {
    try {
      port.postMessage({ index: msg.member.index, line: runMember(msg.a, msg.b, msg.member) });
    } catch (e) {
      port.postMessage({ index: msg.member.index, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

if (!isMainThread && workerData === MEMBER_WORKER) serveMembers();
