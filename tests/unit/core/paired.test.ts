// "Current vs proposed": two explicit scenarios A and B on the same worlds (same seeds, same
// assumption draws), from the core API up to `sim --config ... --proposed-config ...`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  changedPaths,
  comparePaired,
  describeComparison,
  planPaired,
  runEnsembleMembers,
} from '../../../src/core/index.ts';
import {
  applyConfigs,
  importConfig,
  loadPreset,
  parseScenario,
  proposedImports,
  type Scenario,
  type ValidScenario,
} from '../../../src/scenario/index.ts';
import { mergeCli, runEnsembleCli } from '../../../src/cli/ensemble.ts';

const F = 'tests/unit/fixtures/configs';
const CURRENT = `${F}/vector-current.toml`;
const PROPOSED = `${F}/vector-proposed.toml`;

/** the workshop outage on 3 hosts for 3 h (panics in every world with the agent blocking) */
function small(): ValidScenario {
  const base = loadPreset('workshop-outage')!;
  return parseScenario({ ...base, durationMinutes: 180, fleet: { ...base.fleet, hypervisors: 3, zones: 1 } }).scenario;
}

/** the scenario with a Vector file applied, as the CLI and the page do */
function withVector(s: Scenario, file: string): ValidScenario {
  const imp = importConfig(readFileSync(file, 'utf8'), { filename: file });
  expect(imp.error).toBeNull();
  return applyConfigs(s as never, [imp]).scenario;
}

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('paired ensembles of two scenarios', () => {
  it('runs B on the same worlds: a change with no effect gives equal results in every world, draws and all', () => {
    const a = small();
    // admission locking only matters during a maintenance window, and this scenario has none
    const b = parseScenario({
      ...a,
      migration: { ...a.migration, admissionLock: !a.migration.admissionLock },
    }).scenario;
    const lines = runEnsembleMembers(a, { members: 4, varyAssumptions: true, b }, assumptionRanges());
    const diff = changedPaths(a, b);
    expect(diff).toEqual([
      { path: 'migration.admissionLock', value: b.migration.admissionLock, from: a.migration.admissionLock },
    ]);
    for (const l of lines) expect(l.b).toEqual(l.a); // same seed, same draws, same outcome
    const c = comparePaired(
      diff,
      lines.map((l) => l.a),
      lines.map((l) => l.b!),
    );
    expect(c).toMatchObject({ members: 4, equal: 4, bFewerPanics: 0, bMorePanics: 0 });
    // and the draws were real: the worlds differ from each other
    expect(new Set(lines.map((l) => JSON.stringify(l.a.draws))).size).toBe(4);
  });

  it('does not run B when it sets every parameter as A does', () => {
    const a = small();
    const copy = parseScenario(JSON.parse(JSON.stringify({ ...a, title: 'another name' }))).scenario;
    const { diff } = planPaired(a, copy, { members: 2, varyAssumptions: false }, assumptionRanges());
    expect(diff).toEqual([]);
    const lines = runEnsembleMembers(a, { members: 2, varyAssumptions: false, b: copy }, assumptionRanges());
    expect(lines.every((l) => l.b === undefined)).toBe(true);
    const out: string[] = [];
    runEnsembleCli(a, { members: 2, varyAssumptions: false, fixed: [], b: copy }, (t) => out.push(t), true);
    const r = JSON.parse(out.join(''));
    expect(r.diff).toEqual([]);
    expect(r.compare).toBeUndefined();
    expect(r.words[1]).toMatch(/B sets every parameter as A does.*B was not run/);
  });

  it('a known-better proposed Vector config (drop_newest) has fewer panics in every world', () => {
    const a = withVector(small(), CURRENT);
    const b = withVector(small(), PROPOSED);
    expect(changedPaths(a, b)).toEqual([{ path: 'telemetry.buffer.whenFull', value: 'drop_newest', from: 'block' }]);
    const lines = runEnsembleMembers(a, { members: 4, varyAssumptions: false, b }, assumptionRanges());
    const c = comparePaired(
      changedPaths(a, b),
      lines.map((l) => l.a),
      lines.map((l) => l.b!),
    );
    expect(c.bFewerPanics).toBe(4);
    expect(c.bRemovesEveryPanic).toBe(4);
    expect(describeComparison(c)).toMatch(
      /^telemetry\.buffer\.whenFull block -> drop_newest: removes every panic in 4 of 4 worlds; .* it drops \d+% of events \(was 0%\)$/,
    );
  });

  it('a proposed file replaces the current files of its kind and keeps the others', () => {
    const vec = importConfig(readFileSync(CURRENT, 'utf8'), { filename: CURRENT });
    const sysctl = importConfig(readFileSync(`${F}/sysctl-a.txt`, 'utf8'), {
      kind: 'sysctl',
      filename: 'sysctl-a.txt',
    });
    const proposed = importConfig(readFileSync(PROPOSED, 'utf8'), { filename: PROPOSED });
    const broken = importConfig('[sinks.a\n', { kind: 'vector', filename: 'broken.toml' });
    const b = proposedImports([vec, sysctl], [proposed, broken]);
    expect(b.map((i) => [i.source, i.inherited ?? false])).toEqual([
      ['sysctl-a.txt', true],
      [PROPOSED, false],
    ]);
  });
});

describe('sim --config ... --proposed-config ...', () => {
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
