// `check` in process (members in this thread): the exit code and what it printed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMain, type CheckHost } from '../../../src/cli/check/main.ts';

export const F = 'tests/unit/fixtures/configs';
export const HOST: CheckHost = { version: '0.0.0-test', command: 'cascade check' };
/** a small fleet over two worlds: a check in about a second */
export const SMALL = ['--set', 'fleet.hypervisors=3', '--worlds', '2', '--worlds-from', 'seeds'];
/** current: Vector's documented buffer (block when full); proposed: drop the newest events */
export const BLOCK_TO_DROP = ['--config', `${F}/vector-current.toml`, '--proposed-config', `${F}/vector-proposed.toml`];
export const DROP_TO_BLOCK = ['--config', `${F}/vector-proposed.toml`, '--proposed-config', `${F}/vector-current.toml`];

export async function check(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await checkMain(argv, { out: (t) => (out += t), err: (t) => (err += t) }, HOST);
  return { code, out, err };
}

/** A temporary directory with these files in it; returns its path. */
export function files(named: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-check-'));
  for (const [name, text] of Object.entries(named)) writeFileSync(join(dir, name), text);
  return dir;
}
