// What the time charts mark, derived from a run: the scenario's events as labelled lines, the
// time ranges when messaging was down (from the availability series, whatever the cause), the
// first panic, and the panics so far as a cumulative series (from the event log). Pure.

import { isPanic, type SimEvent } from '../../core/index.ts';
import { EVENT_KINDS, type ScenarioEvent } from '../../scenario/index.ts';
import type { Points } from '../../worker/index.ts';
import type { Span, VLine } from './setup.ts';

const LABEL = new Map(EVENT_KINDS.map((k) => [k.kind, k.label]));

/** availability below this share counts as "messaging down" */
export const DOWN_BELOW = 0.5;

/**
 * One labelled line per scripted event, at its start (an event with a duration also gets "… ends").
 * A scripted messaging outage is left to the shaded range (outageSpans) when one is given.
 */
export function eventLines(
  events: readonly ScenarioEvent[],
  clock: (t: number) => string,
  outages: readonly Span[] = [],
): VLine[] {
  const out: VLine[] = [];
  for (const e of events) {
    if (e.kind === 'messagingOutage' && outages.some((o) => Math.abs(o.from - e.atMinute * 60) <= 120)) continue;
    const name = LABEL.get(e.kind) ?? e.kind;
    out.push({ t: e.atMinute * 60, label: `${name} ${clock(e.atMinute * 60)}` });
    if ('durationMinutes' in e && e.durationMinutes > 0 && e.kind !== 'messagingOutage')
      out.push({ t: (e.atMinute + e.durationMinutes) * 60, label: `${name} ends` });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** a recovery shorter than this is not one: the ranges either side are one outage, one label */
export const OUTAGE_MERGE_S = 300;

/**
 * The ranges where messaging availability was below DOWN_BELOW, named with their clock times (one
 * still down at the last point says "from", with no end: the run is streaming in, or ends in it);
 * two ranges less than OUTAGE_MERGE_S apart are one (a rolling upgrade's blip back up would
 * otherwise draw two overlapping labels, "10:15–10:17" over "10:17–12:55").
 */
export function outageSpans(p: Points | undefined, clock: (t: number) => string): Span[] {
  if (!p) return [];
  const out: Span[] = [];
  let from = -1;
  // labels to the minute: downsampled times fall a few seconds off the event's
  const minute = (t: number) => clock(Math.round(t / 60) * 60);
  const close = (to: number, open = false) => {
    const last = out[out.length - 1];
    if (last && from - last.to < OUTAGE_MERGE_S) {
      from = last.from;
      out.pop();
    }
    // still down at the last point: it has not ended (the run is streaming in, or ends during it)
    out.push({
      from,
      to,
      label: open ? `messaging down from ${minute(from)}` : `messaging down ${minute(from)}–${minute(to)}`,
    });
    from = -1;
  };
  for (let i = 0; i < p.t.length; i++) {
    const down = p.y[i] < DOWN_BELOW;
    if (down && from < 0) from = p.t[i];
    else if (!down && from >= 0) close(p.t[i]);
  }
  if (from >= 0 && p.t.length) close(p.t[p.t.length - 1], true);
  return out;
}

/** Hypervisors panicked so far (a host that panics twice counts twice), as a step series on t. */
export function cumulativePanics(events: readonly SimEvent[] | null, end: number): Points | undefined {
  if (!events) return undefined;
  const times = events.filter(isPanic).map((e) => e.t);
  const t: number[] = [0],
    y: number[] = [0];
  times.forEach((at, i) => {
    t.push(at, at);
    y.push(i, i + 1);
  });
  t.push(Math.max(end, times.at(-1) ?? 0));
  y.push(times.length);
  return { t: Float32Array.from(t), y: Float32Array.from(y) };
}

/** the first panic as a line across every chart */
export function firstPanicLine(minute: number | null | undefined, clock: (t: number) => string): VLine[] {
  return minute == null ? [] : [{ t: minute * 60, label: `first panic ${clock(minute * 60)}`, kind: 'panic' }];
}
