// The draft journal: the last edit, written synchronously to localStorage on every edit, so a
// reload a few milliseconds after an edit cannot lose it (the IndexedDB draft is written
// asynchronously and debounced; a pagehide flush does not land before the page goes).
//
// Contract: writeJournal and readJournal never throw. The journal holds one record
// { format, scenario, at } (the draft's shape); readJournal validates it like any record
// (checkDraft: parseScenario on the scenario). On load the newer of the journal and the
// IndexedDB draft wins (newerDraft). When localStorage is missing, full or refused, the journal
// is off and the IndexedDB draft alone carries the work (as before).

import type { Scenario } from '../scenario/index.ts';
import { RECORD_FORMAT } from './schema.ts';
import { checkDraft } from './records.ts';
import type { LoadedDraft } from './store.ts';

export const JOURNAL_KEY = 'cascade-draft-journal';

/** What the journal can use: window.localStorage, or a stand-in in tests. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(given?: JournalStorage | null): JournalStorage | null {
  if (given !== undefined) return given;
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null; // a sandboxed frame or disabled storage throws on access
  }
}

/** Writes the edit now. False when the journal could not be written (no storage, quota). */
export function writeJournal(scenario: Scenario, at: number, given?: JournalStorage | null): boolean {
  const s = storage(given);
  if (!s) return false;
  try {
    s.setItem(JOURNAL_KEY, JSON.stringify({ format: RECORD_FORMAT, scenario, updatedAt: at }));
    return true;
  } catch {
    return false;
  }
}

/** The journal's draft, validated; null when there is none or it cannot be read. */
export function readJournal(given?: JournalStorage | null): LoadedDraft | null {
  const s = storage(given);
  if (!s) return null;
  let raw: unknown;
  try {
    const text = s.getItem(JOURNAL_KEY);
    if (text === null) return null;
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const c = checkDraft(raw);
  return c.ok ? { scenario: c.value.scenario, updatedAt: c.value.updatedAt, issues: c.issues } : null;
}

/** The newer of two drafts (the journal wins a tie: it was written at the edit itself). */
export function newerDraft(db: LoadedDraft | null, journal: LoadedDraft | null): LoadedDraft | null {
  if (!journal) return db;
  if (!db) return journal;
  return journal.updatedAt >= db.updatedAt ? journal : db;
}
