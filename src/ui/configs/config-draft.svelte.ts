// The config panel's state: two sides, "current" and "proposed", each a list of files the user
// pasted or dropped (their text, as given) and the text box being typed. Each file is read by
// importConfig in a worker of its own (ConfigReader: off the main thread, with a time budget), so
// a big or hostile file never freezes the page, and what is saved is only what the user gave: a
// reload reads the texts again, in the background. A file that does not parse is never added: the
// side says why (with the line) and keeps everything it had; the other side is untouched. A saved
// file that cannot be read any more (over the time budget on this machine) is kept and listed
// with its reason, never dropped: it is the user's.

import {
  applyConfigs,
  proposedImports,
  type ImportOptions,
  type ConfigImport,
  type ConfigKind,
  type Scenario,
} from '../../scenario/index.ts';
import { ConfigReader } from '../../worker/index.ts';
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

/** What reads a file: the page's ConfigReader (a worker), or a stand-in in tests. */
export interface Reader {
  read(text: string, options: ImportOptions): Promise<ConfigImport>;
}

const optionsOf = (f: SideFile): ImportOptions => ({
  kind: f.kind,
  ...(f.name ? { filename: f.name } : {}),
  ...(f.sink ? { sink: f.sink } : {}),
});

export class ConfigSide {
  kind = $state<ConfigKind | 'auto'>('auto');
  text = $state('');
  files = $state.raw<SideFile[]>([]);
  /** what each file read as, in the order of `files`; null while it is being read */
  imports = $state.raw<(ConfigImport | null)[]>([]);
  /** files being read (a paste, a drop, or saved files after a reload) */
  reading = $state(0);
  message = $state('');
  /** the files that read without an error: what the side applies */
  ok = $derived(this.imports.filter((i): i is ConfigImport => !!i && !i.error));

  constructor(
    readonly name: SideName,
    readonly reader: Reader,
  ) {}

  /** Reads one file; false (and a message with the line) when it does not parse: nothing is added. */
  async read(text: string, name?: string): Promise<boolean> {
    const kind = this.kind === 'auto' ? undefined : this.kind;
    this.reading++;
    let imp: ConfigImport;
    try {
      imp = await this.reader.read(text, { kind, ...(name ? { filename: name } : {}) });
    } finally {
      this.reading--;
    }
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
    this.imports = [...this.imports, imp];
    return true;
  }

  remove(i: number): void {
    this.files = this.files.filter((_, j) => j !== i);
    this.imports = this.imports.filter((_, j) => j !== i);
    this.message = '';
  }

  /**
   * A Vector file's sink facing the broker, as the user chose it: kept with the file in the draft
   * and read again (in the reader's worker, like any file). The table keeps the previous reading
   * until the new one arrives; a file removed or changed meanwhile is left alone.
   */
  async chooseSink(i: number, sink: string): Promise<void> {
    const old = this.files[i];
    if (!old || old.sink === sink) return;
    const f = { ...old, sink };
    this.files = this.files.map((x, j) => (j === i ? f : x));
    this.reading++;
    let imp: ConfigImport;
    try {
      imp = await this.reader.read(f.text, optionsOf(f));
    } finally {
      this.reading--;
    }
    const at = this.files.indexOf(f);
    if (at >= 0) this.imports = this.imports.map((x, j) => (j === at ? imp : x));
  }

  clear(): void {
    this.files = [];
    this.imports = [];
    this.message = '';
  }

  toRecord(): SideRecord {
    return { kind: this.kind, text: this.text, files: this.files.map((f) => ({ ...f })) };
  }

  /** Puts saved files back at once and reads them in the background, one by one. */
  restore(r: SideRecord): void {
    this.kind = r.kind;
    this.text = r.text;
    this.files = r.files;
    this.imports = r.files.map(() => null);
    for (const f of r.files) {
      this.reading++;
      void this.reader.read(f.text, optionsOf(f)).then((imp) => {
        this.reading--;
        // the file may have been removed meanwhile: find it by identity
        const i = this.files.indexOf(f);
        if (i >= 0) this.imports = this.imports.map((x, j) => (j === i ? imp : x));
      });
    }
  }
}

/** Both sides, and what they make of the scenario on screen. */
export class ConfigDraft {
  current: ConfigSide;
  proposed: ConfigSide;

  constructor(reader: Reader = new ConfigReader()) {
    this.current = new ConfigSide('current', reader);
    this.proposed = new ConfigSide('proposed', reader);
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
