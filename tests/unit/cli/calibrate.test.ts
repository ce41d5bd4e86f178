// `sim calibrate` (src/cli/calibrate.ts): the report's JSON shape, shards that merge to the
// whole calibration byte for byte wave by wave (a cluster's way: shards of wave 0, merge, shards
// of wave 1 --from the lines so far, merge), bad input refused with a message, and the same
// result on worker threads (--jobs 2, a child process) as in one thread. Two worlds a wave, two
// waves, of the 2022 preset (its runs are the cheapest of the incidents), summary mode.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateCli } from '../../../src/cli/calibrate.ts';
import { checkWorldLine } from '../../../src/cli/calibrate-lines.ts';
import { mergeCli } from '../../../src/cli/merge.ts';
import { distance } from '../../../src/core/index.ts';
import { incidentOf, readCalibratedData } from '../../../src/scenario/index.ts';
import { CHILD_PROCESS, WHOLE_RUNS } from '../helpers.ts';

const P22 = 'clevercloud-2022-04';

async function calibrate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await calibrateCli(args, { out: (t) => void (out += t), err: (t) => void (err += t) }, false);
  return { code, out, err };
}

const merge = (files: string[], json: boolean) => {
  let out = '',
    err = '';
  const code = mergeCli(
    files,
    json,
    (t) => void (out += t),
    (t) => void (err += t),
  );
  return { code, out, err };
};

