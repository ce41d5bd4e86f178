// What a lesson step's "Show me" button names: the chart's title, the control's label, a part of the page.
import { describe, expect, it } from 'vitest';
import { focusName } from '../../../src/ui/lessons/highlight.ts';
import { LESSONS } from '../../../src/ui/lessons/lessons.ts';

describe('focusName', () => {
  it('names charts by title, controls by label, parts of the page in words', () => {
    expect(focusName({ chart: 'dstate' })).toMatch(/^the chart “[A-Z][^”]+”$/);
    expect(focusName({ param: 'telemetry.buffer.whenFull' })).toBe('the control “When the buffer is full”');
    expect(focusName({ part: 'verdict' })).toBe('the verdict');
    expect(focusName(undefined)).toBeNull();
  });

  it('every lesson step that shows something names it without an id or a path', () => {
    for (const l of LESSONS)
      for (const s of l.steps) {
        const name = focusName(s.show ?? (s.param ? { param: s.param } : undefined));
        if (name) expect(name).not.toMatch(/\.|“[a-z]+”/);
      }
  });
});
