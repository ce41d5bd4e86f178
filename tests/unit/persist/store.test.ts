// Saved work: round-trips, a database made by the previous version, corrupt records, and
// every way IndexedDB can refuse (unavailable, full, blocked, superseded) without throwing.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  MAX_RUNS,
  openPersist,
  statusFromError,
  createAutosave,
  type AddRunInput,
  type SaveStatus,
  type Persist,
} from '../../../src/persist/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { downsample } from '../../../src/core/index.ts';
import { run, scenarioWith } from '../helpers.ts';

const scenario = scenarioWith({ durationMinutes: 30, fleet: { hypervisors: 3 } });
const result = run(scenario);
function runInput(name = 'r'): AddRunInput {
  const series: AddRunInput['series'] = {};
  for (const key of ['backlogRamMiB', 'panickedHosts'] as const)
    series[key] = downsample(result.series[key], result.steps, result.stepSeconds, 50);
  return {
    name,
    scenario,
    summary: result.summary,
    stepSeconds: result.stepSeconds,
    series,
    events: result.events,
  };
}

let clock = 1000;
const now = () => ++clock;
let opened: Persist[] = [];
async function open(factory: IDBFactory, version?: number): Promise<Persist> {
  const p = await openPersist({ factory, now, version });
  opened.push(p);
  return p;
}
afterEach(() => {
  for (const p of opened) p.close();
  opened = [];
  vi.restoreAllMocks();
});

/** Raw IndexedDB helpers: the test writes what another build would have written, without our code. */
function rawOpen(
  factory: IDBFactory,
  version: number,
  onUpgrade?: (db: IDBDatabase, tx: IDBTransaction, old: number) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME, version);
    req.onupgradeneeded = (ev) => onUpgrade?.(req.result, req.transaction!, ev.oldVersion);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
function rawPut(db: IDBDatabase, store: string, value: unknown, key?: IDBValidKey): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
/** The version-1 layout, written by hand exactly as build 1 creates it. */
function v1Layout(db: IDBDatabase): void {
  db.createObjectStore('draft');
  db.createObjectStore('scenarios', { keyPath: 'id', autoIncrement: true }).createIndex('by-updated', 'updatedAt');
  db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true }).createIndex('by-created', 'createdAt');
}

