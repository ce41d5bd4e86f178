// The ensemble on the command line (src/cli/ensemble.ts): a paired comparison's output, shards that
// merge to the whole run byte for byte, and flags refused with a message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeIn, withChanges } from '../../../src/core/index.ts';
import { loadPreset, parseScenario, type ValidScenario, type WorldSource } from '../../../src/scenario/index.ts';
import { runEnsembleCli, parseShard, parseMembers, parseAgainst, readable } from '../../../src/cli/ensemble.ts';
import { WHOLE_RUNS } from '../helpers.ts';
import { mergeCli } from '../../../src/cli/merge.ts';

/** the workshop outage on 3 hosts for 3 h: panics in every world */
function small(over: Record<string, unknown> = {}): ValidScenario {
  const base = loadPreset('workshop-outage')!;
  return parseScenario({ ...base, durationMinutes: 180, fleet: { ...base.fleet, hypervisors: 3, zones: 1 }, ...over })
    .scenario;
}

describe('ensemble odds', () => {
  it('compares B on the same worlds: drop_newest removes every panic', WHOLE_RUNS, () => {
    const out: string[] = [];
    runEnsembleCli(
      small(),
      {
        members: 4,
        varyAssumptions: false,
        fixed: [],
        b: withChanges(small(), [{ path: 'telemetry.buffer.whenFull', value: 'drop_newest' }]).scenario,
      },
      (t) => out.push(t),
      true,
    );
    const r = JSON.parse(out.join(''));
    expect(r.compare).toMatchObject({ members: 4, bFewerPanics: 4, bMorePanics: 0, bRemovesEveryPanic: 4 });
    expect(r.compare.b.droppedPercentMean).toBeGreaterThan(r.compare.a.droppedPercentMean);
    expect(r.words[1]).toContain('removes every panic in 4 of 4 worlds');
  });
});

describe('world 1 and calibrated worlds', WHOLE_RUNS, () => {
  // the 2024 preset on 3 hosts: its calibrated worlds with the user's fleet, a run a fraction of a second
  const tiny = (seed: number) => {
    const base = loadPreset('clevercloud-2024-08-02')!;
    return parseScenario({ ...base, seed, fleet: { ...base.fleet, hypervisors: 3, zones: 1 } }).scenario;
  };
  const output = (seed: number, json: boolean, worlds: WorldSource = 'calibrated') => {
    const out: string[] = [];
    runEnsembleCli(
      tiny(seed),
      { members: 3, varyAssumptions: worlds !== 'seeds', worlds, fixed: [] },
      (t) => out.push(t),
      json,
    );
    return out.join('');
  };
  const text = (seed: number) => readable(JSON.parse(output(seed, true))).split('\n')[0];

  it('places world 1, the run itself, among the worlds on each figure, and says so', () => {
    for (const worlds of ['calibrated', 'prior', 'seeds'] as const) {
      const r = JSON.parse(output(1, true, worlds));
      const lines: string[] = [];
      runEnsembleCli(
        tiny(1),
        { members: 3, varyAssumptions: worlds !== 'seeds', worlds, fixed: [], shard: { part: 1, count: 1 } },
        (t) => lines.push(t),
        false,
      );
      const a = lines.map((l) => JSON.parse(l).a);
      expect(JSON.parse(lines[0]).header.world1IsRun, worlds).toBe(true);
      expect(r.run.panicked, worlds).toEqual(
        placeIn(
          a.map((x) => x.panicked),
          a[0].panicked,
        ),
      );
      expect(r.run.vmsDown, worlds).toEqual(
        placeIn(
          a.map((x) => x.vmsDown),
          a[0].vmsDown,
        ),
      );
      expect(readable(r).split('\n')[2], worlds).toMatch(
        /^world 1, this scenario: panicked \d+ \(percentile \d+, (inside|outside) the p05-p95 band\); VMs down \d+ /,
      );
    }
    // calibrated worlds at another seed than the calibration's: no world is the run, nothing placed
    const other = JSON.parse(output(2, true));
    expect(other.run).toBeUndefined();
    expect(readable(other)).not.toContain('world 1, this scenario');
  });

  it("says world 1 is the scenario itself at the calibration's seed, and not at another", () => {
    expect(text(1)).toMatch(
      /^clevercloud-2024-08-02 \(3 calibrated worlds: world 1 is this scenario itself \(seed 1\), the others of seeds up to \d+\)$/,
    );
    expect(text(2)).toMatch(/^clevercloud-2024-08-02 \(3 calibrated worlds of seeds \d+ to \d+\)$/);
  });
});

describe('shards', () => {
  it('merge to the whole run byte for byte, and the whole run is the same every time', () => {
    const s = small();
    const opts = { members: 5, varyAssumptions: true, fixed: [] };
    const whole: string[] = [];
    runEnsembleCli(s, opts, (t) => whole.push(t), true);
    const again: string[] = [];
    runEnsembleCli(s, opts, (t) => again.push(t), true);
    expect(again).toEqual(whole);
    const dir = mkdtempSync(join(tmpdir(), 'cascade-shards-'));
    const files = [1, 2].map((part) => {
      const lines: string[] = [];
      runEnsembleCli(s, { ...opts, shard: { part, count: 2 } }, (t) => lines.push(t), true);
      const f = join(dir, `part-${part}.jsonl`);
      writeFileSync(f, lines.join(''));
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
    expect(merged.join('')).toBe(whole.join(''));
    // a missing shard is refused with a message
    const errors: string[] = [];
    expect(
      mergeCli(
        files.slice(0, 1),
        true,
        () => {},
        (t) => errors.push(t),
      ),
    ).toBe(2);
    expect(errors[0]).toMatch(/2 of 5 members missing/);
  });

  it('refuses bad flags with a message', () => {
    expect(parseShard('3/2')).toMatch(/K\/N/);
    expect(parseShard('1/2')).toEqual({ part: 1, count: 2 });
    expect(parseMembers('0')).toMatch(/1\.\.256/);
    expect(parseMembers('1e3')).toMatch(/whole number/);
    expect(parseAgainst(['nope=1']).errors[0]).toMatch(/parameter path/);
  });
});
