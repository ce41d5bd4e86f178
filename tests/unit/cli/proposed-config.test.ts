// sim --config ... --proposed-config ...: the paired ensemble of the current and the proposed configs
// on the same worlds, what each file set, a proposed file that changes nothing or does not parse, and
// shards that merge to the whole run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCli } from '../../../src/cli/merge.ts';
import { sim, WHOLE_RUNS } from '../helpers.ts';

const F = 'tests/unit/fixtures/configs';
const CURRENT = `${F}/vector-current.toml`;
const PROPOSED = `${F}/vector-proposed.toml`;

describe('sim --config ... --proposed-config ...', WHOLE_RUNS, () => {
  const small3 = ['--set', 'fleet.hypervisors=3', '--set', 'fleet.zones=1', '--set', 'durationMinutes=180'];

  it('runs the paired ensemble and lists what each file set, for A and B, and the diff', () => {
    const r = sim(
      ...small3,
      '--ensemble',
      '2',
      '--json',
      '--config',
      CURRENT,
      '--config',
      `sysctl:${F}/sysctl-a.txt`,
      '--proposed-config',
      PROPOSED,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.configs.current.map((c: { file: string }) => c.file)).toEqual([CURRENT, `${F}/sysctl-a.txt`]);
    expect(out.configs.current[0].set).toContainEqual(
      expect.objectContaining({ path: 'telemetry.buffer.whenFull', value: 'block', line: 18 }),
    );
    // B: the proposed Vector file, and the current sysctl (no proposed file of that kind)
    expect(out.configs.proposed.map((c: { file: string; inherited?: boolean }) => [c.file, !!c.inherited])).toEqual([
      [`${F}/sysctl-a.txt`, true],
      [PROPOSED, false],
    ]);
    expect(out.configs.proposed[1].set).toContainEqual(
      expect.objectContaining({ path: 'telemetry.buffer.whenFull', value: 'drop_newest', line: 17 }),
    );
    expect(out.diff).toEqual([{ path: 'telemetry.buffer.whenFull', value: 'drop_newest', from: 'block' }]);
    // on 3 heterogeneous hosts a world may have no panic to remove: drop_newest is never worse, and
    // removes every panic in each world that had one
    expect(out.compare).toMatchObject({ members: 2, bMorePanics: 0 });
    expect(out.compare.bFewerPanics).toBeGreaterThanOrEqual(1);
    expect(out.compare.bFewerPanics + out.compare.equal).toBe(2);
    expect(out.compare.bRemovesEveryPanic).toBe(out.compare.bFewerPanics);
    expect(out.words[1]).toMatch(
      /^telemetry\.buffer\.whenFull block -> drop_newest: (removes every panic|fewer panics) in [12] of 2/,
    );
  });

  it('says so when the proposed configs change nothing, and names a proposed file that does not parse', () => {
    const same = sim(...small3, '--ensemble', '1', '--config', CURRENT, '--proposed-config', CURRENT);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/the proposed side sets every parameter as the current side does.*was not run/);
    const dir = mkdtempSync(join(tmpdir(), 'cascade-proposed-'));
    const bad = join(dir, 'vector.toml');
    writeFileSync(bad, '[sinks.a]\ntype = "pulsar"\n[sinks.a\n');
    const r = sim('--config', CURRENT, '--proposed-config', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--proposed-config .*vector\.toml:3: .*\(nothing applied\)/);
    const both = sim('--proposed-config', PROPOSED, '--against', 'telemetry.buffer.whenFull=drop_newest');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/use one of them/);
    const refused = sim('--against', 'telemetry.buffer.whenFull=nope');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--against telemetry\.buffer\.whenFull: must be one of/);
  });

  it('shards of a current vs proposed ensemble merge to the whole run byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-proposed-shards-'));
    const args = [...small3, '--ensemble', '3', '--json', '--config', CURRENT, '--proposed-config', PROPOSED];
    const whole = sim(...args);
    expect(whole.code).toBe(0);
    const files = [1, 2].map((k) => {
      const f = join(dir, `part-${k}.jsonl`);
      writeFileSync(f, sim(...args, '--shard', `${k}/2`).out);
      return f;
    });
    const merged: string[] = [];
    expect(
      mergeCli(
        files,
        true,
        (t) => merged.push(t),
        () => {},
      ),
    ).toBe(0);
    expect(merged.join('')).toBe(whole.out);
  });
});