describe('persist: round-trips', () => {
  it('saves and reloads the draft', async () => {
    const p = await open(new IDBFactory());
    expect(p.status()).toEqual({ saving: true });
    expect((await p.loadDraft()).draft).toBeNull();
    const s = loadPreset('workshop-outage')!;
    s.seed = 99;
    expect(await p.saveDraft(s)).toEqual({ saving: true });
    const { draft, skipped } = await p.loadDraft();
    expect(skipped).toEqual([]);
    expect(draft!.scenario).toEqual(s);
    expect(draft!.issues).toEqual([]);
    await p.clearDraft();
    expect((await p.loadDraft()).draft).toBeNull();
  });

  it('survives a reopen (a reload) and stores snapshots of proxied input', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const s = loadPreset('clevercloud-2024-08-02')!;
    const proxy = new Proxy(s, {}); // like a Svelte $state proxy: not structured-clonable
    await p.saveDraft(proxy);
    p.close();
    const q = await open(factory);
    expect((await q.loadDraft()).draft!.scenario).toEqual(s);
  });

  it('saves, lists (newest first), updates and deletes named scenarios', async () => {
    const p = await open(new IDBFactory());
    const a = await p.saveScenario({ name: 'A', notes: 'first', scenario: loadPreset('workshop-outage')! });
    const b = await p.saveScenario({ name: 'B', scenario: loadPreset('clevercloud-2024-08-02')! });
    expect(a.id).toBeTypeOf('number');
    let list = await p.listScenarios();
    expect(list.items.map((x) => x.name)).toEqual(['B', 'A']);
    expect(list.items[1]).toMatchObject({ notes: 'first', issues: [] });
    const created = list.items[1].createdAt;
    await p.saveScenario({ id: a.id!, name: 'A2', notes: 'edited', scenario: loadPreset('workshop-outage')! });
    list = await p.listScenarios();
    expect(list.items.map((x) => x.name)).toEqual(['A2', 'B']);
    expect(list.items[0].createdAt).toBe(created);
    expect(list.items[0].updatedAt).toBeGreaterThan(created);
    await p.deleteScenario(b.id!);
    expect((await p.listScenarios()).items.map((x) => x.name)).toEqual(['A2']);
  });

  it('keeps run history with summary, downsampled series and events; lists without series', async () => {
    const p = await open(new IDBFactory());
    const { id } = await p.addRun(runInput('first'));
    await p.addRun(runInput('second'));
    const list = await p.listRuns();
    expect(list.items.map((r) => r.name)).toEqual(['second', 'first']);
    expect(list.items[0]).not.toHaveProperty('series');
    const { run: got } = await p.getRun(id!);
    expect(got!.summary).toEqual(result.summary);
    expect(got!.events).toEqual(result.events);
    expect(got!.scenario).toEqual(result.scenario);
    const want = downsample(result.series.backlogRamMiB, result.steps, result.stepSeconds, 50);
    expect(got!.series.backlogRamMiB!.y).toBeInstanceOf(Float32Array);
    expect(Array.from(got!.series.backlogRamMiB!.y)).toEqual(Array.from(want.y));
    expect(Array.from(got!.series.backlogRamMiB!.t)).toEqual(Array.from(want.t));
    await p.deleteRun(id!);
    expect((await p.getRun(id!)).run).toBeNull();
  });

  it(`keeps at most ${MAX_RUNS} runs, dropping the oldest`, async () => {
    const p = await open(new IDBFactory());
    const small = { ...runInput(), series: {}, events: [] };
    for (let i = 0; i < MAX_RUNS + 3; i++) await p.addRun({ ...small, name: `run ${i}` });
    const names = (await p.listRuns()).items.map((r) => r.name);
    expect(names).toHaveLength(MAX_RUNS);
    expect(names[0]).toBe(`run ${MAX_RUNS + 2}`);
    expect(names.at(-1)).toBe('run 3');
  });

  it('refuses to write a run it could not read back', async () => {
    const p = await open(new IDBFactory());
    const bad = { ...runInput(), summary: { verdict: 3 } as never };
    const r = await p.addRun(bad);
    expect(r.id).toBeNull();
    expect(r.status).toMatchObject({ saving: false, reason: 'error' });
    expect((await p.listRuns()).items).toEqual([]);
  });

  it('autosave writes the latest scenario once, on a timer or on flush', async () => {
    const p = await open(new IDBFactory());
    const spy = vi.spyOn(p, 'saveDraft');
    const auto = createAutosave(p, 10_000);
    const s = loadPreset('workshop-outage')!;
    auto.schedule({ ...s, seed: 2 });
    auto.schedule({ ...s, seed: 3 });
    await auto.flush();
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await p.loadDraft()).draft!.scenario.seed).toBe(3);
  });
});

describe('persist: a database made by the previous version', () => {
  async function seedV1(factory: IDBFactory): Promise<void> {
    const db = await rawOpen(factory, 1, (d) => v1Layout(d));
    const s = JSON.parse(JSON.stringify(loadPreset('workshop-outage')!));
    await rawPut(db, 'draft', { format: 1, scenario: { ...s, seed: 41 }, updatedAt: 5 }, 'current');
    await rawPut(db, 'scenarios', { format: 1, name: 'kept', notes: 'n', scenario: s, createdAt: 1, updatedAt: 2 });
    // a run written with plain number arrays and a scenario field this build no longer knows
    await rawPut(db, 'runs', {
      format: 1,
      name: 'old run',
      scenario: { ...s, fleet: { ...s.fleet, racks: 4 } },
      summary: JSON.parse(JSON.stringify(result.summary)),
      stepSeconds: 5,
      series: { panickedHosts: { t: [5, 10], y: [0, 1] }, someFutureSeries: { t: [1], y: [1] } },
      events: [],
      createdAt: 3,
    });
    db.close();
  }

  it(`opens a version-1 database with the current version (${DB_VERSION}) and finds everything`, async () => {
    const factory = new IDBFactory();
    await seedV1(factory);
    const p = await open(factory);
    expect(p.status()).toEqual({ saving: true });
    expect((await p.loadDraft()).draft!.scenario.seed).toBe(41);
    expect((await p.listScenarios()).items.map((x) => x.name)).toEqual(['kept']);
    const runs = await p.listRuns();
    expect(runs.items.map((x) => x.name)).toEqual(['old run']);
    expect(runs.items[0].issues.map((i) => i.path)).toEqual(['fleet.racks']);
    const { run: got } = await p.getRun(runs.items[0].id);
    expect(Array.from(got!.series.panickedHosts!.y)).toEqual([0, 1]);
    expect(Object.keys(got!.series)).toEqual(['panickedHosts']);
  });

  it('runs the upgrade steps from version 1 to a later version and keeps the records', async () => {
    const factory = new IDBFactory();
    await seedV1(factory);
    const p = await open(factory, DB_VERSION + 1);
    expect(p.status()).toEqual({ saving: true });
    expect((await p.listScenarios()).items).toHaveLength(1);
    expect((await p.listRuns()).items).toHaveLength(1);
  });

  it('creates every store in a fresh browser (version 0)', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    p.close();
    const db = await rawOpen(factory, DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['board', 'draft', 'runs', 'scenarios']);
    db.close();
  });
});

