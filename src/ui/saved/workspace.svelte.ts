// The page's saved work: a reactive wrapper over the persist layer (draft autosave, saved
// scenarios, run history). Never throws: the persist layer resolves every call, and when
// saving is off `status` says why (the playground keeps running).

import {
  createAutosave,
  newerConfigs,
  newerDraft,
  openPersist,
  readConfigsJournal,
  readJournal,
  writeConfigsJournal,
  writeJournal,
  type AddRunInput,
  type Autosave,
  type ConfigsDraft,
  type LoadedDraft,
  type Persist,
  type RunInfo,
  type SavedEnsemble,
  type SavedScenario,
  type SaveStatus,
  type SkippedRecord,
  type StoredRun,
} from '../../persist/index.ts';
import type { ValidScenario } from '../../scenario/index.ts';

export const AUTOSAVE_MS = 400;

export class Workspace {
  status = $state.raw<SaveStatus>({ saving: true });
  scenarios = $state.raw<SavedScenario[]>([]);
  runs = $state.raw<RunInfo[]>([]);
  /** corrupt records found while reading (they stay in the database) */
  skipped = $state.raw<SkippedRecord[]>([]);
  /** 'pending' after an edit, 'saved' once the draft is written */
  draft = $state<'none' | 'pending' | 'saved'>('none');

  #persist: Promise<Persist>;
  #autosave: Promise<Autosave>;
  /** the latest edit, and whether IndexedDB holds it (the journal always does, when it works) */
  #latest: ValidScenario | null = null;
  /** when the latest edit was made (the draft keeps the last edit of any tab: persist/store.ts) */
  #latestAt = 0;
  #latestStored = true;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, never rendered
  #onReopen = new Set<() => void>();

