// The config panel's draft (what the user pasted on the current and proposed sides): saved beside
// the scenario draft without touching it, read back validated; a bad part is dropped, never thrown.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIGS_KEY,
  DB_NAME,
  DB_VERSION,
  CONFIGS_JOURNAL_KEY,
  MAX_CONFIGS_JOURNAL_CHARS,
  MAX_SIDE_FILES,
  checkConfigsDraft,
  newerConfigs,
  readConfigsJournal,
  writeConfigsJournal,
  type JournalStorage,
  openPersist,
  type ConfigsDraft,
  type Persist,
} from '../../../src/persist/index.ts';
import { MAX_CONFIG_CHARS, loadPreset } from '../../../src/scenario/index.ts';

let opened: Persist[] = [];
afterEach(() => {
  for (const p of opened) p.close();
  opened = [];
});
async function open(factory: IDBFactory): Promise<Persist> {
  const p = await openPersist({ factory, now: () => 7 });
  opened.push(p);
  return p;
}

const DRAFT: ConfigsDraft = {
  current: {
    kind: 'auto',
    text: 'being typed',
    files: [{ name: 'vector.toml', text: '[sinks.a]\ntype = "pulsar"\n' }],
  },
  proposed: { kind: 'vector', text: '', files: [{ kind: 'vector', text: 'sinks:\n  a:\n    type: pulsar\n' }] },
};

describe('persist: the config draft', () => {
  it('round-trips both sides across a reopen, beside the scenario draft', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    expect(await p.loadConfigs()).toBeNull();
    const scenario = loadPreset('workshop-outage')!;
    await p.saveDraft(scenario);
    expect(await p.saveConfigs(DRAFT)).toEqual({ saving: true });
    p.close();
    const again = await open(factory);
    expect(await again.loadConfigs()).toEqual({ configs: DRAFT, updatedAt: 7 });
    expect((await again.loadDraft()).draft?.scenario).toEqual(scenario); // the scenario draft is untouched
  });

  it('drops what it cannot trust, keeps the rest, never throws', async () => {
    expect(checkConfigsDraft('garbage')).toBeNull();
    const huge = 'x'.repeat(MAX_CONFIG_CHARS + 1);
    const read = checkConfigsDraft({
      current: {
        kind: 'nonsense',
        text: 42,
        files: [{ text: 'ok' }, { text: huge }, { name: 5, kind: 'pulsar', text: 'a=1' }, null, 'x'],
      },
      proposed: { files: Array.from({ length: MAX_SIDE_FILES + 5 }, () => ({ text: 't' })) },
    });
    expect(read!.current).toEqual({ kind: 'auto', text: '', files: [{ text: 'ok' }, { kind: 'pulsar', text: 'a=1' }] });
    expect(read!.proposed.files).toHaveLength(MAX_SIDE_FILES);
    const hostile = {
      get current() {
        throw new Error('no');
      },
    };
    expect(checkConfigsDraft(hostile)).toBeNull();
  });

  it('reads a record another build wrote by hand under its key', async () => {
    const factory = new IDBFactory();
    (await open(factory)).close();
    opened = [];
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = factory.open(DB_NAME, DB_VERSION);
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('draft', 'readwrite');
      tx.objectStore('draft').put({ format: 1, updatedAt: 1, current: DRAFT.current, proposed: 'bad' }, CONFIGS_KEY);
      tx.oncomplete = () => resolve();
    });
    db.close();
    const p = await open(factory);
    expect((await p.loadConfigs())?.configs).toEqual({
      current: DRAFT.current,
      proposed: { kind: 'auto', text: '', files: [] },
    });
  });
});

/** localStorage with a quota, like a browser's (characters of key + value). */
function memoryStorage(quota = 5_000_000): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => {
      let used = k.length + v.length;
      for (const [kk, vv] of map) if (kk !== k) used += kk.length + vv.length;
      if (used > quota) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
  };
}

describe('the config journal (a paste survives a reload before IndexedDB has it)', () => {
  it('round-trips the sides with their time; a tie goes to the journal, an older journal loses', () => {
    const s = memoryStorage();
    expect(readConfigsJournal(s)).toBeNull();
    expect(writeConfigsJournal(DRAFT, 100, s)).toBe(true);
    const j = readConfigsJournal(s);
    expect(j).toEqual({ configs: DRAFT, updatedAt: 100 });
    const db = { configs: { ...DRAFT, current: { kind: 'auto' as const, text: '', files: [] } }, updatedAt: 100 };
    expect(newerConfigs(db, j)).toBe(j);
    expect(newerConfigs({ ...db, updatedAt: 101 }, j)?.updatedAt).toBe(101);
    expect(newerConfigs(null, j)).toBe(j);
    expect(newerConfigs(db, null)).toBe(db);
  });

  it('refuses sides over the cap and removes its older entry, so a stale paste never wins', () => {
    const s = memoryStorage();
    expect(writeConfigsJournal(DRAFT, 1, s)).toBe(true);
    const big: ConfigsDraft = {
      ...DRAFT,
      proposed: { kind: 'auto', text: '', files: [{ text: 'k=v\n'.repeat(MAX_CONFIGS_JOURNAL_CHARS / 4 + 1) }] },
    };
    expect(writeConfigsJournal(big, 2, s)).toBe(false);
    expect(s.map.has(CONFIGS_JOURNAL_KEY)).toBe(false);
    expect(readConfigsJournal(s)).toBeNull();
  });

  it('a full quota or no storage is false, never a throw; a corrupt entry reads as none', () => {
    const full = memoryStorage(10);
    expect(writeConfigsJournal(DRAFT, 1, full)).toBe(false);
    expect(writeConfigsJournal(DRAFT, 1, null)).toBe(false);
    expect(readConfigsJournal(null)).toBeNull();
    const s = memoryStorage();
    s.setItem(CONFIGS_JOURNAL_KEY, '{not json');
    expect(readConfigsJournal(s)).toBeNull();
    s.setItem(
      CONFIGS_JOURNAL_KEY,
      JSON.stringify({ current: { kind: 'auto', text: 5, files: 'x' }, updatedAt: 'late' }),
    );
    expect(readConfigsJournal(s)).toEqual({
      configs: { current: { kind: 'auto', text: '', files: [] }, proposed: { kind: 'auto', text: '', files: [] } },
      updatedAt: 0,
    });
  });
});
