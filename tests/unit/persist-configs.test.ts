// The config panel's draft (what the user pasted on the current and proposed sides): saved beside
// the scenario draft without touching it, read back validated; a bad part is dropped, never thrown.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIGS_KEY,
  DB_NAME,
  DB_VERSION,
  MAX_SIDE_FILES,
  checkConfigsDraft,
  openPersist,
  type ConfigsDraft,
  type Persist,
} from '../../src/persist/index.ts';
import { MAX_CONFIG_CHARS, loadPreset } from '../../src/scenario/index.ts';

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
    expect(await again.loadConfigs()).toEqual(DRAFT);
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
    expect(await p.loadConfigs()).toEqual({ current: DRAFT.current, proposed: { kind: 'auto', text: '', files: [] } });
  });
});
