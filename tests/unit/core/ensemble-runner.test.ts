// The one member runner (core/ensemble/run.ts): the CLI drives it in process (runEnsembleMembers),
// "How sure?" and a sweep's worlds on a worker pool (ui/ensemble/pool-members.ts). The page's
// drivers are stood in for by an async run that finishes members out of order, as a pool does.
// The fixture is what the page's own copies of the loop reported before there was one runner.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EnsembleRunner,
  Simulation,
  assumptionRanges,
  memberOutcome,
  presetChanges,
  presetOf,
  runEnsembleMembers,
  runSummary,
  type EnsembleSummary,
  type MemberJob,
  type Summary,
} from '../../../src/core/index.ts';
import { loadPreset, parseScenario, setPath, type ValidScenario } from '../../../src/scenario/index.ts';
import { fingerprint } from '../../../src/ui/sweep/cliff.ts';
import { WHOLE_RUNS } from '../helpers.ts';

const FIXTURE = new URL('../fixtures/ensemble-runner.json', import.meta.url);
const before = JSON.parse(readFileSync(FIXTURE, 'utf8'));
// A model change moves these figures: UPDATE_ENSEMBLE_FIXTURE=1 rewrites them (on purpose, and say why in the commit)
const UPDATE = process.env.UPDATE_ENSEMBLE_FIXTURE === '1';
const pinned = (got: unknown, key: 'howSure' | 'sweep', sub?: 'ensemble' | 'first'): unknown => {
  const json = JSON.parse(JSON.stringify(got));
  if (UPDATE) {
    if (sub) before[key][sub] = json;
    else before[key] = json;
    writeFileSync(FIXTURE, JSON.stringify(before) + '\n');
  }
  return json;
};
const rows = assumptionRanges();
const preset = loadPreset('workshop-outage')!;
const edit = (s: ValidScenario, path: string, v: unknown): ValidScenario => {
  const c = structuredClone(s) as unknown as Record<string, unknown>;
  setPath(c, path, v);
  return parseScenario(c).scenario;
};

/** Like a worker pool: every job queued at once, each finishing after a delay that scrambles the order. */
async function onPool<R extends { summary: Summary }>(
  runner: EnsembleRunner,
  run: (s: ValidScenario) => R,
  onRun?: (job: MemberJob, r: R) => void,
): Promise<void> {
  await Promise.all(
    runner.jobs.map(async (job, k) => {
      const s = runner.scenario(job);
      await new Promise((resolve) => setTimeout(resolve, ((k * 7) % 5) * 3));
      const r = run(s);
      runner.record(job, r.summary);
      onRun?.(job, r);
    }),
  );
}

/**
 * The summary without what issue 25 changed after the fixture was written: `worlds` (which worlds
 * ran) and `vmsDown` (now capped at the fleet and no longer counting a QEMU abort twice).
 */
const unworlded = ({ worlds: _w, vmsDown: _v, ...rest }: EnsembleSummary) => rest;
const withoutVmsDown = <T extends { vmsDown: unknown }>({ vmsDown: _v, ...rest }: T) => rest;

