import { describe, expect, it } from 'vitest';
import { GLOSSARY, GLOSSARY_BY_ID, segments } from '../../../src/ui/guide/glossary.ts';
import { PLAIN } from '../../../src/ui/guide/plain.ts';
import { CHARTS } from '../../../src/ui/charts/specs.ts';

describe('glossary', () => {
  it('explains the words the issue asks for', () => {
    const terms = GLOSSARY.map((g) => g.term);
    for (const t of ['D state', 'PSI', 'khungtaskd', 'page cache', 'backpressure', 'lookup', 'bundle', 'pids limit'])
      expect(terms).toContain(t);
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  });

  it('splits marked text into words and terms; unknown ids stay plain text', () => {
    expect(segments('tasks in [[d-state|D state]] and [[khungtaskd]].')).toEqual([
      'tasks in ',
      { term: 'd-state', label: 'D state' },
      ' and ',
      { term: 'khungtaskd', label: 'khungtaskd' },
      '.',
    ]);
    expect(segments('a [[nope|thing]] here')).toEqual(['a ', 'thing', ' here']);
  });
});

describe('the cause chain in plain words', () => {
  it('every entry names a chart that exists and only known glossary terms', () => {
    const charts = new Set(CHARTS.map((c) => c.id));
    for (const [short, p] of Object.entries(PLAIN)) {
      expect(charts.has(p.chart), `${short}: chart ${p.chart}`).toBe(true);
      for (const m of p.text.matchAll(/\[\[([a-z-]+)/g))
        expect(GLOSSARY_BY_ID.has(m[1]), `${short}: ${m[1]}`).toBe(true);
    }
  });
});