  constructor() {
    this.#persist = openPersist().then((p) => {
      this.status = p.status();
      p.onStatus((s) => {
        const was = this.status;
        this.status = s;
        // saving is back (a blocked open cleared, space was freed): store what was made meanwhile
        if (s.saving && !was.saving) {
          if (this.#latest && !this.#latestStored) {
            const latest = this.#latest;
            const at = this.#latestAt;
            this.draft = 'pending';
            void this.#autosave.then((a) => {
              a.schedule(latest, at);
              return a.flush();
            });
          }
          for (const f of this.#onReopen) f();
        }
      });
      return p;
    });
    this.#autosave = this.#persist.then((p) =>
      createAutosave(
        {
          status: () => p.status(),
          saveDraft: async (s: ValidScenario, at?: number) => {
            const st = await p.saveDraft(s, at);
            if (s === this.#latest) this.#latestStored = st.saving;
            if (this.draft === 'pending') this.draft = st.saving ? 'saved' : 'none';
            return st;
          },
        } as Pick<Persist, 'status' | 'saveDraft'> as Persist,
        AUTOSAVE_MS,
      ),
    );
    void this.refresh();
  }

  /** The newer of the IndexedDB draft and the journal (the last edit); the journal's is stored again. */
  async loadDraft(): Promise<LoadedDraft | null> {
    const r = await (await this.#persist).loadDraft();
    this.#noteSkipped(r.skipped);
    const journal = readJournal();
    const draft = newerDraft(r.draft, journal);
    if (draft && draft === journal && JSON.stringify(journal.scenario) !== JSON.stringify(r.draft?.scenario)) {
      // the last edit never reached IndexedDB (a reload right after it): store it now
      this.#latest = draft.scenario;
      this.#latestAt = draft.updatedAt;
      this.#latestStored = false;
      void this.#autosave.then((a) => a.schedule(draft.scenario, draft.updatedAt));
    }
    return draft;
  }

  /** Called when saving comes back after being off (a blocked open cleared); returns the unsubscribe. */
  onReopen(f: () => void): () => void {
    this.#onReopen.add(f);
    return () => this.#onReopen.delete(f);
  }

  /** on every edit: journalled at once (survives a reload now), stored in IndexedDB soon */
  saveDraft(scenario: ValidScenario): void {
    this.draft = 'pending';
    const at = Date.now();
    this.#latest = scenario;
    this.#latestAt = at;
    this.#latestStored = false;
    writeJournal(scenario, at);
    void this.#autosave.then((a) => a.schedule(scenario, at));
  }

  /** on pagehide / visibilitychange(hidden) */
  flush(): void {
    void this.#autosave.then((a) => a.flush());
    this.#flushConfigs();
  }

  /** the config panel's sides (what the user pasted), as left last time: the newer of IndexedDB and the journal */
  async loadConfigs(): Promise<ConfigsDraft | null> {
    const db = await (await this.#persist).loadConfigs();
    const journal = readConfigsJournal();
    const newer = newerConfigs(db, journal);
    if (newer && newer === journal && JSON.stringify(journal.configs) !== JSON.stringify(db?.configs)) {
      this.#configs = journal.configs; // a reload right after a paste: IndexedDB never got it, store it now
      this.#configsAt = journal.updatedAt;
      this.#flushConfigs();
    }
    return newer?.configs ?? null;
  }

  /**
   * On every change of the config panel: journalled at once (a reload a moment later keeps a
   * paste), stored in IndexedDB after AUTOSAVE_MS without another change; at once when the
   * sides are too big for the journal.
   */
  saveConfigs(draft: ConfigsDraft): void {
    this.#configs = draft;
    this.#configsAt = Date.now();
    if (this.#configsTimer !== null) clearTimeout(this.#configsTimer);
    if (!writeConfigsJournal(draft, this.#configsAt)) this.#flushConfigs();
    else this.#configsTimer = setTimeout(() => this.#flushConfigs(), AUTOSAVE_MS);
  }

  #configs: ConfigsDraft | null = null;
  #configsAt = 0;
  #configsTimer: ReturnType<typeof setTimeout> | null = null;
  #flushConfigs(): void {
    if (this.#configsTimer !== null) clearTimeout(this.#configsTimer);
    this.#configsTimer = null;
    const d = this.#configs;
    const at = this.#configsAt;
    this.#configs = null;
    if (d) void this.#persist.then((p) => p.saveConfigs(d, at));
  }

  /** the same, awaited: before a reload the page asked for (a new version) */
  async flushNow(): Promise<void> {
    await (await this.#autosave).flush();
  }

  async refresh(): Promise<void> {
    const p = await this.#persist;
    const [s, r] = await Promise.all([p.listScenarios(), p.listRuns()]);
    this.scenarios = s.items;
    this.runs = r.items;
    this.#noteSkipped([...s.skipped, ...r.skipped]);
  }

  async saveScenario(name: string, notes: string, scenario: ValidScenario): Promise<boolean> {
    const r = await (await this.#persist).saveScenario({ name, notes, scenario });
    await this.refresh();
    return r.id !== null;
  }

  async deleteScenario(id: number): Promise<void> {
    await (await this.#persist).deleteScenario(id);
    await this.refresh();
  }

  async addRun(input: AddRunInput): Promise<void> {
    await (await this.#persist).addRun(input);
    await this.refresh();
  }

  async getRun(id: number): Promise<StoredRun | null> {
    const r = await (await this.#persist).getRun(id);
    this.#noteSkipped(r.skipped);
    return r.run;
  }

  /** keeps a "How sure?" result with a saved run; true when it was written */
  async setRunEnsemble(id: number, ensemble: SavedEnsemble): Promise<boolean> {
    const r = await (await this.#persist).setRunEnsemble(id, ensemble);
    await this.refresh();
    return r.saved;
  }

  async deleteRun(id: number): Promise<void> {
    await (await this.#persist).deleteRun(id);
    await this.refresh();
  }

  #noteSkipped(found: SkippedRecord[]): void {
    const key = (s: SkippedRecord) => `${s.store}/${s.key}`;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const known = new Set(this.skipped.map(key));
    const fresh = found.filter((s) => !known.has(key(s)));
    if (fresh.length) this.skipped = [...this.skipped, ...fresh];
  }
}
