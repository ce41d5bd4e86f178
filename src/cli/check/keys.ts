// Every key of a config file with its value as written and its line, for the keys a proposal
// changes that the model does not read (reported, not judged). Line-based kinds list every key
// in their import rows already; a Vector file is flattened to dotted keys (`sinks.out.batch.max_events`,
// the names its import rows use).

import {
  importConfig,
  parseVector,
  vectorFormat,
  vectorLineOf,
  type ConfigImport,
  type ConfigKind,
} from '../../scenario/index.ts';
import type { UnmodelledChange } from './types.ts';

/** A file as given: the spec's kind (when named), its path and text, and its import. */
export interface SideFile {
  file: string;
  kind?: ConfigKind;
  text: string;
  imp: ConfigImport;
}

export function sideFile(file: string, text: string, kind?: ConfigKind): SideFile {
  return { file, ...(kind ? { kind } : {}), text, imp: importConfig(text, { kind, filename: file }) };
}

type Keys = Map<string, { written: string; line: number; file: string }>;

const MAX_KEYS = 5000;

function vectorKeys(f: SideFile, into: Keys): void {
  const { doc } = parseVector(f.text, vectorFormat(f.text, f.file));
  if (!doc) return;
  const walk = (v: unknown, path: string[]) => {
    if (into.size >= MAX_KEYS) return;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
      return;
    }
    const written = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    into.set(path.join('.'), { written: written.slice(0, 120), line: vectorLineOf(f.text, path), file: f.file });
  };
  walk(doc, []);
}

function keysOf(files: readonly SideFile[]): Keys {
  const out: Keys = new Map();
  for (const f of files) {
    if (f.imp.error) continue;
    if (f.imp.kind === 'vector') vectorKeys(f, out);
    else for (const r of f.imp.rows) out.set(r.key, { written: r.written, line: r.line, file: f.file });
  }
  return out;
}

/**
 * Keys whose values differ between the files of a kind on each side (for each kind the proposal
 * has files of), where the model reads neither: what the check does not judge.
 */
export function unmodelledChanges(current: readonly SideFile[], proposed: readonly SideFile[]): UnmodelledChange[] {
  const out: UnmodelledChange[] = [];
  const ok = (f: SideFile) => !f.imp.error;
  for (const kind of new Set(proposed.filter(ok).map((f) => f.imp.kind))) {
    const was = current.filter((f) => ok(f) && f.imp.kind === kind),
      now = proposed.filter((f) => ok(f) && f.imp.kind === kind);
    const modelled = new Set(
      [...was, ...now].flatMap((f) => f.imp.rows.filter((r) => r.status === 'set').map((r) => r.key)),
    );
    const a = keysOf(was),
      b = keysOf(now);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (modelled.has(key)) continue;
      const x = a.get(key),
        y = b.get(key);
      if (x && y && x.written === y.written) continue;
      const at = y ?? x!;
      out.push({ kind, key, from: x?.written ?? null, to: y?.written ?? null, file: at.file, line: at.line });
    }
  }
  return out;
}