describe('the member runner gives what each driver gave before', WHOLE_RUNS, () => {
  it('How sure? (the preset against the scenario on screen): the same odds, comparison and diff', async () => {
    const onScreen = edit(edit(preset, 'telemetry.buffer.whenFull', 'drop_newest'), 'seed', 7);
    const runner = new EnsembleRunner(
      presetOf(onScreen)!,
      { members: 6, varyAssumptions: true, fixed: [], b: onScreen },
      rows,
    );
    expect(runner.runsB).toBe(true);
    expect(runner.jobs).toHaveLength(12);
    await onPool(runner, (s) => ({ summary: runSummary(s) }));
    expect(runner.complete).toBe(true);
    const { a, b, compare, diff, identical } = runner.result();
    expect(identical).toBe(false);
    // issue 25 added which worlds an ensemble ran (here the prior); the numbers are the fixture's
    expect(a.worlds).toEqual({ source: 'prior' });
    const got = { a: unworlded(a), b: unworlded(b!), compare, diff };
    if (UPDATE)
      pinned({ ...got, a: { ...got.a, vmsDown: a.vmsDown }, b: { ...got.b, vmsDown: b!.vmsDown } }, 'howSure');
    const fixture = before.howSure;
    expect(JSON.parse(JSON.stringify(got))).toEqual({
      ...fixture,
      a: withoutVmsDown(fixture.a),
      b: withoutVmsDown(fixture.b),
    });
    const vms = runner.jobs
      .map((j) => runner.scenario(j))
      .map((s) => Object.values(s.fleet.vmMix).reduce((t, k) => t + k, 0) * s.fleet.hypervisors);
    expect(a.vmsDown.p95).toBeLessThanOrEqual(Math.max(...vms)); // distinct VMs: never more than the fleet
  });

  it("a sweep's worlds (own settings and the swept path never drawn): the same odds and first world", async () => {
    const point = edit(edit(preset, 'fleet.hypervisors', 30), 'telemetry.buffer.whenFull', 'drop_newest');
    const fixed = [...presetChanges(point).map((c) => c.path), 'telemetry.buffer.whenFull'];
    expect(fixed).toEqual(before.sweep.fixed);
    const runner = new EnsembleRunner(point, { members: 5, varyAssumptions: true, fixed }, rows);
    let first: { panicked: number; vmsDown: unknown; fingerprint: unknown } | null = null;
    await onPool(
      runner,
      (s) => {
        const sim = new Simulation(s, { record: 'series' });
        sim.advance(sim.totalSteps);
        return sim.result();
      },
      (job, r) => {
        if (job.member.index === 0)
          first = {
            panicked: r.summary.hypervisors.panicked,
            vmsDown: r.summary.vms,
            fingerprint: fingerprint(r.events),
          };
      },
    );
    const ensemble = runner.result().a;
    if (UPDATE) pinned({ ...unworlded(ensemble), vmsDown: ensemble.vmsDown }, 'sweep', 'ensemble');
    expect(JSON.parse(JSON.stringify(unworlded(ensemble)))).toEqual(withoutVmsDown(before.sweep.ensemble));
    expect(pinned(first, 'sweep', 'first')).toEqual(before.sweep.first);
  });

  it('the CLI driver and a pool driver give the same lines, in index order, whatever order members finish', async () => {
    const s = edit(preset, 'durationMinutes', 120);
    const b = edit(s, 'telemetry.buffer.whenFull', 'drop_newest');
    const options = { members: 4, varyAssumptions: true, b };
    const cli = runEnsembleMembers(s, options, rows);
    const runner = new EnsembleRunner(s, options, rows);
    await onPool(runner, (x) => ({ summary: runSummary(x) }));
    expect(runner.lines()).toEqual(cli);
    expect(cli.map((l) => l.a.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('the runner on its own', () => {
  const s = edit(preset, 'durationMinutes', 60);

  it('a shard owns every Nth member; a line is out only when both sides are in', () => {
    const b = edit(s, 'telemetry.buffer.whenFull', 'drop_newest');
    const runner = new EnsembleRunner(s, { members: 5, varyAssumptions: false, b, shard: { part: 2, count: 2 } }, rows);
    expect(runner.jobs.map((j) => `${j.member.index}${j.side}`)).toEqual(['1a', '1b', '3a', '3b']);
    const summary = runSummary(runner.scenario(runner.jobs[0]));
    expect(runner.record(runner.jobs[0], summary)).toEqual([]); // A of member 1: B still out
    expect(runner.complete).toBe(false);
    expect(runner.record(runner.jobs[1], summary)).toMatchObject([{ a: { index: 1 }, b: { index: 1 } }]);
    expect(runner.lines()).toHaveLength(1);
  });

  it('runs a world that several members repeat once, and gives each member its summary', WHOLE_RUNS, () => {
    // calibrated worlds are resampled by weight, so a heavy world is several members: the 2024
    // preset's 32 calibrated members (cut to 2 minutes: the worlds are the same) hold repeats
    const s24 = edit(loadPreset('clevercloud-2024-08-02')!, 'durationMinutes', 2);
    const b = edit(s24, 'telemetry.buffer.whenFull', 'drop_newest');
    const runner = new EnsembleRunner(s24, { members: 32, varyAssumptions: true, worlds: 'calibrated', b }, rows);
    expect(runner.plan.worlds?.source).toBe('calibrated');
    const world = (m: { seed: number; draws: unknown }) => `${m.seed} ${JSON.stringify(m.draws)}`;
    const distinct = new Set(runner.plan.members.map(world));
    expect(distinct.size).toBeLessThan(32);
    expect(runner.jobs).toHaveLength(2 * distinct.size); // A and B once per world
    const members = runner.jobs.filter((j) => j.side === 'a').flatMap((j) => runner.membersOf(j));
    expect(members.map((m) => m.index).sort((x, y) => x - y)).toEqual([...Array(32).keys()]);
    for (const job of runner.jobs) runner.record(job, runSummary(runner.scenario(job)));
    expect(runner.complete).toBe(true);
    const lines = runner.lines();
    expect(lines.map((l) => [l.a.index, l.b!.index])).toEqual([...Array(32).keys()].map((i) => [i, i]));
    // a repeated member, run on its own, gives what it was given (its run is its world's)
    const runs = new Set(runner.jobs.map((j) => j.member.index));
    const repeat = runner.plan.members.find((m) => !runs.has(m.index))!;
    const own = runSummary(runner.scenario({ member: repeat, side: 'b' }));
    expect(lines[repeat.index].b).toEqual(memberOutcome(repeat.index, repeat.seed, repeat.draws, own));
  });

  it('does not run a B that sets every parameter as A does', () => {
    const copy = parseScenario({ ...s, title: 'another name' }).scenario;
    const runner = new EnsembleRunner(s, { members: 3, varyAssumptions: false, b: copy }, rows);
    expect(runner.identical).toBe(true);
    expect(runner.runsB).toBe(false);
    expect(runner.jobs.every((j) => j.side === 'a')).toBe(true);
  });

  it('a member scenario is its side with the member seed, validated (seed + index)', () => {
    const runner = new EnsembleRunner(s, { members: 3, varyAssumptions: false }, rows);
    expect(runner.jobs.map((j) => runner.scenario(j).seed)).toEqual([s.seed, s.seed + 1, s.seed + 2]);
    expect(parseScenario(runner.scenario(runner.jobs[2])).issues).toEqual([]);
  });
});
