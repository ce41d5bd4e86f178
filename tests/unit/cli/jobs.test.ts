// `--jobs` for ensembles (src/cli/jobs.ts): the members on worker threads give the same summary,
// and the same shard lines, byte for byte, as in one thread.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJobs } from '../../../src/cli/jobs.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { CHILD_PROCESS, sim } from '../helpers.ts';

describe('--jobs', CHILD_PROCESS, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-jobs-'));
  const file = join(dir, 'small.json');
  const base = loadPreset('workshop-outage')!;
  writeFileSync(
    file,
    JSON.stringify({ ...base, durationMinutes: 150, fleet: { ...base.fleet, hypervisors: 3, zones: 1 } }),
  );
  const spawn = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });

  it('an ensemble on three threads is the one-thread ensemble byte for byte (summary and shard lines)', () => {
    const args = ['--scenario', file, '--ensemble', '4', '--vary-assumptions', '--json'];
    const one = sim(...args, '--jobs', '1');
    expect(one.code).toBe(0);
    expect(spawn(...args, '--jobs', '3')).toBe(one.out);
    expect(spawn(...args, '--jobs', '2', '--shard', '1/2')).toBe(sim(...args, '--shard', '1/2').out);
  });

  it('reads --jobs: default the cores, a whole number 1..64 or a message', () => {
    expect(parseJobs(undefined)).toBeGreaterThanOrEqual(1);
    expect(parseJobs('2')).toBe(2);
    expect(parseJobs('65')).toMatch(/--jobs "65"/);
    expect(sim('--ensemble', '2', '--jobs', 'x').err).toMatch(/--jobs "x": expected a whole number/);
  });
});
