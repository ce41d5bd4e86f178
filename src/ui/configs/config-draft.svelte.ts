// The config panel's state: two sides, "current" and "proposed", each a list of files the user
// pasted or dropped (their text, as given) and the text box being typed. Imports are derived from
// the text (importConfig is a pure function), so what is saved is only what the user gave, and a
// reload re-reads it. A file that does not parse is never added: the side says why (with the
// line) and keeps everything it had; the other side is untouched.

import {
  applyConfigs,
  importConfig,
  proposedImports,
  type ConfigImport,
  type ConfigKind,
  type Scenario,
} from '../../scenario/index.ts';
import {
  MAX_SIDE_FILES,
  type ConfigFileRecord,
  type ConfigSideRecord,
  type ConfigsDraft,
} from '../../persist/index.ts';

export type SideName = 'current' | 'proposed';

export type SideFile = ConfigFileRecord;
export type SideRecord = ConfigSideRecord;
export type ConfigsRecord = ConfigsDraft;

/** Where the sides are kept between visits (the page's saved work). */
export interface ConfigStore {
  load(): Promise<ConfigsRecord | null>;
  save(record: ConfigsRecord): void;
}

export class ConfigSide {
  kind = $state<ConfigKind | 'auto'>('auto');
  text = $state('');
  files = $state.raw<SideFile[]>([]);
  message = $state('');
  /** the files read: derived from their text, in the order given */
  imports = $derived<ConfigImport[]>(
    this.files.map((f) => importConfig(f.text, { kind: f.kind, ...(f.name ? { filename: f.name } : {}) })),
  );

  constructor(readonly name: SideName) {}

  /** Reads one file; false (and a message with the line) when it does not parse: nothing is added. */
  read(text: string, name?: string): boolean {
    const kind = this.kind === 'auto' ? undefined : this.kind;
    const imp = importConfig(text, { kind, ...(name ? { filename: name } : {}) });
    if (imp.error) {
      const kept = this.files.length
        ? ` The ${this.files.length} file${this.files.length === 1 ? '' : 's'} already read on this side ${this.files.length === 1 ? 'is' : 'are'} kept.`
        : '';
      this.message = `${imp.source}${imp.error.line ? `, line ${imp.error.line}` : ''}: ${imp.error.message}. Nothing is applied from it.${kept}`;
      return false;
    }
    if (this.files.length >= MAX_SIDE_FILES) {
      this.message = `At most ${MAX_SIDE_FILES} files a side: remove one first.`;
      return false;
    }
    this.message = '';
    // the kind is kept when the user chose it, so the text reads the same way after a reload
    this.files = [...this.files, { ...(name ? { name } : {}), ...(kind ? { kind } : {}), text }];
    return true;
  }

  remove(i: number): void {
    this.files = this.files.filter((_, j) => j !== i);
    this.message = '';
  }

  clear(): void {
    this.files = [];
    this.message = '';
  }

  toRecord(): SideRecord {
    return { kind: this.kind, text: this.text, files: this.files.map((f) => ({ ...f })) };
  }

  restore(r: SideRecord): void {
    this.kind = r.kind;
    this.text = r.text;
    this.files = r.files;
  }
}

/** Both sides, and what they make of the scenario on screen. */
export class ConfigDraft {
  current: ConfigSide;
  proposed: ConfigSide;

  constructor() {
    this.current = new ConfigSide('current');
    this.proposed = new ConfigSide('proposed');
  }

  toRecord(): ConfigsRecord {
    return { current: this.current.toRecord(), proposed: this.proposed.toRecord() };
  }

  restore(r: ConfigsRecord): void {
    this.current.restore(r.current);
    this.proposed.restore(r.proposed);
  }
}

/**
 * A (the current files on the scenario on screen) and B (the proposed files, with the current
 * files of the kinds the proposed side has none of), each checked through the one schema.
 */
export function sides(scenario: Scenario, current: readonly ConfigImport[], proposed: readonly ConfigImport[]) {
  const raw = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>;
  const a = applyConfigs(raw, current);
  const b = applyConfigs(raw, proposedImports(current, proposed));
  return { a, b };
}

/** The paths either side's files set: the user's facts, never drawn as assumptions. */
export function configPaths(...lists: (readonly ConfigImport[])[]): string[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local set, never rendered
  const out = new Set<string>();
  for (const list of lists)
    for (const imp of list) for (const r of imp.rows) if (r.status === 'set' && r.path) out.add(r.path);
  return [...out];
}
