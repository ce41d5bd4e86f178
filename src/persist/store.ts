// The saved-work store: draft, named scenarios, run history. Contract for the UI:
//
//   - openPersist() never rejects. It resolves with a Persist whose status() says whether
//     saving works; when IndexedDB is unavailable, blocked or broken, every method still
//     resolves (reads: empty lists; writes: the status) and the playground keeps running.
//   - No method ever throws or rejects. Writes resolve with the status after the write;
//     a write that fails (quota, another tab's upgrade, ...) sets status().saving = false with a
//     plain-language message, and the next successful write sets it back.
//   - Every record read is validated (records.ts). A corrupt record is skipped and reported in
//     `skipped`; the others are returned. Scenarios read back carry parseScenario's issues.
//   - Writes take a ValidScenario (the page validated it where it came in) and do not validate
//     it again; summaries, series and events are checked before a run is written. Inputs may be
//     Svelte $state proxies: the store writes plain snapshots.
//   - The last edit also goes to a synchronous journal (journal.ts), so a reload right after an
//     edit keeps it; the UI loads the newer of the two.
//
// A blocked open (another tab holds an older version open) resolves at once with
// status { saving: false, reason: 'blocked' }; when the other tab lets go, the store opens,
// status flips to saving and onStatus listeners hear it (the UI may then loadDraft again).

import { wrap, type IDBPDatabase } from 'idb';
import { OK, off, statusFromError, type SaveStatus } from './save-status.ts';
import type { ValidScenario } from '../scenario/index.ts';
import {
  DRAFT_KEY,
  RECORD_FORMAT,
  type CascadeDB,
  type RunRecord,
  type RunSeries,
  type SavedEnsemble,
  type SavedScenarioRecord,
} from './schema.ts';
import { addBoardLinks, listBoard, setBoardResult, type BoardAdd, type BoardResult, type BoardRow } from './board.ts';
import { CONFIGS_KEY, configsRecord, loadedConfigs, type ConfigsDraft, type LoadedConfigs } from './config-draft.ts';
import {
  checkDraft,
  checkEnsemble,
  checkEvents,
  checkRun,
  checkSavedScenario,
  checkSeries,
  checkSummary,
} from './records.ts';
import {
  MAX_RUNS,
  type AddRunInput,
  type LoadedDraft,
  type Persist,
  type ReadResult,
  type RunInfo,
  type SavedScenario,
  type SaveScenarioInput,
  type SkippedRecord,
  type StoredRun,
} from './persist-api.ts';

/**
 * Puts a draft record unless the stored one was edited later (one transaction, so two tabs
 * writing at once cannot interleave): the stored draft is always the last edit made in any tab,
 * whatever order the debounced writes land in.
 */
async function putIfNewer(db: IDBPDatabase<CascadeDB>, key: string, record: { updatedAt: number }): Promise<void> {
  const tx = db.transaction('draft', 'readwrite');
  const stored = (await tx.store.get(key)) as { updatedAt?: unknown } | undefined;
  const at = stored?.updatedAt;
  if (!(typeof at === 'number' && Number.isFinite(at) && at > record.updatedAt))
    await tx.store.put(record as never, key);
  await tx.done;
}

