// What every import's rows go through before anyone sees them:
// 1. each value a row sets is checked against its parameter's row of the property table (the one
//    schema), alone, before anything combines values: a value the schema would clamp or refuse
//    becomes an invalid row (it keeps its path, so applyConfigs can say what was kept) and is
//    never applied. So `kernel.threads-max = -5` cannot undercut a valid pid_max by being the
//    smaller of the two, and `kernel.pid_max = 0` is not run as the clamped 301.
// 2. a key written again later in the same file: the later line counts (as Java properties,
//    sysctl -p and systemd read them); the earlier ones say so.
// 3. rows that say "not modelled" are listed up to MAX_LISTED_ROWS; the rest are one row that
//    counts them (`more`), so a megabyte of keys is a short table, not 250,000 rows.

import { PARAM_BY_PATH } from '../params/index.ts';
import { checkParam } from '../validate.ts';
import type { ConfigRow } from './types.ts';

/** Rows listed one by one for keys the model does not use; the rest are counted in one row. */
export const MAX_LISTED_ROWS = 500;

/** The reason of a schema problem without what the schema would have done about it. */
export function refusalReason(problem: string): string {
  return problem.replace(/; (clamped to|kept) [^;]*$/, '');
}

/** Marks a set row whose value the property table does not take as it is: invalid, never applied. */
export function checkAgainstSchema(r: ConfigRow): ConfigRow {
  if (r.status !== 'set' || !r.path) return r;
  const p = PARAM_BY_PATH.get(r.path);
  if (!p) return r;
  const c = checkParam(p, r.value as never);
  if (!c.problem) return r;
  const { value: _dropped, ...rest } = r;
  return { ...rest, status: 'invalid', note: `${r.note ? `${r.note}: ` : ''}${refusalReason(c.problem)}: refused` };
}

/** The later of two lines with the same key counts; the earlier says so (set and invalid rows). */
export function laterLineWins(rows: ConfigRow[]): ConfigRow[] {
  const last = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.status !== 'ignored' || r.path) last.set(r.key, i);
  });
  return rows.map((r, i) => {
    const j = last.get(r.key);
    if (j === undefined || j === i) return r;
    return {
      line: r.line,
      key: r.key,
      written: r.written,
      status: 'ignored',
      note: `written again on line ${rows[j].line}: the later line counts`,
    };
  });
}

/** At most MAX_LISTED_ROWS ignored rows; the rest counted in one. Set and invalid rows are all kept. */
export function capIgnored(rows: ConfigRow[]): ConfigRow[] {
  let ignored = 0;
  const out: ConfigRow[] = [];
  for (const r of rows) {
    if (r.status === 'ignored' && r.more === undefined && ++ignored > MAX_LISTED_ROWS) continue;
    out.push(r);
  }
  const more = ignored - MAX_LISTED_ROWS;
  if (more > 0)
    out.push({
      line: 0,
      key: '...',
      written: '',
      status: 'ignored',
      more,
      note: `and ${more.toLocaleString('en-US')} more keys not modelled or written again: ignored`,
    });
  return out;
}

/** How many keys a list of rows stands for with a status (a summary row counts its `more`). */
export function countRows(rows: readonly ConfigRow[], status: ConfigRow['status']): number {
  let n = 0;
  for (const r of rows) if (r.status === status) n += r.more ?? 1;
  return n;
}
