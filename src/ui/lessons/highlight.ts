// Highlights what a lesson step talks about: a chart, a control or a part of the page. A style
// rule (not a class on an element) so charts that appear only after the run are highlighted too.
// Selectors are built from the lessons' static data (chart ids and parameter paths, checked by
// tests/unit/ui/lessons.test.ts) and escaped all the same.

import type { LessonFocus } from './lessons.ts';
import { CHARTS } from '../charts/specs.ts';
import { paramLabel } from '../words.ts';

const PARTS: Record<NonNullable<LessonFocus['part']>, string> = {
  verdict: '[data-testid="verdict"]',
  fleet: '[data-testid="fleet-map"]',
  sweep: '[data-testid="sweep"]',
  log: '#sec-log',
};

/** The CSS selector of what the step shows, or null when it shows nothing in particular. */
export function focusSelector(f: LessonFocus | undefined): string | null {
  if (!f) return null;
  if (f.chart) return `[data-chart="${CSS.escape(f.chart)}"]`;
  if (f.param) return `.field:has([data-param="${CSS.escape(f.param)}"])`;
  if (f.part) return PARTS[f.part];
  return null;
}

const PART_NAMES: Record<NonNullable<LessonFocus['part']>, string> = {
  verdict: 'the verdict',
  fleet: 'the fleet map',
  sweep: 'the sweep',
  log: 'the timeline',
};

/** What the step shows, in words for its "Show me" button ("the chart “Memory pressure”"), or null. */
export function focusName(f: LessonFocus | undefined): string | null {
  if (!f) return null;
  if (f.chart) return `the chart “${CHARTS.find((c) => c.id === f.chart)?.title ?? f.chart}”`;
  if (f.param) return `the control “${paramLabel(f.param)}”`;
  if (f.part) return PART_NAMES[f.part];
  return null;
}

const sheets = new Map<string, HTMLStyleElement>();

/**
 * Highlights `selector` (null: nothing) for `owner` (the lesson, the first-visit guide: each has
 * its own rule); returns the element when it is on the page already.
 */
export function highlight(selector: string | null, owner = 'lesson'): HTMLElement | null {
  let sheet = sheets.get(owner);
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.highlight = owner;
    document.head.append(sheet);
    sheets.set(owner, sheet);
  }
  sheet.textContent = selector
    ? `${selector} { outline: 4px solid var(--focus); outline-offset: 3px; border-radius: 6px; }`
    : '';
  const el = selector ? document.querySelector<HTMLElement>(selector) : null;
  // a control inside a folded parameter group: unfold it
  const group = el?.closest('details');
  if (group && !group.open) group.open = true;
  return el;
}
