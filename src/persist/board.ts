// The class board's rows (schema v2, store `board`): each link as pasted, when it was added and,
// once the page has run it, what its worlds gave (or why it could not run). A row's result is the
// page's own run, never a figure the link claims; a reload shows the board without running it
// again. Nothing read back is trusted: a bad row is skipped and reported, the others load.

import type { IDBPDatabase } from 'idb';
import { MAX_LINK_CHARS } from '../scenario/index.ts';
import type { CascadeDB } from './schema.ts';

/** At most this many rows on a board; links past it are refused, with a count. */
export const MAX_BOARD_ROWS = 1000;
/** A stored link is at most this long (a link longer than MAX_LINK_CHARS is refused on reading, and says so). */
export const MAX_BOARD_LINK_CHARS = MAX_LINK_CHARS + 2048;
/** At most this many worlds per row (a challenge's MAX_CHALLENGE_WORLDS). */
const MAX_WORLDS = 16;
/** An error message is kept this long at most. */
const MAX_ERROR_CHARS = 500;

/** One world of a row: the summary's figures a goal reads. */
export interface BoardWorld {
  seed: number;
  hosts: number;
  panicked: number;
  produced: number;
  dropped: number;
  lost: number;
}

export type BoardResult = { state: 'done'; worlds: BoardWorld[] } | { state: 'error'; error: string };

export interface BoardRecord {
  format: number;
  /** assigned by the store: the board's order */
  id?: number;
  link: string;
  addedAt: number;
  /** null until the page has run it */
  result: BoardResult | null;
}

/** A row as read back. */
export type BoardRow = Required<Pick<BoardRecord, 'id'>> & Omit<BoardRecord, 'format' | 'id'>;

const WORLD_KEYS = ['seed', 'hosts', 'panicked', 'produced', 'dropped', 'lost'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkWorld(v: unknown, i: number): BoardWorld | string {
  if (!isObject(v)) return `worlds[${i}] must be an object`;
  const out = {} as BoardWorld;
  for (const k of WORLD_KEYS) {
    const x = v[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) return `worlds[${i}].${k} must be a number of 0 or more`;
    out[k] = x;
  }
  return out;
}

/** The result of a row, or a problem. */
export function checkBoardResult(v: unknown): { ok: true; value: BoardResult | null } | { ok: false; problem: string } {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (!isObject(v)) return { ok: false, problem: 'result must be an object' };
  if (v.state === 'error') {
    if (typeof v.error !== 'string') return { ok: false, problem: 'result.error must be text' };
    return { ok: true, value: { state: 'error', error: v.error.slice(0, MAX_ERROR_CHARS) } };
  }
  if (v.state !== 'done') return { ok: false, problem: 'result.state must be done or error' };
  if (!Array.isArray(v.worlds) || v.worlds.length < 1 || v.worlds.length > MAX_WORLDS)
    return { ok: false, problem: `result.worlds must be a list of 1 to ${MAX_WORLDS} worlds` };
  const worlds: BoardWorld[] = [];
  for (let i = 0; i < v.worlds.length; i++) {
    const w = checkWorld(v.worlds[i], i);
    if (typeof w === 'string') return { ok: false, problem: `result.${w}` };
    worlds.push(w);
  }
  return { ok: true, value: { state: 'done', worlds } };
}

/** A stored row, or a problem (the store skips it and says why). Never throws. */
export function checkBoardRecord(v: unknown): { ok: true; value: BoardRow } | { ok: false; problem: string } {
  try {
    if (!isObject(v)) return { ok: false, problem: 'not an object' };
    if (typeof v.id !== 'number') return { ok: false, problem: 'id must be a number' };
    if (typeof v.link !== 'string' || v.link.length > MAX_BOARD_LINK_CHARS)
      return { ok: false, problem: `link must be text of at most ${MAX_BOARD_LINK_CHARS} characters` };
    if (typeof v.addedAt !== 'number' || !Number.isFinite(v.addedAt))
      return { ok: false, problem: 'addedAt must be a time' };
    const r = checkBoardResult(v.result);
    if (!r.ok) return r;
    return { ok: true, value: { id: v.id, link: v.link, addedAt: v.addedAt, result: r.value } };
  } catch (e) {
    return { ok: false, problem: `unreadable record (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Every row in the order added; a row that does not read is skipped and listed with why. */
export async function listBoard(
  db: IDBPDatabase<CascadeDB>,
): Promise<{ items: BoardRow[]; skipped: { store: 'board'; key: string; problem: string }[] }> {
  const items: BoardRow[] = [];
  const skipped: { store: 'board'; key: string; problem: string }[] = [];
  for (let c = await db.transaction('board').store.openCursor(); c; c = await c.continue()) {
    const r = checkBoardRecord(c.value);
    if (r.ok) items.push(r.value);
    else skipped.push({ store: 'board', key: String(c.key), problem: r.problem });
  }
  return { items, skipped };
}

export interface BoardAdd {
  /** the id of each link's row, in the order given; null for a link not added */
  ids: (number | null)[];
  /** links not added: too long, or past MAX_BOARD_ROWS */
  refused: { tooLong: number; full: number };
}

/** Adds links in order (one transaction). Links are cut from nothing: a too-long one is refused and counted. */
export async function addBoardLinks(
  db: IDBPDatabase<CascadeDB>,
  links: readonly string[],
  now: number,
  format: number,
): Promise<BoardAdd> {
  const tx = db.transaction('board', 'readwrite');
  const ids: (number | null)[] = [];
  const refused = { tooLong: 0, full: 0 };
  let count = await tx.store.count();
  for (const link of links) {
    if (typeof link !== 'string' || link.length > MAX_BOARD_LINK_CHARS) {
      refused.tooLong++;
      ids.push(null);
      continue;
    }
    if (count >= MAX_BOARD_ROWS) {
      refused.full++;
      ids.push(null);
      continue;
    }
    const record: BoardRecord = { format, link, addedAt: now, result: null };
    ids.push(await tx.store.add(record));
    count++;
  }
  await tx.done;
  return { ids, refused };
}

/** Keeps a row's result (validated first: a result this build cannot read back is not written). */
export async function setBoardResult(db: IDBPDatabase<CascadeDB>, id: number, result: BoardResult): Promise<boolean> {
  const r = checkBoardResult(result);
  if (!r.ok) return false;
  const tx = db.transaction('board', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, result: JSON.parse(JSON.stringify(r.value)) as BoardResult });
  await tx.done;
  return record !== undefined;
}
