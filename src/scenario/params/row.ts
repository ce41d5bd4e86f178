// The shape of one property-table row. A group's file lists its rows as
// `[...] as const satisfies readonly Param[]`: `satisfies` checks every row against these types,
// `as const` keeps each row's path, kind and options as literals so derive.ts can build the
// `Scenario` type from the rows.

import type { ParamGroup } from './groups.ts';

interface ParamBase {
  path: string;
  group: ParamGroup;
  label: string;
  help: string;
  /**
   * Where the default comes from: a doc or code file (kernel/hung_task.c, pulsar conf/broker.conf,
   * a seed), "scenario choice: ..." for what to simulate rather than a claim about a real system
   * (seed, duration, fleet size), or "typical ..." for a value no public figure fixes; a typical
   * number row carries `typical` (a test enforces both).
   */
  source: string;
}
/**
 * The plausible range of a typical (unsourced) default: min <= lo <= default <= hi <= max, whole
 * numbers for an int row. `why` says what real systems span. The ensemble samples inside it; see
 * assumptions.ts.
 */
export interface Typical {
  lo: number;
  hi: number;
  why: string;
}
export interface NumberParam extends ParamBase {
  kind: 'int' | 'number';
  min: number;
  max: number;
  step?: number;
  unit: string;
  default: number;
  /** present exactly when the default has no source: its plausible range and why */
  typical?: Typical;
}
export interface BoolParam extends ParamBase {
  kind: 'bool';
  default: boolean;
}
export interface EnumParam extends ParamBase {
  kind: 'enum';
  options: readonly string[];
  default: string;
}
export interface StringParam extends ParamBase {
  kind: 'string';
  pattern: RegExp;
  maxLength: number;
  default: string;
}
export type Param = NumberParam | BoolParam | EnumParam | StringParam;
