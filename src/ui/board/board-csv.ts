// The board's solutions grouped (identical answers together, lettered by first appearance) and
// the board as CSV: one line per link, what the page's own runs gave (worst world), its goals.

import { allMet, percent, worstWorld } from '../challenge/goals.ts';
import { groupName, toCsv } from './board-links.ts';
import type { Row } from './board.svelte.ts';

export interface Group {
  /** A, B, C ... in order of first appearance */
  name: string;
  key: string;
  answer: string;
  rows: Row[];
}

/** The rows' distinct solutions (error rows have none), in order of first appearance. */
export function groupsOf(rows: readonly Row[]): Group[] {
  const out: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const r of rows) {
    if (!r.judged.ok) continue;
    const s = r.judged.solution;
    let g = byKey.get(s.key);
    if (!g) {
      g = { name: groupName(out.length), key: s.key, answer: s.answer, rows: [] };
      byKey.set(s.key, g);
      out.push(g);
    }
    g.rows.push(r);
  }
  return out;
}

/** Every goal met (null: the row has no challenge or has not finished). */
export function rowMet(r: Row): boolean | null {
  return r.state === 'done' && r.checks.length ? allMet(r.checks) : null;
}

const HEADER = [
  'row',
  'name',
  'state',
  'solution',
  'all goals met',
  'goals not met',
  'hypervisors panicked',
  'hypervisors',
  'events dropped %',
  'events lost %',
  'worlds',
  'changes',
  'answer',
  'error',
  'link',
] as const;

export function boardCsv(rows: readonly Row[]): string {
  const groups = groupsOf(rows);
  const groupOf = new Map(groups.map((g) => [g.key, g.name]));
  const lines = rows.map((r, i) => {
    const s = r.judged.ok ? r.judged.solution : null;
    const w = r.worlds ? worstWorld(r.worlds) : null;
    const met = rowMet(r);
    return [
      i + 1,
      r.judged.by,
      r.state,
      s ? (groupOf.get(s.key) ?? '') : '',
      met === null ? '' : met ? 'yes' : 'no',
      r.checks
        .filter((g) => !g.met)
        .map((g) => g.label)
        .join('; '),
      w ? w.panicked : '',
      w ? w.hosts : '',
      w ? Number(percent(w.dropped, w.produced).toFixed(4)) : '',
      w ? Number(percent(w.lost, w.produced).toFixed(4)) : '',
      s ? s.worlds : '',
      s ? s.changed.length : '',
      s ? s.answer : '',
      r.error,
      r.link,
    ];
  });
  return toCsv(HEADER, lines);
}
