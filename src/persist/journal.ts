// The draft journal: the last edit, written synchronously to localStorage on every edit, so a
// reload a few milliseconds after an edit cannot lose it (the IndexedDB draft is written
// asynchronously and debounced; a pagehide flush does not land before the page goes).
//
// Contract: writeJournal and readJournal never throw. The journal holds one record
// { format, scenario, at } (the draft's shape); readJournal validates it like any record
// (checkDraft: parseScenario on the scenario). On load the newer of the journal and the
// IndexedDB draft wins (newerDraft). When localStorage is missing, full or refused, the journal
// is off and the IndexedDB draft alone carries the work (as before).
//
// The config panel's sides (pasted files) have their own journal entry, CONFIGS_JOURNAL_KEY,
// under a size cap (MAX_CONFIGS_JOURNAL_CHARS, well inside the origin's ~5M-character quota):
// writeConfigsJournal must refuse (and remove its older entry) rather than fill the quota the
// scenario journal needs; the caller then stores the sides in IndexedDB at once, not debounced.

import type { ValidScenario } from '../scenario/index.ts';
import { RECORD_FORMAT } from './schema.ts';
import { checkDraft } from './records.ts';
import type { LoadedDraft } from './persist-api.ts';
import { loadedConfigs, type ConfigsDraft, type LoadedConfigs } from './config-draft.ts';

export const JOURNAL_KEY = 'cascade-draft-journal';
export const CONFIGS_JOURNAL_KEY = 'cascade-configs-journal';
/** The config sides are journalled only up to this many characters of JSON (a broker.conf is ~70k). */
export const MAX_CONFIGS_JOURNAL_CHARS = 1_000_000;

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
export function writeJournal(scenario: ValidScenario, at: number, given?: JournalStorage | null): boolean {
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

/** Journals the config sides now. False when too big, or no storage, or the quota said no. */
export function writeConfigsJournal(d: ConfigsDraft, at: number, given?: JournalStorage | null): boolean {
  const s = storage(given);
  if (!s) return false;
  try {
    // measured before stringifying: sixteen megabyte files must not be copied on every keystroke
    let chars = d.current.text.length + d.proposed.text.length;
    for (const f of [...d.current.files, ...d.proposed.files]) chars += f.text.length;
    const text = chars <= MAX_CONFIGS_JOURNAL_CHARS ? JSON.stringify({ ...d, updatedAt: at }) : null;
    if (text === null || text.length > MAX_CONFIGS_JOURNAL_CHARS) {
      s.removeItem(CONFIGS_JOURNAL_KEY); // an older, smaller entry must not stand in for this one
      return false;
    }
    s.setItem(CONFIGS_JOURNAL_KEY, text);
    return true;
  } catch {
    try {
      s.removeItem(CONFIGS_JOURNAL_KEY);
    } catch {
      /* storage refused entirely: IndexedDB carries the sides */
    }
    return false;
  }
}

/** The journalled config sides, validated like a stored record; null when none or unreadable. */
export function readConfigsJournal(given?: JournalStorage | null): LoadedConfigs | null {
  const s = storage(given);
  if (!s) return null;
  try {
    const text = s.getItem(CONFIGS_JOURNAL_KEY);
    return text === null ? null : loadedConfigs(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The newer of the stored sides and the journal's (the journal wins a tie). */
export function newerConfigs(db: LoadedConfigs | null, journal: LoadedConfigs | null): LoadedConfigs | null {
  if (!journal) return db;
  if (!db) return journal;
  return journal.updatedAt >= db.updatedAt ? journal : db;
}
