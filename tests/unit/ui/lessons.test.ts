import { describe, expect, it } from 'vitest';
import { LESSONS, lessonProblems } from '../../../src/ui/lessons/lessons.ts';
import { LESSONS as LINK_LESSONS, GROUPS } from '../../../src/ui/link/sections.ts';
import { decodeLink, loadPreset } from '../../../src/scenario/index.ts';
import { withParam } from '../../../src/ui/scenario-edit.ts';
import { clampStep, stepScenario, stepSettings } from '../../../src/ui/lessons/steps.ts';
import { PARAM_BY_PATH } from '../../../src/scenario/index.ts';
import { CHARTS } from '../../../src/ui/charts/specs.ts';

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
