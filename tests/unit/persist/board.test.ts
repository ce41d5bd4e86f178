// The class board in IndexedDB (schema v2): a database made by build 1 opens whole and gains the
// board store; rows keep their order and their results; a bad row is skipped with why; a full
// board and a too-long link are refused and counted; nothing ever throws.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  MAX_BOARD_ROWS,
  checkBoardRecord,
  openPersist,
  type BoardResult,
  type Persist,
} from '../../../src/persist/index.ts';
import { MAX_LINK_CHARS, loadPreset } from '../../../src/scenario/index.ts';

let clock = 1000;
let opened: Persist[] = [];
async function open(factory: IDBFactory, version?: number): Promise<Persist> {
  const p = await openPersist({ factory, now: () => ++clock, version });
  opened.push(p);
  return p;
}
afterEach(() => {
  for (const p of opened) p.close();
  opened = [];
});

function rawOpen(factory: IDBFactory, version: number, onUpgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME, version);
    req.onupgradeneeded = () => onUpgrade?.(req.result);
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
/** The version-1 layout, exactly as build 1 creates it (same as persist.test.ts). */
function v1Layout(db: IDBDatabase): void {
  db.createObjectStore('draft');
  db.createObjectStore('scenarios', { keyPath: 'id', autoIncrement: true }).createIndex('by-updated', 'updatedAt');
  db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true }).createIndex('by-created', 'createdAt');
}

const LINK = '?v=2&preset=workshop-outage&seed=1&goal=nopanic&allow=telemetry.buffer.whenFull';
const DONE: BoardResult = {
  state: 'done',
  worlds: [{ seed: 1, hosts: 12, panicked: 0, produced: 100, dropped: 50, lost: 0 }],
};

describe('the board store', () => {
  it(`a version-1 database opens at version ${DB_VERSION}: its draft and scenarios stay, the board is empty`, async () => {
    expect(DB_VERSION).toBe(2);
    const factory = new IDBFactory();
    const db = await rawOpen(factory, 1, v1Layout);
    const s = JSON.parse(JSON.stringify(loadPreset('workshop-outage')!));
    await rawPut(db, 'draft', { format: 1, scenario: { ...s, seed: 41 }, updatedAt: 5 }, 'current');
    await rawPut(db, 'scenarios', { format: 1, name: 'kept', notes: '', scenario: s, createdAt: 1, updatedAt: 2 });
    db.close();
    const p = await open(factory);
    expect(p.status()).toEqual({ saving: true });
    expect((await p.loadDraft()).draft!.scenario.seed).toBe(41);
    expect((await p.listScenarios()).items.map((x) => x.name)).toEqual(['kept']);
    expect((await p.listBoard()).items).toEqual([]);
    const added = await p.addBoardLinks([LINK]);
    expect(added.ids).toHaveLength(1);
  });

  it('keeps rows in the order added, with their results, across a reload; removes some or all', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const a = await p.addBoardLinks([`${LINK}&by=A`, `${LINK}&by=B`, 'not a link']);
    expect(a.status).toEqual({ saving: true });
    const [x, y, z] = a.ids as number[];
    expect(await p.setBoardResult(y, DONE)).toEqual({ saving: true });
    p.close();
    const q = await open(factory);
    const rows = (await q.listBoard()).items;
    expect(rows.map((r) => [r.id, r.link.slice(-4), r.result])).toEqual([
      [x, 'by=A', null],
      [y, 'by=B', DONE],
      [z, 'link', null],
    ]);
    await q.clearBoard([x, z]);
    expect((await q.listBoard()).items.map((r) => r.id)).toEqual([y]);
    await q.clearBoard();
    expect((await q.listBoard()).items).toEqual([]);
  });

  it('refuses a result it could not read back, and a link too long or past the last row', async () => {
    const p = await open(new IDBFactory());
    const { ids } = await p.addBoardLinks([LINK, 'x'.repeat(MAX_LINK_CHARS + 4096), LINK]);
    expect(ids[1]).toBeNull();
    expect(ids.filter((i) => i !== null)).toHaveLength(2);
    await p.setBoardResult(ids[0]!, { state: 'done', worlds: [{ seed: 1, hosts: -1 }] } as unknown as BoardResult);
    expect((await p.listBoard()).items[0].result).toBeNull();
    const many = await p.addBoardLinks(Array.from({ length: MAX_BOARD_ROWS }, () => LINK));
    expect(many.refused).toEqual({ tooLong: 0, full: 2 });
    expect(many.ids.at(-1)).toBeNull();
    expect((await p.listBoard()).items).toHaveLength(MAX_BOARD_ROWS);
  });

  it('skips a corrupt row and says why; the others load', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    await p.addBoardLinks([LINK]);
    p.close();
    const db = await rawOpen(factory, DB_VERSION);
    await rawPut(db, 'board', { format: 1, id: 7, link: 42, addedAt: 1, result: null });
    await rawPut(db, 'board', { format: 1, id: 8, link: LINK, addedAt: 1, result: { state: 'done', worlds: [] } });
    db.close();
    const q = await open(factory);
    const read = await q.listBoard();
    expect(read.items).toHaveLength(1);
    expect(read.skipped).toEqual([
      { store: 'board', key: '7', problem: expect.stringMatching(/link must be text/) },
      { store: 'board', key: '8', problem: expect.stringMatching(/worlds must be a list of 1 to 16/) },
    ]);
  });

  it('checks a row without throwing on anything', () => {
    for (const v of [null, 1, 'x', [], { id: 1n }, { id: 1, link: '', addedAt: 1, result: { state: 'weird' } }])
      expect(checkBoardRecord(v).ok).toBe(false);
    expect(
      checkBoardRecord({ id: 1, link: LINK, addedAt: 1, result: { state: 'error', error: 'x'.repeat(900) } }),
    ).toMatchObject({
      ok: true,
      value: { result: { state: 'error', error: 'x'.repeat(500) } },
    });
  });

  it('with IndexedDB unavailable every call resolves, nothing is kept', async () => {
    const p = await openPersist({ factory: null });
    const added = await p.addBoardLinks([LINK]);
    expect(added.ids).toEqual([null]);
    expect(added.status.saving).toBe(false);
    expect((await p.listBoard()).items).toEqual([]);
    expect((await p.setBoardResult(1, DONE)).saving).toBe(false);
  });
});
