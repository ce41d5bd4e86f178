// docs/MODEL.md is the model reference: its parameter table is generated from the property table
// and must not drift (npm run docs:params rewrites it), every mechanism section keeps its five
// parts, and the top-level docs link to it rather than to files outside the repository.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BEGIN, END, fmt, renderParamsTable, replaceGenerated } from '../../../src/cli/params-doc.ts';
import { PARAMS, ASSUMPTION_ROWS } from '../../../src/scenario/index.ts';

const read = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');
const doc = read('docs/MODEL.md');

describe('docs/MODEL.md', () => {
  it('has the parameter table generated from params.ts (run npm run docs:params if this fails)', () => {
    expect(replaceGenerated(doc, renderParamsTable())).toBe(doc);
  });

  it('lists every parameter path and every typical range in that table', () => {
    const table = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
    for (const p of PARAMS) expect(table, p.path).toContain(`\`${p.path}\``);
    for (const r of ASSUMPTION_ROWS) expect(table, r.path).toContain(`plausible ${fmt(r.lo)} to ${fmt(r.hi)}`);
  });

  it('gives each mechanism section its five parts', () => {
    const mechanisms = doc.slice(doc.indexOf('## Mechanisms'), doc.indexOf('## Validation targets'));
    const sections = mechanisms.split('\n### ').slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(9);
    for (const s of sections) {
      const title = s.slice(0, s.indexOf('\n'));
      if (title.startsWith('Host state')) continue; // display only
      for (const part of ['*Mechanism.*', '*In the code.*', '*Sources.*', '*Checks.*', '*Departures.*'])
        expect(s, `${title}: ${part}`).toContain(part);
    }
  });

  it('is what README, ARCHITECTURE and CONTRIBUTING link to, never ../shared', () => {
    for (const f of ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md']) {
      const text = read(f);
      expect(text, f).toContain('docs/MODEL.md');
      expect(text, f).not.toMatch(/\.\.\/shared|\/work\/shared/);
    }
    expect(doc).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });
});

describe('params-doc', () => {
  it('formats numbers without a locale', () => {
    expect([fmt(500), fmt(50000), fmt(268435488), fmt(0.01), fmt(-12345.5)]).toEqual([
      '500',
      '50,000',
      '268,435,488',
      '0.01',
      '-12,345.5',
    ]);
  });

  it('escapes table cells and refuses a document without markers', () => {
    const row = { ...PARAMS[0], help: 'x', source: 'a | b' };
    expect(renderParamsTable([row])).toContain('a \\| b');
    expect(replaceGenerated('no markers', 'x')).toBeNull();
  });
});
