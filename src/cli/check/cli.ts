// `check` from the repository (`npm run -s sim -- check ...`, under tsx). A worker thread does
// not inherit tsx's loader, so each member worker registers it before loading member-worker.ts.

import { Worker } from 'node:worker_threads';
import pkg from '../../../package.json' with { type: 'json' };
import { checkMain } from './main.ts';
import { MEMBER_WORKER } from './member-worker.ts';

function tsxWorker(): Worker {
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./member-worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); })`, {
    eval: true,
    workerData: MEMBER_WORKER,
  });
}

export function checkCli(argv: string[]): Promise<number> {
  return checkMain(
    argv,
    { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
    { version: pkg.version, command: 'npm run -s sim -- check', worker: tsxWorker },
  );
}