describe('persist: corrupt records are skipped and reported, the others stay', () => {
  it('skips bad scenarios, runs and drafts', async () => {
    const factory = new IDBFactory();
    const db = await rawOpen(factory, 1, (d) => v1Layout(d));
    const s = JSON.parse(JSON.stringify(loadPreset('workshop-outage')!));
    await rawPut(db, 'draft', 'garbage', 'current');
    await rawPut(db, 'scenarios', { format: 1, name: 'good', notes: '', scenario: s, createdAt: 1, updatedAt: 1 });
    await rawPut(db, 'scenarios', { format: 1, name: 42, scenario: s, createdAt: 1, updatedAt: 1 });
    await rawPut(db, 'scenarios', { format: 1, name: 'no scenario', scenario: 'x', createdAt: 1, updatedAt: 1 });
    await rawPut(db, 'runs', {
      format: 1,
      name: 'bad summary',
      scenario: s,
      summary: { verdict: 1 },
      stepSeconds: 5,
      series: {},
      events: [],
      createdAt: 1,
    });
    await rawPut(db, 'runs', {
      format: 1,
      name: 'bad series',
      scenario: s,
      summary: result.summary,
      stepSeconds: 5,
      series: { panickedHosts: { t: [1, 2], y: [1] } },
      events: [],
      createdAt: 2,
    });
    await rawPut(db, 'runs', {
      format: 1,
      name: 'good run',
      scenario: s,
      summary: result.summary,
      stepSeconds: 5,
      series: {},
      events: [],
      createdAt: 3,
    });
    db.close();

    const p = await open(factory);
    const draft = await p.loadDraft();
    expect(draft.draft).toBeNull();
    expect(draft.skipped).toEqual([{ store: 'draft', key: 'current', problem: 'the draft is not an object' }]);
    const sc = await p.listScenarios();
    expect(sc.items.map((x) => x.name)).toEqual(['good']);
    expect(sc.skipped.map((x) => x.problem)).toEqual(['name must be a text', 'scenario must be an object']);
    const runs = await p.listRuns();
    expect(runs.items.map((x) => x.name)).toEqual(['good run']);
    expect(runs.skipped.map((x) => [x.key, x.problem])).toEqual([
      ['2', 'series.panickedHosts: t and y differ in length (2 and 1)'],
      ['1', 'summary.schema must be a number'],
    ]);
    expect((await p.getRun(1)).skipped).toHaveLength(1);
    expect(p.status()).toEqual({ saving: true });
  });

  it('skips a record nothing can read (a BigInt in its series), keeps one whose unknown summary field is odd', async () => {
    const factory = new IDBFactory();
    const db = await rawOpen(factory, 1, (d) => v1Layout(d));
    const s = JSON.parse(JSON.stringify(loadPreset('workshop-outage')!));
    await rawPut(db, 'runs', {
      format: 1,
      name: 'odd',
      scenario: s,
      summary: { ...result.summary, extra: 1n },
      stepSeconds: 5,
      series: {},
      events: [],
      createdAt: 1,
    });
    await rawPut(db, 'runs', {
      format: 1,
      name: 'odd series',
      scenario: s,
      summary: result.summary,
      stepSeconds: 5,
      series: { panickedHosts: { t: new BigInt64Array(1), y: new BigInt64Array(1) } },
      events: [],
      createdAt: 2,
    });
    await rawPut(db, 'runs', {
      format: 1,
      name: 'good run',
      scenario: s,
      summary: result.summary,
      stepSeconds: 5,
      series: {},
      events: [],
      createdAt: 3,
    });
    db.close();
    const runs = await (await open(factory)).listRuns();
    // the summary keeps only the fields of the core's SUMMARY_SHAPE, so the BigInt extra is dropped
    expect(runs.items.map((x) => x.name)).toEqual(['good run', 'odd']);
    expect(runs.skipped.map((x) => x.problem)).toEqual([expect.stringMatching(/^unreadable record/)]);
  });
});

