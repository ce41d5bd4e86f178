// The fault drill for two tabs editing (issue 27): the draft (IndexedDB plus the journal) is the
// last edit made in either tab, whatever order the tabs' debounced writes land in. Before, a
// write was stamped when it landed: a tab whose save came late (saving resumed after being off,
// a slow disk) stored its older edit as the newest, and a reload opened it instead of the other
// tab's later edit.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAutosave,
  newerDraft,
  openPersist,
  readJournal,
  writeJournal,
  type ConfigsDraft,
  type JournalStorage,
  type Persist,
} from '../../../src/persist/index.ts';
import { loadPreset, parseScenario, type ValidScenario } from '../../../src/scenario/index.ts';

let opened: Persist[] = [];
afterEach(() => {
  for (const p of opened) p.close();
  opened = [];
});

/** A tab: its own connection to the shared database, its own clock reading (the wall clock is shared). */
async function tab(factory: IDBFactory, clock: { t: number }): Promise<Persist> {
  const p = await openPersist({ factory, now: () => clock.t });
  opened.push(p);
  return p;
}

const withHosts = (n: number): ValidScenario =>
  parseScenario({
    ...loadPreset('workshop-outage')!,
    fleet: { ...loadPreset('workshop-outage')!.fleet, hypervisors: n },
  }).scenario;

function memoryStorage(): JournalStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

describe('fault drill: two tabs editing', () => {
  it('the later edit stays the draft when the earlier edit is written last', async () => {
    const factory = new IDBFactory();
    const clock = { t: 1000 };
    const a = await tab(factory, clock),
      b = await tab(factory, clock);
    const shared = memoryStorage(); // localStorage is one per origin: both tabs journal into it
    // A edits at 1000, B at 1100 (the journal is written at each edit, in order)
    writeJournal(withHosts(9), 1000, shared);
    writeJournal(withHosts(5), 1100, shared);
    // B's debounced write lands first; A's lands late (its saving was off, then resumed)
    clock.t = 1500;
    await b.saveDraft(withHosts(5), 1100);
    clock.t = 9000;
    await a.saveDraft(withHosts(9), 1000);
    const stored = (await a.loadDraft()).draft!;
    expect(stored.scenario.fleet.hypervisors).toBe(5);
    expect(newerDraft(stored, readJournal(shared))!.scenario.fleet.hypervisors).toBe(5);
    // and a later edit in A still wins, as any later edit does
    await a.saveDraft(withHosts(7), 9100);
    expect((await b.loadDraft()).draft!.scenario.fleet.hypervisors).toBe(7);
  });

  it('the config sides: the same rule', async () => {
    const factory = new IDBFactory();
    const clock = { t: 0 };
    const a = await tab(factory, clock),
      b = await tab(factory, clock);
    const sides = (text: string): ConfigsDraft => ({
      current: { kind: 'auto', text, files: [] },
      proposed: { kind: 'auto', text: '', files: [] },
    });
    await b.saveConfigs(sides('later'), 200);
    await a.saveConfigs(sides('earlier'), 100);
    expect((await a.loadConfigs())!.configs.current.text).toBe('later');
  });

  it('autosave passes the time of the edit, not of the write', async () => {
    const factory = new IDBFactory();
    const clock = { t: 0 };
    const a = await tab(factory, clock),
      b = await tab(factory, clock);
    const slow = createAutosave(a, 50);
    slow.schedule(withHosts(9), 10); // edited at 10, written ~50 ms later
    await b.saveDraft(withHosts(5), 20);
    clock.t = 99_999;
    await slow.flush();
    expect((await b.loadDraft()).draft!.scenario.fleet.hypervisors).toBe(5);
  });
});
