// Number and time formatting for the page.

import { clockLabel } from '../core/index.ts';
import type { ScenarioEvent } from '../scenario/index.ts';

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 12,345.67 */
export function num(n: number): string {
  return nf.format(n);
}

/** 1.2M, 35K: for axis ticks and tight spots */
export function short(n: number): string {
  return Math.abs(n) >= 10_000 ? compact.format(n) : nf.format(Math.round(n * 100) / 100);
}

/** clock time of t seconds after minute 0 */
export function clock(clockStart: string, t: number): string {
  return clockLabel(clockStart, t);
}

/** "minute 10 (10:10)" */
export function minuteAt(clockStart: string, minute: number): string {
  return `minute ${num(minute)} (${clockLabel(clockStart, minute * 60)})`;
}

export function pct(done: number, total: number): number {
  return total > 0 ? Math.round((100 * done) / total) : 0;
}

/** Chart spans for a scenario's events, in seconds since minute 0 (instant events have no length). */
export function eventSpans(events: readonly ScenarioEvent[]): { from: number; to: number; label: string }[] {
  return events.map((e) => ({
    from: e.atMinute * 60,
    to: (e.atMinute + ('durationMinutes' in e ? e.durationMinutes : 0)) * 60,
    label: e.kind,
  }));
}