describe('persist: saving off, the page keeps running', () => {
  it('reports unavailable IndexedDB and still answers every call', async () => {
    const p = await openPersist({ factory: null });
    expect(p.status()).toMatchObject({ saving: false, reason: 'unavailable' });
    expect(await p.saveDraft(loadPreset('workshop-outage')!)).toMatchObject({ saving: false });
    expect((await p.loadDraft()).draft).toBeNull();
    expect((await p.listScenarios()).items).toEqual([]);
    expect(await p.saveScenario({ name: 'x', scenario: loadPreset('workshop-outage')! })).toMatchObject({
      id: null,
      status: { saving: false },
    });
    expect((await p.addRun(runInput())).id).toBeNull();
    expect((await p.listRuns()).items).toEqual([]);
  });

  it('reports a factory that throws (private mode) as unavailable', async () => {
    const factory = {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const p = await openPersist({ factory });
    expect(p.status()).toMatchObject({ saving: false, reason: 'unavailable' });
  });

  it('reports a full disk (QuotaExceededError), then recovers on the next successful write', async () => {
    const p = await open(new IDBFactory());
    const seen: SaveStatus[] = [];
    p.onStatus((s) => seen.push(s));
    const put = vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const s = loadPreset('workshop-outage')!;
    const st = await p.saveDraft(s);
    expect(st).toMatchObject({ saving: false, reason: 'quota' });
    expect((st as { message: string }).message).toMatch(/storage is full/);
    expect((await p.addRun(runInput())).status).toMatchObject({ reason: 'quota' });
    put.mockRestore();
    expect(await p.saveDraft(s)).toEqual({ saving: true });
    expect(seen.map((x) => x.saving)).toEqual([false, true]);
  });

  it('classifies errors from a transaction abort', () => {
    expect(statusFromError(new DOMException('x', 'QuotaExceededError'))).toMatchObject({ reason: 'quota' });
    expect(statusFromError(new DOMException('x', 'VersionError'))).toMatchObject({ reason: 'newer' });
    expect(statusFromError(new Error('boom'))).toMatchObject({ reason: 'error' });
    expect(statusFromError(undefined)).toMatchObject({ saving: false });
  });

  it("is blocked by another tab's open connection, then opens when it closes", async () => {
    const factory = new IDBFactory();
    const other = await rawOpen(factory, 1, (d) => v1Layout(d)); // an old tab that never closes on versionchange
    const p = await open(factory, 2);
    expect(p.status()).toMatchObject({ saving: false, reason: 'blocked' });
    expect(await p.saveDraft(loadPreset('workshop-outage')!)).toMatchObject({ saving: false, reason: 'blocked' });
    const opened = new Promise<SaveStatus>((resolve) => p.onStatus(resolve));
    other.close();
    expect(await opened).toEqual({ saving: true });
    expect(await p.saveDraft(loadPreset('workshop-outage')!)).toEqual({ saving: true });
  });

  it('steps aside when a newer version opens in another tab', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const newer = await rawOpen(factory, DB_VERSION + 1);
    expect(p.status()).toMatchObject({ saving: false, reason: 'versionchange' });
    expect(await p.saveDraft(loadPreset('workshop-outage')!)).toMatchObject({ saving: false });
    newer.close();
  });

  it('reports a database written by a newer version', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, DB_VERSION + 5)).close();
    const p = await open(factory);
    expect(p.status()).toMatchObject({ saving: false, reason: 'newer' });
    // not "opened in another tab ... reload": reloading this version never helps
    const message = (p.status() as { message: string }).message;
    expect(message).toMatch(/written by a newer version of Cascade than this page/);
    expect(message).not.toMatch(/another tab|Reload this tab/);
  });
});
