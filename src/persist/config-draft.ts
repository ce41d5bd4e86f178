// The config panel's draft: what the user pasted or dropped on the "current" and "proposed"
// sides (their text as given, the kind they chose), kept in the `draft` store under its own key
// beside the scenario draft. It is their work: saved as they type, read back on reload.
//
// Contract: checkConfigsDraft never throws and never fails a whole record for one bad part: a
// side with a bad field reads as empty, a bad file is skipped, texts over MAX_CONFIG_CHARS and
// files past MAX_SIDE_FILES are dropped. The texts are re-read by importConfig (which validates
// them through the one schema) when the panel shows them, never trusted as parsed values.

import { CONFIG_KINDS, MAX_CONFIG_CHARS, type ConfigKind } from '../scenario/index.ts';

export const CONFIGS_KEY = 'configs';
/** At most this many files a side (a real fleet has a handful). */
export const MAX_SIDE_FILES = 16;

/**
 * One file as the user gave it: its name (absent when pasted), the kind they chose, the text, and
 * for a Vector file the sink they said faces the broker (absent: the import's own choice).
 */
export interface ConfigFileRecord {
  name?: string;
  kind?: ConfigKind;
  text: string;
  sink?: string;
}

export interface ConfigSideRecord {
  /** the panel's kind picker */
  kind: ConfigKind | 'auto';
  /** the text box, as typed (not read yet) */
  text: string;
  files: ConfigFileRecord[];
}

export interface ConfigsDraft {
  current: ConfigSideRecord;
  proposed: ConfigSideRecord;
}

export interface ConfigsDraftRecord extends ConfigsDraft {
  format: number;
  updatedAt: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isKind = (v: unknown): v is ConfigKind => (CONFIG_KINDS as readonly unknown[]).includes(v);

function side(s: unknown): ConfigSideRecord {
  if (!isObj(s)) return { kind: 'auto', text: '', files: [] };
  const files: ConfigFileRecord[] = [];
  for (const f of Array.isArray(s.files) ? s.files.slice(0, MAX_SIDE_FILES) : []) {
    if (!isObj(f) || typeof f.text !== 'string' || f.text.length > MAX_CONFIG_CHARS) continue;
    files.push({
      ...(typeof f.name === 'string' ? { name: f.name.slice(0, 200) } : {}),
      ...(isKind(f.kind) ? { kind: f.kind } : {}),
      text: f.text,
      ...(typeof f.sink === 'string' && f.sink.length <= 200 ? { sink: f.sink } : {}),
    });
  }
  return {
    kind: s.kind === 'auto' || isKind(s.kind) ? s.kind : 'auto',
    text: typeof s.text === 'string' && s.text.length <= MAX_CONFIG_CHARS ? s.text : '',
    files,
  };
}

/** What a store or the journal read back: the draft and when it was written (the newer wins). */
export interface LoadedConfigs {
  configs: ConfigsDraft;
  updatedAt: number;
}

/** The record read back (or null when it is not an object); never throws. */
export function checkConfigsDraft(v: unknown): ConfigsDraft | null {
  try {
    return isObj(v) ? { current: side(v.current), proposed: side(v.proposed) } : null;
  } catch {
    return null; // a record nothing here can read (a getter that throws, a cycle)
  }
}

/** The plain record to store (validated the same way, so a $state proxy is fine as input). */
export function configsRecord(d: ConfigsDraft, now: number, format: number): ConfigsDraftRecord {
  const c = checkConfigsDraft(JSON.parse(JSON.stringify(d))) ?? { current: side(null), proposed: side(null) };
  return { format, updatedAt: now, ...c };
}

/** A stored record read back with its time (0 when it has none: the oldest, any journal wins). */
export function loadedConfigs(v: unknown): LoadedConfigs | null {
  const configs = checkConfigsDraft(v);
  if (!configs) return null;
  const at = (v as { updatedAt?: unknown }).updatedAt;
  return { configs, updatedAt: typeof at === 'number' && Number.isFinite(at) ? at : 0 };
}