/** JSON snapshot: drops proxies, functions and undefined; the stored form of plain data. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function seriesSnapshot(series: AddRunInput['series']): RunSeries {
  const out: Record<string, { t: Float32Array; y: Float32Array }> = {};
  for (const [key, pts] of Object.entries(series)) {
    if (pts) out[key] = { t: Float32Array.from(pts.t), y: Float32Array.from(pts.y) };
  }
  return out;
}

export class Store implements Persist {
  private db: IDBPDatabase<CascadeDB> | null = null;
  private current: SaveStatus;
  private listeners = new Set<(s: SaveStatus) => void>();
  private closed = false;

  constructor(
    initial: SaveStatus,
    private readonly now: () => number,
  ) {
    this.current = initial;
  }

  status(): SaveStatus {
    return this.current;
  }

  onStatus(listener: (s: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStatus(s: SaveStatus): void {
    const same =
      s.saving === this.current.saving &&
      (s.saving || (!this.current.saving && s.reason === this.current.reason && s.message === this.current.message));
    this.current = s;
    if (same) return;
    for (const l of this.listeners) {
      try {
        l(s);
      } catch {
        /* a listener's bug is not the store's */
      }
    }
  }

  attach(raw: IDBDatabase): void {
    if (this.closed) {
      raw.close();
      return;
    }
    // another tab wants a newer version: let it, and stop saving here
    raw.onversionchange = () => {
      raw.close();
      this.db = null;
      this.setStatus(off('versionchange'));
    };
    raw.onclose = () => {
      // the browser closed the connection (storage cleared, disk error)
      this.db = null;
      if (!this.closed) this.setStatus(off('unavailable', 'the database was closed by the browser'));
    };
    this.db = wrap(raw) as unknown as IDBPDatabase<CascadeDB>;
    this.setStatus(OK);
  }

  close(): void {
    this.closed = true;
    this.db?.close();
    this.db = null;
  }

  /** Runs a write; never throws. Success restores saving, failure reports why. */
  private async write(fn: (db: IDBPDatabase<CascadeDB>) => Promise<void>): Promise<SaveStatus> {
    const db = this.db;
    if (!db) return this.current;
    try {
      await fn(db);
      this.setStatus(OK);
    } catch (e) {
      this.setStatus(statusFromError(e));
    }
    return this.current;
  }

  /** Runs a read; never throws. A failed read returns `fallback` and leaves status alone. */
  private async read<T>(fallback: T, fn: (db: IDBPDatabase<CascadeDB>) => Promise<T>): Promise<T> {
    const db = this.db;
    if (!db) return fallback;
    try {
      return await fn(db);
    } catch {
      return fallback;
    }
  }

  async loadDraft() {
    const skipped: SkippedRecord[] = [];
    const draft = await this.read<LoadedDraft | null>(null, async (db) => {
      const raw = await db.get('draft', DRAFT_KEY);
      if (raw === undefined) return null;
      const c = checkDraft(raw);
      if (!c.ok) {
        skipped.push({ store: 'draft', key: DRAFT_KEY, problem: c.problem });
        return null;
      }
      return { scenario: c.value.scenario, updatedAt: c.value.updatedAt, issues: c.issues };
    });
    return { draft, skipped, status: this.current };
  }

  saveDraft(scenario: ValidScenario, editedAt?: number): Promise<SaveStatus> {
    const record = { format: RECORD_FORMAT, scenario: plain(scenario), updatedAt: editedAt ?? this.now() };
    return this.write((db) => putIfNewer(db, DRAFT_KEY, record));
  }

  clearDraft(): Promise<SaveStatus> {
    return this.write(async (db) => {
      await db.delete('draft', DRAFT_KEY);
    });
  }

  loadConfigs(): Promise<LoadedConfigs | null> {
    return this.read(null, async (db) => loadedConfigs(await db.get('draft', CONFIGS_KEY)));
  }

  saveConfigs(draft: ConfigsDraft, editedAt?: number): Promise<SaveStatus> {
    const record = configsRecord(draft, editedAt ?? this.now(), RECORD_FORMAT);
    return this.write((db) => putIfNewer(db, CONFIGS_KEY, record));
  }

  async listScenarios(): Promise<ReadResult<SavedScenario>> {
    const skipped: SkippedRecord[] = [];
    const items = await this.read<SavedScenario[]>([], async (db) => {
      const out: SavedScenario[] = [];
      let cursor = await db.transaction('scenarios').store.openCursor();
      while (cursor) {
        const c = checkSavedScenario(cursor.value);
        if (c.ok) out.push({ ...c.value, issues: c.issues });
        else skipped.push({ store: 'scenarios', key: String(cursor.key), problem: c.problem });
        cursor = await cursor.continue();
      }
      return out.sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
    });
    return { items, skipped, status: this.current };
  }

  async saveScenario(input: SaveScenarioInput): Promise<{ id: number | null; status: SaveStatus }> {
    let id: number | null = null;
    const now = this.now();
    const status = await this.write(async (db) => {
      const tx = db.transaction('scenarios', 'readwrite');
      let createdAt = now;
      if (input.id !== undefined) {
        const old = await tx.store.get(input.id);
        if (old && typeof old.createdAt === 'number') createdAt = old.createdAt;
      }
      const record: SavedScenarioRecord = {
        format: RECORD_FORMAT,
        name: String(input.name).slice(0, 200),
        notes: String(input.notes ?? '').slice(0, 20_000),
        scenario: plain(input.scenario),
        createdAt,
        updatedAt: now,
      };
      if (input.id !== undefined) record.id = input.id;
      id = await tx.store.put(record);
      await tx.done;
    });
    return { id: status.saving ? id : null, status };
  }

  deleteScenario(id: number): Promise<SaveStatus> {
    return this.write(async (db) => {
      await db.delete('scenarios', id);
    });
  }

  async listRuns(): Promise<ReadResult<RunInfo>> {
    const skipped: SkippedRecord[] = [];
    const items = await this.read<RunInfo[]>([], async (db) => {
      const out: RunInfo[] = [];
      let cursor = await db.transaction('runs').store.index('by-created').openCursor(null, 'prev');
      while (cursor) {
        const c = checkRun(cursor.value);
        if (c.ok) {
          const { series: _s, events: _e, format: _f, ...info } = c.value;
          if (info.ensemble) info.ensemble = { ...info.ensemble, band: null };
          out.push({ ...info, issues: c.issues });
        } else {
          skipped.push({ store: 'runs', key: String(cursor.primaryKey), problem: c.problem });
        }
        cursor = await cursor.continue();
      }
      return out;
    });
    return { items, skipped, status: this.current };
  }

  async getRun(id: number) {
    const skipped: SkippedRecord[] = [];
    const run = await this.read<StoredRun | null>(null, async (db) => {
      const raw = await db.get('runs', id);
      if (raw === undefined) return null;
      const c = checkRun(raw);
      if (!c.ok) {
        skipped.push({ store: 'runs', key: String(id), problem: c.problem });
        return null;
      }
      const { format: _f, ...rest } = c.value;
      return { ...rest, issues: c.issues };
    });
    return { run, skipped, status: this.current };
  }

  async addRun(input: AddRunInput): Promise<{ id: number | null; status: SaveStatus }> {
    // validate before writing: a record this build cannot read back must not be written
    const summary = checkSummary(plain(input.summary));
    const series = checkSeries(seriesSnapshot(input.series));
    const events = checkEvents(plain(input.events));
    if (!summary.ok || !series.ok || !events.ok || !(input.stepSeconds > 0)) {
      const problem =
        [summary, series, events]
          .map((c) => (c.ok ? '' : c.problem))
          .filter(Boolean)
          .join('; ') || 'stepSeconds must be positive';
      return { id: null, status: off('error', `run not saved: ${problem}`) };
    }
    let id: number | null = null;
    const record: RunRecord = {
      format: RECORD_FORMAT,
      name: String(input.name ?? '').slice(0, 200),
      scenario: plain(input.scenario),
      summary: summary.value,
      stepSeconds: input.stepSeconds,
      series: series.value,
      events: events.value,
      createdAt: this.now(),
    };
    const status = await this.write(async (db) => {
      const tx = db.transaction('runs', 'readwrite');
      id = await tx.store.put(record);
      // prune the oldest beyond MAX_RUNS
      const total = await tx.store.count();
      let extra = total - MAX_RUNS;
      let cursor = extra > 0 ? await tx.store.index('by-created').openCursor() : null;
      while (cursor && extra > 0) {
        await cursor.delete();
        extra--;
        cursor = await cursor.continue();
      }
      await tx.done;
    });
    return { id: status.saving ? id : null, status };
  }

  async setRunEnsemble(id: number, ensemble: SavedEnsemble): Promise<{ saved: boolean; status: SaveStatus }> {
    const e = checkEnsemble(ensemble);
    if (!e.ok) return { saved: false, status: off('error', `ensemble not saved: ${e.problem}`) };
    let saved = false;
    const status = await this.write(async (db) => {
      const tx = db.transaction('runs', 'readwrite');
      const record = await tx.store.get(id);
      if (record) {
        await tx.store.put({ ...record, ensemble: e.value });
        saved = true;
      }
      await tx.done;
    });
    return { saved: saved && status.saving, status };
  }

  deleteRun(id: number): Promise<SaveStatus> {
    return this.write(async (db) => {
      await db.delete('runs', id);
    });
  }

  async listBoard(): Promise<ReadResult<BoardRow>> {
    const read = await this.read({ items: [] as BoardRow[], skipped: [] as SkippedRecord[] }, listBoard);
    return { ...read, status: this.current };
  }

  async addBoardLinks(links: readonly string[]) {
    let added: BoardAdd = { ids: [], refused: { tooLong: 0, full: 0 } };
    const status = await this.write(async (db) => {
      added = await addBoardLinks(db, links, this.now(), RECORD_FORMAT);
    });
    return { ...added, ids: status.saving ? added.ids : links.map(() => null), status };
  }

  setBoardResult(id: number, result: BoardResult): Promise<SaveStatus> {
    return this.write(async (db) => void (await setBoardResult(db, id, result)));
  }

  clearBoard(ids?: readonly number[]): Promise<SaveStatus> {
    return this.write(async (db) => {
      const tx = db.transaction('board', 'readwrite');
      await Promise.all(ids ? ids.map((id) => tx.store.delete(id)) : [tx.store.clear()]);
      await tx.done;
    });
  }
}
