// The IndexedDB layout: one typed schema and one upgrade function by version.
//
// Version history (never edit a past step; add one):
//   1  draft (key 'current'), scenarios (auto id, index by-updated), runs (auto id, index by-created)
//   2  board (auto id: the class board's links, in the order added, with their results)
//
// Records hold plain data only (no class instances, no functions), so they survive structured
// clone and a later build can read them. Every record carries `format` (its own layout version);
// reads never trust a record (see records.ts). A record's scenario is a ValidScenario both ways:
// the page writes only validated scenarios, and records.ts validates every one it reads back.

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ValidScenario } from '../scenario/index.ts';
import type { EnsembleSummary, PairedComparison, SeriesKey, SimEvent, Summary } from '../core/index.ts';
import type { ConfigsDraftRecord } from './config-draft.ts';
import type { BoardRecord } from './board.ts';

export const DB_NAME = 'cascade';
/** The database version this build opens; bump it together with a new step in `upgrade`. */
export const DB_VERSION = 2;
/** Layout version of the records this build writes. */
export const RECORD_FORMAT = 1;
export const DRAFT_KEY = 'current';

/** One downsampled series: seconds since minute 0, and values (same length). */
export interface SeriesPoints {
  t: Float32Array;
  y: Float32Array;
}
export type RunSeries = Partial<Record<SeriesKey, SeriesPoints>>;

export interface DraftRecord {
  format: number;
  scenario: ValidScenario;
  updatedAt: number;
}

export interface SavedScenarioRecord {
  format: number;
  /** assigned by the store on first save */
  id?: number;
  name: string;
  notes: string;
  scenario: ValidScenario;
  createdAt: number;
  updatedAt: number;
}

/** One band of an ensemble's spread: p05 and p95 per time point of a chart series. */
export interface BandSeries {
  t: Float32Array;
  lo: Float32Array;
  hi: Float32Array;
}

/**
 * A "How sure?" result kept with the run it was computed for (optional: runs saved before
 * ensembles were kept have none). The summary and comparison are the core's, as JSON.
 */
export interface SavedEnsemble {
  request: { members: number; varyAssumptions: boolean; againstPreset: boolean };
  summary: EnsembleSummary;
  compare: PairedComparison | null;
  /** what the page said, in words */
  words: string[];
  band: { members: number; series: Partial<Record<SeriesKey, BandSeries>> } | null;
  savedAt: number;
}

export interface RunRecord {
  format: number;
  id?: number;
  /** optional label given by the user */
  name: string;
  scenario: ValidScenario;
  summary: Summary;
  stepSeconds: number;
  /** downsampled fleet series, as charted */
  series: RunSeries;
  events: SimEvent[];
  createdAt: number;
  /** the ensemble of this run's scenario, when one was run */
  ensemble?: SavedEnsemble;
}

export interface CascadeDB extends DBSchema {
  /** key 'current': the scenario draft; key 'configs': the config panel's draft (config-draft.ts) */
  draft: { key: string; value: DraftRecord | ConfigsDraftRecord };
  scenarios: { key: number; value: SavedScenarioRecord; indexes: { 'by-updated': number } };
  runs: { key: number; value: RunRecord; indexes: { 'by-created': number } };
  /** the class board (board.ts): links as pasted, with what the page's runs of them gave */
  board: { key: number; value: BoardRecord };
}

export type CascadeStoreName = StoreNames<CascadeDB>;

/**
 * Brings a database at `oldVersion` up to DB_VERSION, one step at a time (each `if` falls
 * through to the next, like a switch with fallthrough; tsconfig forbids switch fallthrough).
 * Runs inside the versionchange transaction: it must not await anything but that transaction.
 */
export function upgrade(
  db: IDBPDatabase<CascadeDB>,
  oldVersion: number,
  _newVersion: number,
  _tx: IDBPTransaction<CascadeDB, CascadeStoreName[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('draft');
    const scenarios = db.createObjectStore('scenarios', { keyPath: 'id', autoIncrement: true });
    scenarios.createIndex('by-updated', 'updatedAt');
    const runs = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
    runs.createIndex('by-created', 'createdAt');
  }
  if (oldVersion < 2) {
    db.createObjectStore('board', { keyPath: 'id', autoIncrement: true });
  }
  // if (oldVersion < 3) { ... next step, using _tx to migrate existing records ... }
}
