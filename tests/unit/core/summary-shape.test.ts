// The summary has one description (core/summary-shape.ts): what the core computes and what the
// persist layer accepts both follow it. These fail when a field is added to one and not the other.
import { describe, expect, it } from 'vitest';
import { ADDED_LATER, SUMMARY_SHAPE, Simulation, shapePaths, shapeProblem } from '../../../src/core/index.ts';
import { loadPreset, presetNames } from '../../../src/scenario/index.ts';
import { checkRun } from '../../../src/persist/records.ts';
import { run, scenarioWith } from '../helpers.ts';

/** every leaf path of a plain value, with 'counts' objects (open keys) as one leaf */
function valuePaths(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object') return [prefix];
  if (prefix === 'controlPlane.byKind') return [prefix];
  return Object.entries(v).flatMap(([k, x]) => valuePaths(x, prefix ? `${prefix}.${k}` : k));
}

describe('the summary shape', () => {
  for (const name of presetNames()) {
    it(`${name}: the core's summary has exactly the fields of SUMMARY_SHAPE, with their types`, () => {
      const sim = new Simulation(loadPreset(name)!);
      sim.advance(120);
      const r = sim.result();
      expect(valuePaths(r.summary).sort()).toEqual(shapePaths(SUMMARY_SHAPE).sort());
      expect(shapeProblem(r.summary, SUMMARY_SHAPE, 'summary')).toBeNull();
    });
  }

  it('every ADDED_LATER path names a field of the shape', () => {
    const all = new Set(shapePaths(SUMMARY_SHAPE));
    for (const p of ADDED_LATER)
      expect(
        [...all].some((q) => q === p || q.startsWith(`${p}.`)),
        p,
      ).toBe(true);
  });

  const result = run(scenarioWith({ durationMinutes: 20 }));
  const record = (summary: unknown) => ({
    id: 1,
    createdAt: 1,
    stepSeconds: 5,
    name: 'r',
    scenario: JSON.parse(JSON.stringify(result.scenario)),
    summary,
    series: {},
    events: [],
  });
  const plain = () => JSON.parse(JSON.stringify(result.summary));

  it('a stored run from before the later fields still loads, and they stay missing', () => {
    const old = plain();
    delete old.tasks;
    delete old.migrations;
    delete old.controlPlane;
    delete old.vms.rebooted;
    delete old.messaging.peakPendingLookups;
    const got = checkRun(record(old));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.value.summary.tasks).toBeUndefined();
    expect(got.value.summary.vms.rebooted).toBeUndefined();
    expect(got.value.summary.hypervisors).toEqual(result.summary.hypervisors);
    expect(got.issues).toEqual([]);
  });

  it('must reject a stored run whose required field is missing or mistyped', () => {
    const noPanics = plain();
    delete noPanics.hypervisors.panicked;
    expect(checkRun(record(noPanics))).toEqual({ ok: false, problem: 'summary.hypervisors.panicked must be a number' });
    const textSeed = { ...plain(), seed: '1' };
    expect(checkRun(record(textSeed))).toEqual({ ok: false, problem: 'summary.seed must be a number' });
  });

  it('keeps the run but drops a later field that is present and malformed, saying so', () => {
    const odd = plain();
    odd.controlPlane.byKind = { monitoring: 'many' };
    const got = checkRun(record(odd));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.value.summary.controlPlane).toBeUndefined();
    expect(got.value.summary.tasks).toEqual(result.summary.tasks);
    expect(got.issues).toEqual([
      {
        path: 'summary.controlPlane',
        message: 'summary.controlPlane.byKind.monitoring must be a number: dropped from this saved run',
        action: 'ignored',
      },
    ]);
  });

  it('does not keep fields the shape does not know', () => {
    const got = checkRun(record({ ...plain(), extra: { a: 1 } }));
    expect(got.ok && 'extra' in got.value.summary).toBe(false);
  });
});
