import { describe, expect, it } from 'vitest';
import { LESSONS, lessonProblems } from '../../src/ui/lessons/lessons.ts';
import { LESSONS as LINK_LESSONS, GROUPS } from '../../src/ui/link/sections.ts';
import { decodeLink, loadPreset } from '../../src/scenario/index.ts';
import { withParam } from '../../src/ui/scenario-edit.ts';

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
