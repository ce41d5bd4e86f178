// The report of `check`: what `--format json` prints, a versioned contract (docs/CHANGE-GATE.md,
// "The JSON report"). Additive changes only: a new field is fine, a renamed or removed one needs
// a new CHECK_SCHEMA and the docs saying what changed.

import type { Spread } from '../../core/index.ts';
import type { ConfigReport } from '../configs.ts';
import type { RuleResult } from './policy.ts';
import type { WorldSource } from '../../scenario/index.ts';

export const CHECK_SCHEMA = 1;

/** One problem with the input (exit 2), with the file and line when it has them. */
export interface CheckError {
  message: string;
  file?: string;
  line?: number;
}

/** One side over every world. */
export interface SideStats {
  worlds: number;
  worldsWithPanic: number;
  /** share of worlds in which at least one host panicked (0..1) */
  panicChance: number;
  hostsPanicked: Spread;
  vmsDown: Spread;
  /** percent of the events produced */
  droppedPercent: Spread;
  lostPercent: Spread;
  /** minutes after the scenario start, over the worlds that panicked; null when none did */
  firstPanicMinute: { p05: number; p50: number; p95: number } | null;
}

/** World by world, the proposal against current. */
export interface PairedCounts {
  morePanicWorlds: number;
  fewerPanicWorlds: number;
  samePanicWorlds: number;
  /** worlds where current panics and the proposal panics nothing */
  removesEveryPanicWorlds: number;
  moreVmsDownWorlds: number;
}

export interface WorldOutcome {
  panicked: number;
  vmsDown: number;
  droppedPercent: number;
  lostPercent: number;
}

export interface World {
  index: number;
  seed: number;
  current: WorldOutcome;
  /** absent when the proposal changes nothing (it was not run) */
  proposed?: WorldOutcome;
}

/** A parameter the proposal changes, and the config lines that set it on each side. */
export interface ChangedParam {
  path: string;
  label: string;
  unit: string;
  from: string | number | boolean | null;
  to: string | number | boolean;
  /** where the current side sets it; null: the scenario's own value (no current file sets it) */
  current: { file: string; line: number; key: string } | null;
  proposed: { file: string; line: number; key: string } | null;
}

/** A key whose value differs between the sides that the model does not read (not judged). */
export interface UnmodelledChange {
  kind: string;
  key: string;
  from: string | null;
  to: string | null;
  file: string;
  line: number;
}

export interface CheckReport {
  kind: 'cascade-check';
  schema: number;
  /** the Cascade that made it */
  version: string;
  result: 'pass' | 'fail';
  /** the answer in one sentence */
  answer: string;
  scenario: { name: string; seed: number; clockStart: string; hypervisors: number; vms: number; minutes: number };
  worlds: {
    count: number;
    from: WorldSource;
    seeds: { first: number; last: number };
    /** the typical constants drawn in each world (empty for `seeds`) */
    varied: { path: string; lo: number; hi: number }[];
    /** world by world (empty when nothing ran) */
    each: World[];
  };
  /** false when the proposal sets every parameter the model reads as current does */
  changes: boolean;
  current: SideStats | null;
  proposed: SideStats | null;
  paired: PairedCounts | null;
  changed: ChangedParam[];
  unmodelled: UnmodelledChange[];
  policy: { source: string; rules: RuleResult[] };
  /** what the verdict rests on, in sentences */
  restsOn: string[];
  configs: { current: ConfigReport[]; proposed: ConfigReport[] };
  /** the command that gives the same report */
  reproduce: string;
  /** opens the same comparison in the playground (--site); null without --site or when it cannot */
  link: string | null;
  /** why there is no link, when --site was given */
  linkNote?: string;
}
