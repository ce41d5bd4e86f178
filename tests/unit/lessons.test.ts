import { describe, expect, it } from 'vitest';
import { LESSONS, lessonProblems } from '../../src/ui/lessons/lessons.ts';
import { LESSONS as LINK_LESSONS, GROUPS } from '../../src/ui/link/sections.ts';
import { decodeLink, loadPreset } from '../../src/scenario/index.ts';
import { withParam } from '../../src/ui/scenario-edit.ts';
import { runScenario, type Summary } from '../../src/core/index.ts';
import { CLAIMS, clampStep, stepScenario, stepSettings } from '../../src/ui/lessons/steps.ts';
import { PARAM_BY_PATH } from '../../src/scenario/index.ts';
import { CHARTS } from '../../src/ui/charts/specs.ts';

describe('lessons', () => {
  it('are 4 to 6, with unique kebab-case ids, known presets and parameter paths', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(4);
    expect(LESSONS.length).toBeLessThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(lessonProblems()).toEqual([]);
  });

  it('every suggested value is accepted as is by the property table', () => {
    for (const l of LESSONS) {
      const base = loadPreset(l.preset)!;
      for (const s of l.steps) {
        if (s.param === undefined) continue;
        const r = withParam(base, s.param, s.value);
        expect(r.issues, `${l.id}: ${s.param}=${String(s.value)}`).toEqual([]);
      }
    }
  });

  it('lesson= in a link accepts a lesson id and still a parameter group name', () => {
    expect(decodeLink('?lesson=the-outage', { lessons: LINK_LESSONS }).options.lesson).toBe('the-outage');
    expect(decodeLink('?lesson=telemetry', { lessons: LINK_LESSONS }).options.lesson).toBe('telemetry');
    expect(GROUPS).toContain('telemetry');
    const bad = decodeLink('?lesson=nope', { lessons: LINK_LESSONS });
    expect(bad.options.lesson).toBeNull();
    expect(bad.issues.map((i) => i.path)).toEqual(['lesson']);
  });
});

describe('lesson claims still hold in the model (seed 1)', () => {
  const summary = (preset: string, path?: string, value?: unknown) => {
    const base = loadPreset(preset)!;
    return runScenario(path ? withParam(base, path, value).scenario : base).summary;
  };
  it('the-outage, where-backpressure-lands, small-vms', () => {
    const base = summary('workshop-outage');
    expect(base.hypervisors.panicked).toBe(5);
    expect(base.vms.crashed).toBe(380);
    expect(summary('workshop-outage', 'telemetry.buffer.whenFull', 'drop_newest').hypervisors.panicked).toBe(0);
    for (const src of ['file', 'journald-persistent']) {
      const s = summary('workshop-outage', 'telemetry.source', src);
      expect([s.hypervisors.panicked, s.telemetry.dropped, s.telemetry.lost], src).toEqual([0, 0, 0]);
    }
    const vol = summary('workshop-outage', 'telemetry.source', 'journald-volatile');
    expect(vol.hypervisors.panicked).toBe(0);
    expect(vol.telemetry.dropped).toBeGreaterThan(0);
    // more memory for pico VMs saves more hosts, step by step (small-vms and its sweep)
    const byMemory = [288, 320, 352, 384].map(
      (m) => summary('workshop-outage', 'vmSizes.pico.memoryMiB', m).hypervisors.panicked,
    );
    expect(byMemory).toEqual([2, 1, 1, 1]);
  });
  it('maintenance-storm-2017', () => {
    const base = summary('flyingcircus-2017-08-02');
    expect([base.vms.rebooted, base.vms.unresponsive, base.migrations.failed]).toEqual([42, 42, 0]);
    expect(base.migrations.hostsMaintained).toBe(15);
    const belt = summary('flyingcircus-2017-08-02', 'maintenance.maxConcurrentHosts', 1);
    expect([belt.vms.rebooted, belt.migrations.failed, belt.migrations.hostsMaintained]).toEqual([0, 0, 9]);
    const locked = summary('flyingcircus-2017-08-02', 'migration.admissionLock', true);
    expect([locked.vms.rebooted, locked.vms.unresponsive, locked.migrations.hostsMaintained]).toEqual([0, 0, 14]);
  });
  it('2024-replay', () => {
    const base = summary('clevercloud-2024-08-02');
    expect([base.hypervisors.panicked, Math.floor(base.hypervisors.firstPanicMinute!)]).toEqual([5, 116]); // 11:56
    const damped = summary('clevercloud-2024-08-02', 'controlPlane.evictionDamping', true);
    expect([damped.hypervisors.panicked, Math.floor(damped.hypervisors.firstPanicMinute!)]).toEqual([7, 118]);
    expect(damped.controlPlane.deployments).toBeLessThan(0.7 * base.controlPlane.deployments);
    const off = summary('clevercloud-2024-08-02', 'controlPlane.enabled', false);
    expect([off.hypervisors.panicked, Math.floor(off.hypervisors.firstPanicMinute!)]).toEqual([10, 120]); // 12:00
  });
  it('thread-exhaustion-2022', () => {
    expect(summary('clevercloud-2022-04').vms.threadExhaustionCrashes).toBe(237);
    expect(summary('clevercloud-2022-04', 'hvAgent.mode', 'single-driver').vms.crashed).toBe(0);
    expect(summary('clevercloud-2022-04', 'proxy.leakPercent', 0).vms.crashed).toBe(0);
  });
});

