// The settings module (src/core/settings.ts): every constant has a doc comment (its source, or
// why it is typical), and docs/MODEL.md "Constants still in the code" names exactly its constants.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as settings from '../../../src/core/settings.ts';

const read = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');
const names = Object.keys(settings).sort();

describe('settings', () => {
  it('holds finite numbers only', () => {
    expect(names.length).toBeGreaterThan(20);
    for (const [name, value] of Object.entries(settings)) expect(Number.isFinite(value), name).toBe(true);
  });

  it('gives every export statement a doc comment', () => {
    const lines = read('src/core/settings.ts').split('\n');
    lines.forEach((line, i) => {
      if (line.startsWith('export const')) expect(lines[i - 1].trimEnd(), line).toMatch(/\*\/$/);
    });
  });

  it('is what docs/MODEL.md lists under "Constants still in the code"', () => {
    const doc = read('docs/MODEL.md');
    const start = doc.indexOf('\n## Constants still in the code');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const listed = [...new Set([...section.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]))].sort();
    expect(listed).toEqual(names);
  });
});
