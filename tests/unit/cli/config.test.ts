// --config on the command line: files applied after the preset and before --set, reported in JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, WHOLE_RUNS } from '../helpers.ts';

const F = 'tests/unit/fixtures/configs';

describe('sim --config', WHOLE_RUNS, () => {
  it('applies the files, lists what each set, and --set still wins', () => {
    const r = sim(
      '--json',
      '--set',
      'fleet.hypervisors=3',
      '--config',
      `${F}/vector-pulsar.toml`,
      '--config',
      `sysctl:${F}/sysctl-a.txt`,
      '--set',
      'hypervisor.hungTaskTimeoutSeconds=600',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.configs.map((c: { kind: string }) => c.kind)).toEqual(['vector', 'sysctl']);
    expect(s.configs[0].set).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'telemetry.buffer.whenFull', value: 'drop_newest', line: 26 }),
      ]),
    );
    expect(s.configs[1].set).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'hypervisor.hungTaskTimeoutSeconds', value: 240 })]),
    );
    // the disk buffer took effect: the same fleet without the configs panics
    expect(s.hypervisors.panicked).toBe(0);
    const plain = JSON.parse(sim('--json', '--set', 'fleet.hypervisors=3').out);
    expect(plain.hypervisors.panicked).toBeGreaterThan(0);
    expect(plain.configs).toBeUndefined();
  });

  it('exits 2 naming the file and line for a config that does not parse, and for a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-config-'));
    const bad = join(dir, 'vector.toml');
    writeFileSync(bad, '[sinks.a]\ntype = "pulsar"\n[sinks.a\n');
    const r = sim('--config', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--config .*vector\.toml:3: .*\(nothing applied\)/);
    const missing = sim('--config', join(dir, 'nope.conf'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
    const unknown = sim('--config', '/dev/null');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/cannot tell what kind of config/);
  });
});
