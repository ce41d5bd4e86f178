// The saved-work store's contract (what the UI may rely on): the Persist interface, the records
// it reads and writes, and what a read reports. store.ts implements it on IndexedDB; the contract
// in store.ts's header (never throws, never rejects, validates every read) holds for every method.

import type { SaveStatus } from './save-status.ts';
import type { ScenarioIssue, ValidScenario } from '../scenario/index.ts';
import type { SimEvent, Summary } from '../core/index.ts';
import type { CascadeStoreName, RunRecord, SavedEnsemble } from './schema.ts';
import type { BoardAdd, BoardResult, BoardRow } from './board.ts';
import type { ConfigsDraft, LoadedConfigs } from './config-draft.ts';

/** A record that could not be read: which store and key, and why. It stays in the database. */
export interface SkippedRecord {
  store: CascadeStoreName;
  key: string;
  problem: string;
}

export interface ReadResult<T> {
  items: T[];
  skipped: SkippedRecord[];
  status: SaveStatus;
}

export interface LoadedDraft {
  scenario: ValidScenario;
  updatedAt: number;
  /** what parseScenario changed while reading it back (e.g. a parameter that no longer exists) */
  issues: ScenarioIssue[];
}

export interface SavedScenario {
  id: number;
  name: string;
  notes: string;
  scenario: ValidScenario;
  createdAt: number;
  updatedAt: number;
  issues: ScenarioIssue[];
}

/** A run as read back: the stored record with its id, and what reading its scenario changed. */
export type StoredRun = Omit<RunRecord, 'format' | 'id'> & { id: number; issues: ScenarioIssue[] };
/** A run as listed: everything but the series, the events and an ensemble's band (getRun has them). */
export type RunInfo = Omit<StoredRun, 'series' | 'events'>;

export interface SaveScenarioInput {
  /** given: overwrite that record (keeps createdAt); absent: a new record */
  id?: number;
  name: string;
  notes?: string;
  scenario: ValidScenario;
}

export interface AddRunInput {
  name?: string;
  scenario: ValidScenario;
  summary: Summary;
  stepSeconds: number;
  /** downsampled series (typed arrays or plain number arrays) */
  series: Partial<Record<string, { t: ArrayLike<number>; y: ArrayLike<number> }>>;
  events: readonly SimEvent[];
}

export interface Persist {
  status(): SaveStatus;
  /** called on every status change; returns the unsubscribe function */
  onStatus(listener: (s: SaveStatus) => void): () => void;
  loadDraft(): Promise<{ draft: LoadedDraft | null; skipped: SkippedRecord[]; status: SaveStatus }>;
  /**
   * Stores the draft as edited at `editedAt` (default: now). The draft is the last edit made in
   * any tab: a write whose edit is older than the stored one (another tab edited later, and its
   * write landed first) leaves the stored one alone.
   */
  saveDraft(scenario: ValidScenario, editedAt?: number): Promise<SaveStatus>;
  clearDraft(): Promise<SaveStatus>;
  /** the config panel's sides as the user left them (null: none saved, or unreadable) */
  loadConfigs(): Promise<LoadedConfigs | null>;
  /** as saveDraft: the sides as edited at `editedAt`; an older edit never replaces a newer one */
  saveConfigs(draft: ConfigsDraft, editedAt?: number): Promise<SaveStatus>;
  /** newest first */
  listScenarios(): Promise<ReadResult<SavedScenario>>;
  /** id is null when the write failed (see status) */
  saveScenario(input: SaveScenarioInput): Promise<{ id: number | null; status: SaveStatus }>;
  deleteScenario(id: number): Promise<SaveStatus>;
  /** newest first, without series and events */
  listRuns(): Promise<ReadResult<RunInfo>>;
  /** null when absent or corrupt (then `skipped` says why) */
  getRun(id: number): Promise<{ run: StoredRun | null; skipped: SkippedRecord[]; status: SaveStatus }>;
  /** keeps at most MAX_RUNS runs: the oldest go first */
  addRun(input: AddRunInput): Promise<{ id: number | null; status: SaveStatus }>;
  /** keeps a "How sure?" result with run `id` (validated like a read; false when it is not kept) */
  setRunEnsemble(id: number, ensemble: SavedEnsemble): Promise<{ saved: boolean; status: SaveStatus }>;
  deleteRun(id: number): Promise<SaveStatus>;
  /** the class board's rows in the order added (board.ts) */
  listBoard(): Promise<ReadResult<BoardRow>>;
  /** `ids[i]` is link i's row id; all null when the write failed (see status) */
  addBoardLinks(links: readonly string[]): Promise<BoardAdd & { status: SaveStatus }>;
  setBoardResult(id: number, result: BoardResult): Promise<SaveStatus>;
  /** removes rows (all of them when `ids` is absent) */
  clearBoard(ids?: readonly number[]): Promise<SaveStatus>;
  close(): void;
}

export const MAX_RUNS = 50;
