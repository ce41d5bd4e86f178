// The package's `cascade` command (bundled by vite.cli.config.ts into dist-cli/cascade.js, so it
// runs on plain Node without tsx):
//   cascade check ...     current vs proposed configs judged by a policy (check --help)
//   cascade action        the GitHub Action's step (action.yml): inputs from INPUT_* variables
// In a worker thread the same file serves ensemble members (member-worker.ts).

import { fileURLToPath } from 'node:url';
import { Worker, isMainThread } from 'node:worker_threads';
import pkg from '../../../package.json' with { type: 'json' };
import { actionMain } from './action.ts';
import { checkMain, type CheckHost } from './main.ts';
import { MEMBER_WORKER } from './member-worker.ts';

const USAGE = `cascade ${pkg.version}: simulates how cloud fleets fall over
usage: cascade check --config FILE... --proposed-config FILE... [--worlds N] [--policy FILE] [--format text|markdown|json]
       cascade check --help
       cascade --version
`;

async function main(argv: string[]): Promise<number> {
  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) };
  const self = fileURLToPath(import.meta.url);
  const host: CheckHost = {
    version: pkg.version,
    command: 'cascade check',
    worker: () => new Worker(self, { workerData: MEMBER_WORKER }),
  };
  const [command, ...rest] = argv;
  if (command === 'check') return checkMain(rest, io, host);
  if (command === 'action') return actionMain(process.env, io, host);
  if (command === '--version' || command === '-v') {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  io.err(`cascade: unknown command ${JSON.stringify(command)}\n${USAGE}`);
  return 2;
}

if (isMainThread) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
