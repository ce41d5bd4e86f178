// What a command needs from its process, passed in so a test can call the command in process:
// where it writes, and whether its module is the program node was started with.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a command writes: the process's streams on the command line, a test's strings in process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own stdout and stderr. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Whether the module at `url` (its import.meta.url) is the program node runs, not one a test imported. */
export function isProgram(url: string): boolean {
  const program = process.argv[1];
  if (!program) return false;
  try {
    return url === pathToFileURL(realpathSync(program)).href;
  } catch {
    return false;
  }
}
