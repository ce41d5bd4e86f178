// When a sweep falls off a cliff (neighbouring values, very different panics), say why from the
// two runs' event logs: which kinds of events appeared, vanished or changed their wording (the
// wording names the mechanism: "killed the application" vs "killed the telemetry agent"), and how
// the first panic's cause chain changed. Pure.

import type { SimEvent, Summary } from '../../core/index.ts';
import { num } from '../format.ts';

/** event texts with their numbers taken out, counted, by the short name of their kind */
export type Fingerprint = Record<string, Record<string, number>>;

export function fingerprint(events: readonly SimEvent[]): Fingerprint {
  const out: Fingerprint = {};
  for (const e of events) {
    const text = e.what.replace(/#\d+/g, '#').replace(/\d[\d,.]*/g, 'N');
    const kind = (out[e.short] ??= {});
    kind[text] = (kind[text] ?? 0) + 1;
  }
  return out;
}

export interface CliffRun {
  value: unknown;
  summary: Summary;
  fingerprint: Fingerprint;
}

/** the neighbouring pair with the largest change in hypervisors panicked, when it is a cliff */
export function findCliff(runs: readonly (CliffRun | null)[]): [number, number] | null {
  let best: [number, number] | null = null,
    jump = 0;
  for (let i = 0; i + 1 < runs.length; i++) {
    const a = runs[i],
      b = runs[i + 1];
    if (!a || !b) continue;
    const d = Math.abs(a.summary.hypervisors.panicked - b.summary.hypervisors.panicked);
    if (d > jump) [best, jump] = [[i, i + 1], d];
  }
  const total = runs.find((r) => r)?.summary.hypervisors.total ?? 0;
  return best && jump >= Math.max(2, 0.25 * total) ? best : null;
}

const sum = (m: Record<string, number> | undefined) => Object.values(m ?? {}).reduce((x, y) => x + y, 0);
const chainOf = (s: Summary) => {
  const i = s.verdict.indexOf(': ');
  return i >= 0 ? s.verdict.slice(i + 2) : s.verdict;
};

/** Sentences explaining the cliff between runs a and b, most telling first. */
export function explainCliff(a: CliffRun, b: CliffRun, show: (v: unknown) => string): string[] {
  const out: string[] = [];
  const va = show(a.value),
    vb = show(b.value);
  // a mechanism that changed: the same kind of event, worded differently in the two runs
  for (const kind of Object.keys(a.fingerprint)) {
    const ta = a.fingerprint[kind],
      tb = b.fingerprint[kind];
    if (!tb) continue;
    const onlyA = Object.keys(ta).filter((t) => !(t in tb));
    const onlyB = Object.keys(tb).filter((t) => !(t in ta));
    if (!onlyA.length || !onlyB.length) continue;
    const top = (m: Record<string, number>, keys: string[]) => keys.sort((x, y) => m[y] - m[x])[0];
    const x = top(ta, onlyA),
      y = top(tb, onlyB);
    out.push(`The mechanism changed at "${kind}": at ${va}, ${num(ta[x])}× "${x}"; at ${vb}, ${num(tb[y])}× "${y}".`);
  }
  // kinds of events whose count moved the most
  const kinds = new Set([...Object.keys(a.fingerprint), ...Object.keys(b.fingerprint)]);
  const moved = [...kinds]
    .map((k) => ({ k, x: sum(a.fingerprint[k]), y: sum(b.fingerprint[k]) }))
    .filter((m) => m.x !== m.y && Math.max(m.x, m.y) >= 2 * Math.max(1, Math.min(m.x, m.y)))
    .sort((p, q) => Math.abs(q.y - q.x) - Math.abs(p.y - p.x))
    .slice(0, 3);
  if (moved.length)
    out.push(`Events that moved most: ${moved.map((m) => `${m.k} ${num(m.x)} → ${num(m.y)}`).join(', ')}.`);
  const ca = chainOf(a.summary),
    cb = chainOf(b.summary);
  if (ca !== cb) out.push(`First cause chain at ${va}: ${ca} At ${vb}: ${cb}`);
  return out;
}
