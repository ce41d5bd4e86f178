// The assumptions of the model: every property-table row whose default no public figure fixes,
// with the plausible range it carries (`typical` in params.ts). The ensemble (issue 12: a Latin
// hypercube over these ranges) and the config import (issue 15: what a real config replaces)
// read this list. Contract: for every row, min <= lo <= default <= hi <= max, and lo and hi are
// whole numbers for an int row (tests/unit/scenario/assumptions.test.ts).

import { PARAMS, type Param } from './params/index.ts';

export interface AssumptionRow {
  /** the PARAMS path, usable with setPath / --set */
  path: string;
  lo: number;
  hi: number;
  default: number;
  /** true: sample whole numbers */
  int: boolean;
  unit: string;
  /** what real systems span, in a sentence */
  why: string;
}

/** Number rows with a plausible range: the assumption rows, in table order. */
export function assumptionRows(params: readonly Param[] = PARAMS): AssumptionRow[] {
  const out: AssumptionRow[] = [];
  for (const p of params) {
    if (p.kind !== 'int' && p.kind !== 'number') continue;
    const t = p.typical;
    if (!t) continue;
    out.push({ path: p.path, lo: t.lo, hi: t.hi, default: p.default, int: p.kind === 'int', unit: p.unit, why: t.why });
  }
  return out;
}

/** The assumption rows of the property table, computed once. */
export const ASSUMPTION_ROWS: readonly AssumptionRow[] = assumptionRows();
