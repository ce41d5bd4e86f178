// "Current vs proposed": two explicit scenarios A and B on the same worlds (same seeds, same
// assumption draws), through the core API. The command line's --proposed-config: cli/proposed-config.test.ts.
import { readFileSync } from 'node:fs';
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
import { runEnsembleCli } from '../../../src/cli/ensemble.ts';

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