describe('lesson steps set up their own state', () => {
  const outage = LESSONS.find((l) => l.id === '2024-replay')!;
  it('opening step N applies the preset plus the earlier steps that carry on, not counterfactuals', () => {
    expect(stepSettings(outage, 1)).toEqual([]);
    // steps 4 and 5 are counterfactuals (keep: false): step 6 starts from the preset again
    expect(stepSettings(outage, 6)).toEqual([]);
    const sources = LESSONS.find((l) => l.id === 'where-backpressure-lands')!;
    expect(stepSettings(sources, 3)).toEqual([
      ['telemetry.source', 'socket'],
      ['telemetry.source', 'file'],
    ]);
    expect(stepScenario(sources, 3)!.scenario.telemetry.source).toBe('file');
    expect(stepScenario(sources, 3, true)!.scenario.telemetry.source).toBe('journald-persistent');
    // the same step always opens on the same scenario
    expect(stepScenario(outage, 5)).toEqual(stepScenario(outage, 5));
    expect(stepScenario(outage, 5)!.scenario).toEqual(loadPreset('clevercloud-2024-08-02'));
    expect(clampStep(outage, 99)).toBe(outage.steps.length);
    expect(clampStep(outage, 0)).toBe(1);
  });

  it('what a step highlights exists: a chart id or a parameter path', () => {
    const charts = new Set(CHARTS.map((c) => c.id));
    for (const l of LESSONS)
      for (const s of l.steps) {
        if (s.show?.chart) expect(charts.has(s.show.chart), `${l.id}: chart ${s.show.chart}`).toBe(true);
        if (s.show?.param) expect(PARAM_BY_PATH.has(s.show.param), `${l.id}: ${s.show.param}`).toBe(true);
      }
  });
});

describe("every step's claimed figures hold in the model (seed 1)", () => {
  const cache = new Map<string, Summary>();
  const run = (s: ReturnType<typeof loadPreset>) => {
    const key = JSON.stringify(s);
    if (!cache.has(key)) cache.set(key, runScenario(s!).summary);
    return cache.get(key)!;
  };
  for (const l of LESSONS) {
    it(l.id, () => {
      l.steps.forEach((step, i) => {
        if (!step.expect) return;
        const setup = stepScenario(l, i + 1, true)!;
        expect(setup.issues).toEqual([]);
        const summary = run(setup.scenario);
        for (const [key, want] of Object.entries(step.expect)) {
          const got = CLAIMS[key as keyof typeof CLAIMS](summary);
          const where = `${l.id} step ${i + 1}: ${key}`;
          if (want === 'some') expect(got, where).toBeGreaterThan(0);
          else expect(got, where).toBe(want);
        }
      });
    });
  }
});
