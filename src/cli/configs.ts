// --config FILE (repeatable; `--config vector:FILE` names the kind): real config files applied to
// the scenario after the preset and before --set. A file that cannot be read or parsed is an error
// (exit 2); what each file set, ignored or refused is reported (the JSON summary's `configs`).
// --proposed-config FILE: the other side of "current vs proposed" (see proposedImports).

import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import {
  CONFIG_KINDS,
  MAX_CONFIG_CHARS,
  applyConfigs,
  countRows,
  importConfig,
  type ConfigImport,
  type ConfigKind,
} from '../scenario/index.ts';

export interface ConfigReport {
  file: string;
  kind: ConfigKind;
  /** on the proposed side: a current file that applies to both (no proposed file of its kind) */
  inherited?: boolean;
  set: { path: string; value: unknown; line: number; key: string }[];
  ignored: number;
  invalid: { key: string; line: number; note: string }[];
}

/** Reads at most MAX_CONFIG_CHARS bytes (a device or a huge file is refused, not read whole). */
function readLimited(file: string): string | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { error: `cannot read ${file}` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > MAX_CONFIG_CHARS) return { error: `${file} is larger than ${MAX_CONFIG_CHARS} bytes` };
    const buf = Buffer.alloc(MAX_CONFIG_CHARS + 1);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > MAX_CONFIG_CHARS) return { error: `${file} is larger than ${MAX_CONFIG_CHARS} bytes` };
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses each `[KIND:]FILE`; `flag` names the option in messages. */
export function readConfigFiles(
  specs: readonly string[],
  flag = '--config',
): { imports: ConfigImport[]; errors: string[] } {
  const errors: string[] = [];
  const imports: ConfigImport[] = [];
  for (const spec of specs) {
    const m = /^([a-z]+):(.+)$/.exec(spec);
    const named = m && (CONFIG_KINDS as readonly string[]).includes(m[1]) ? (m[1] as ConfigKind) : undefined;
    const file = named ? m![2] : spec;
    const text = readLimited(file);
    if (typeof text !== 'string') {
      errors.push(`${flag}: ${text.error}`);
      continue;
    }
    const imp = importConfig(text, { kind: named, filename: file });
    if (imp.error) {
      errors.push(
        `${flag} ${file}${imp.error.line ? `:${imp.error.line}` : ''}: ${imp.error.message} (nothing applied)`,
      );
      continue;
    }
    imports.push(imp);
  }
  return { imports, errors };
}

/** Applies parsed files to a copy of `raw` (later files win), through the one schema. */
export function applyConfigImports(
  raw: Record<string, unknown>,
  imports: readonly ConfigImport[],
): { raw: Record<string, unknown>; reports: ConfigReport[] } {
  if (!imports.length) return { raw, reports: [] };
  const { scenario, imports: checked } = applyConfigs(raw, imports);
  const reports = checked.map((imp) => ({
    file: imp.source,
    kind: imp.kind,
    ...(imp.inherited ? { inherited: true } : {}),
    set: imp.rows
      .filter((r) => r.status === 'set')
      .map((r) => ({ path: r.path!, value: r.value, line: r.line, key: r.key })),
    ignored: countRows(imp.rows, 'ignored'),
    invalid: imp.rows.filter((r) => r.status === 'invalid').map((r) => ({ key: r.key, line: r.line, note: r.note })),
  }));
  // the next layer (--set) starts from what the configs set, validated
  return { raw: JSON.parse(JSON.stringify(scenario)), reports };
}

/** Reads `specs` and applies them to `raw` (the --config path of one scenario). */
export function applyConfigFiles(
  raw: Record<string, unknown>,
  specs: readonly string[],
): { raw: Record<string, unknown>; reports: ConfigReport[]; errors: string[] } {
  const { imports, errors } = readConfigFiles(specs);
  return { ...applyConfigImports(raw, imports), errors };
}