describe('sim calibrate', { ...WHOLE_RUNS, ...CHILD_PROCESS, timeout: WHOLE_RUNS.timeout }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-calibrate-'));
  const args = ['--scenario', P22, '--worlds', '2', '--waves', '2'];
  let whole = '';

  it('reports tried, accepted, each observation and each constant: prior against posterior', async () => {
    const out = join(dir, 'out.json');
    const r = await calibrate(...args, '--json', '--out', out);
    expect(r.code).toBe(0);
    whole = r.out;
    expect(readFileSync(out, 'utf8')).toBe(whole);
    const { calibration: c } = JSON.parse(whole);
    expect(c).toMatchObject({ scenario: P22, seed: 1, incident: 'what happened in April 2022', next: null });
    expect(c.accepted).toBe(c.worlds.length);
    // wave 1 moves the population inside the tolerance (the nearer world: half of 2 is not fewer
    // than half, so no resampling back to 2)
    expect(c.waves.map((w: { proposed: number }) => w.proposed)).toEqual([2, 1]);
    expect(c.tried).toBe(3);
    for (const w of c.waves) expect(w.effective).toBeGreaterThan(0);
    expect(typeof c.lineages).toBe('number');
    expect(typeof c.heaviestWeight).toBe('number');
    // the tolerance falls (to 0 only once half the population fits); a calibrated world fits every observation
    expect(c.waves[1].tolerance).toBeLessThan(c.waves[0].tolerance);
    for (const w of c.worlds) expect(distance(incidentOf(P22)!, w.figures)).toBe(0);
    expect(c.observations.map((o: { id: string }) => o.id)).toEqual([
      'first-crash',
      'crashes-go-on',
      'crash-hosts',
      'no-panic',
    ]);
    for (const o of c.observations) expect(o.inside).toBeLessThanOrEqual(3);
    const pool = c.constants.find((k: { path: string }) => k.path === 'proxy.poolMaxConnections');
    expect(pool.prior[0]).toBeLessThan(pool.prior[1]);
    for (const k of c.constants)
      if (k.posterior) expect(k.posterior[0] >= k.prior[0] && k.posterior[1] <= k.prior[1]).toBe(true);
    // the report is the calibrated data's format
    expect(readCalibratedData(JSON.parse(whole))).toMatchObject({ preset: P22, tried: 3, seed: 1 });
  });

  it('shards merge to the whole calibration byte for byte, wave by wave; a damaged line is refused', async () => {
    const shards = async (wave: number, from: string[]) =>
      Promise.all(
        [1, 2].map(async (k) => {
          const r = await calibrate(...(from.length ? ['--from', ...from] : args), '--shard', `${k}/2`);
          expect(r.code, r.err).toBe(0);
          // wave 0: one world a shard; wave 1 moves one world: shard 1's (shard 2 prints none)
          expect(r.out.split('\n').filter(Boolean)).toHaveLength(wave === 1 && k === 2 ? 0 : 1);
          const f = join(dir, `wave-${wave}-part-${k}.jsonl`);
          writeFileSync(f, r.out);
          return f;
        }),
      );
    const wave0 = await shards(0, []);
    // wave 0 merged: not over yet, it names the next wave
    const mid = JSON.parse(merge(wave0, true).out).calibration;
    expect(mid.next).toMatchObject({ wave: 1 });
    expect(mid.worlds).toEqual([]);
    const wave1 = await shards(1, wave0);
    const all = [...wave0, ...wave1];
    expect(merge(all, true).out).toBe(whole);
    // the whole calibration run --from the lines so far is the same too
    expect((await calibrate('--from', ...wave0, '--json')).out).toBe(whole);
    expect(merge([wave0[0], ...wave1], true)).toMatchObject({
      code: 2,
      err: expect.stringContaining('1 of 2 worlds of wave 0 missing (first: 1)'),
    });
    const line = JSON.parse(readFileSync(wave1[0], 'utf8'));
    expect(checkWorldLine({ ...line, seed: 9 })).toEqual({ error: 'seed must be 3 for world 0 of wave 1 (got 9)' });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ ...line, draws: line.draws.slice(1) }) + '\n');
    expect(merge([...wave0, bad], true).err).toMatch(/bad\.jsonl:1: draws must hold one value per assumption/);
    // a world of wave 1 that is not the one wave 0 proposes (its draws edited within the range)
    const moved = join(dir, 'moved.jsonl');
    const draws = [...line.draws];
    const j = line.header.assumptions.findIndex((a: { lo: number; hi: number }) => a.hi > a.lo);
    const a = line.header.assumptions[j];
    draws[j] = draws[j] === a.lo ? a.hi : a.lo;
    writeFileSync(moved, JSON.stringify({ ...line, draws }) + '\n');
    expect(merge([...wave0, moved], true).err).toContain('wave 1: world 0 is not the world the waves before propose');
    expect((await calibrate('--from', ...all, '--shard', '1/2')).err).toContain('the calibration is over');
  });

  it('refuses a preset without an incident, and bad numbers, naming the flag', async () => {
    const w = await calibrate('--scenario', 'workshop-outage', '--worlds', '2');
    expect(w.code).toBe(2);
    expect(w.err).toContain('replays no incident');
    const n = await calibrate('--scenario', P22, '--worlds', 'many', '--jobs', '0');
    expect(n.err).toMatch(/--worlds many: expected a whole number/);
    expect(n.err).toMatch(/--jobs "0": expected a whole number of threads/);
  });

  it('--first: wave 0 runs more prior worlds and hands on the nearest; shards merge to it byte for byte', async () => {
    // lines of a calibration without --first carry no `first` (they read as before it existed)
    const plain = await calibrate(...args, '--shard', '1/2');
    expect(JSON.parse(plain.out.split('\n')[0]).header).not.toHaveProperty('first');
    const firstArgs = [...args, '--first', '4'];
    const r = await calibrate(...firstArgs, '--json');
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out).calibration;
    // wave 0: 4 worlds, the 2 nearest go on (neither farther than the tolerance wave 0 reports)
    expect(c.waves[0]).toMatchObject({ wave: 0, proposed: 4, accepted: 2 });
    expect(c.waves[1].proposed).toBeLessThanOrEqual(2);
    expect(c.tried).toBe(4 + c.waves[1].proposed);
    const parts = async (from: string[], wave: number) =>
      Promise.all(
        [1, 2].map(async (k) => {
          const s = await calibrate(...(from.length ? ['--from', ...from] : firstArgs), '--shard', `${k}/2`);
          expect(s.code, s.err).toBe(0);
          const f = join(dir, `first-${wave}-${k}.jsonl`);
          writeFileSync(f, s.out);
          return f;
        }),
      );
    const wave0 = await parts([], 0);
    const lines0 = wave0.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
    expect(lines0.map((l) => l.index).sort()).toEqual([0, 1, 2, 3]);
    expect(lines0[0].header.first).toBe(4);
    const wave1 = await parts(wave0, 1);
    expect(merge([...wave0, ...wave1], true).out).toBe(r.out);
    expect((await calibrate('--from', ...wave0, '--json')).out).toBe(r.out);
    // wave 0 holds indices up to first - 1, a later wave up to worlds - 1; the seeds of wave 1 come after wave 0's 4
    const l1 = JSON.parse(readFileSync(wave1[0], 'utf8').split('\n')[0]);
    expect(l1.seed).toBe(1 + 4 + l1.index);
    expect(checkWorldLine({ ...l1, index: 3, seed: 8 })).toEqual({
      error: 'index must be a whole number in 0..1 (got 3)',
    });
    expect(checkWorldLine({ ...lines0[0], header: { ...lines0[0].header, first: 1 } })).toEqual({
      error: 'header.first must be a whole number in 2..100000 (got 1)',
    });
  });

  it('--first: refused below --worlds, or with --from (the lines carry it)', async () => {
    const low = await calibrate(...args, '--first', '1');
    expect(low.code).toBe(2);
    expect(low.err).toContain('--first 1: wave 0 runs at least the 2 worlds of a wave (--worlds)');
    const frac = await calibrate(...args, '--first', '2.5');
    expect(frac.err).toContain('--first 2.5: expected a whole number');
    const from = await calibrate('--from', join(dir, 'first-0-1.jsonl'), '--first', '8');
    expect(from.err).toContain('--first: with --from, the calibration is the one the lines carry');
  });

  it('gives the same result on two worker threads (--jobs 2) as in one thread', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', 'calibrate', ...args, '--json', '--jobs', '2'],
      { encoding: 'utf8' },
    );
    expect(out).toBe(whole);
  });
});
