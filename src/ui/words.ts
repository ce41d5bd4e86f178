// Parameters and their values in the page's own words: the property table's label, not its path;
// a value in its unit, read the way the parameter panel shows it ("256 MiB", "2 min"), booleans
// as on / off. Used wherever the page says what changed (How sure?, the config comparison, the
// config import). Pure.

import { PARAM_BY_PATH } from '../scenario/index.ts';
import { quantity } from './format.ts';

/** the label of a parameter path ("events" for the timeline's events); the path itself when unknown */
export function paramLabel(path: string): string {
  if (path === 'events') return 'Events';
  return PARAM_BY_PATH.get(path)?.label ?? path;
}

/** a value of `path` as the page shows it */
export function valueText(path: string, value: unknown): string {
  if (path === 'events' && Array.isArray(value)) return `${value.length} event${value.length === 1 ? '' : 's'}`;
  const p = PARAM_BY_PATH.get(path);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') {
    const unit = p && 'unit' in p ? p.unit : '';
    // one of a counted thing reads in the singular ("1 zone", not "1 zones")
    return value === 1 && /^[A-Za-z]{2,}s$/.test(unit) ? `1 ${unit.slice(0, -1)}` : quantity(value, unit);
  }
  if (value === undefined || value === null) return '–';
  return String(value);
}

/** one change: "When the buffer is full: block → drop_newest" ("…: drop_newest" when the old value is unknown) */
export function changeText(c: { path: string; value: unknown; from?: unknown }): string {
  // changedPaths (core) says an edited list of the same length as "as before" -> "changed"
  if (c.path === 'events' && c.value === 'changed') return 'Events: edited';
  const to = valueText(c.path, c.value);
  return c.from === undefined
    ? `${paramLabel(c.path)}: ${to}`
    : `${paramLabel(c.path)}: ${valueText(c.path, c.from)} → ${to}`;
}

/**
 * A title as a dropdown option, which cannot wrap: whole when it fits (`max` characters), else the
 * part before its colon ("The outage: how a messaging outage panics hypervisors" -> "The outage").
 * The full title is shown beside the dropdown.
 */
export function optionText(title: string, max = 40): string {
  const colon = title.indexOf(': ');
  return title.length <= max || colon < 0 ? title : title.slice(0, colon);
}

/** several changes in one phrase, joined with semicolons */
export function changesText(cs: readonly { path: string; value: unknown; from?: unknown }[]): string {
  return cs.map(changeText).join('; ');
}
