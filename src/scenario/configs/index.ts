// Bring your own configs: Vector, Pulsar (broker.conf / client properties), sysctl and systemd
// (system.conf, journald.conf) files in, parameter values out, every key reported with its line.
// importConfig never throws; a file that does not parse sets nothing. applyConfigs puts the
// values through the one schema (parseScenario), like a link, and marks refused ones invalid.

import { detectKind } from './detect.ts';
import { parseKeyValue, parseProperties } from './lines.ts';
import { PULSAR_RULES, SYSCTL_RULES, type Rule } from './rules.ts';
import { CONFIG_KINDS, MAX_CONFIG_CHARS, type ConfigImport, type ConfigKind, type ConfigRow } from './types.ts';
import { parseBytes } from './units.ts';
import { capIgnored, checkAgainstSchema, laterLineWins } from './rows.ts';
import { vectorFormat } from './detect.ts';
import { parseVector, vectorRows, vectorSinks, type VectorChoice } from './vector.ts';

export * from './types.ts';
export { parseBytes, parseSeconds } from './units.ts';
export { detectKind, vectorFormat } from './detect.ts';
export { applyConfigs, type Applied } from './apply.ts';
export { countRows, MAX_LISTED_ROWS } from './rows.ts';

function ruleRows(lines: { line: number; key: string; value: string }[], rules: Record<string, Rule>): ConfigRow[] {
  return lines.map((l) => {
    const rule = Object.prototype.hasOwnProperty.call(rules, l.key) ? rules[l.key] : undefined;
    if (!rule)
      return {
        line: l.line,
        key: l.key,
        written: l.value.slice(0, 120),
        status: 'ignored',
        note: 'not modelled: ignored',
      };
    const c = rule.convert(l.value);
    return 'invalid' in c
      ? {
          line: l.line,
          key: l.key,
          written: l.value.slice(0, 120),
          status: 'invalid',
          path: rule.path,
          note: c.invalid,
        }
      : {
          line: l.line,
          key: l.key,
          written: l.value.slice(0, 120),
          status: 'set',
          path: rule.path,
          value: c.value,
          note: c.note ?? '',
        };
  });
}

function sysctlRows(text: string): { rows: ConfigRow[]; error: ConfigImport['error'] } {
  const { rows: lines, error } = parseKeyValue(text, true);
  // each value checked alone first: a refused threads-max must not count as the smaller limit
  const rows = laterLineWins(ruleRows(lines, SYSCTL_RULES).map(checkAgainstSchema));
  // tasks.pidMax stands for min(pid_max, threads-max): keep the smaller one set
  const pids = rows.filter((r) => r.status === 'set' && r.path === 'tasks.pidMax');
  if (pids.length > 1) {
    let min = Infinity;
    for (const r of pids) min = Math.min(min, r.value as number);
    for (const r of pids) {
      if (r.value !== min)
        Object.assign(r, { status: 'ignored', note: `larger than the other limit (${min}): the smaller one counts` });
      else r.note = 'the smaller of pid_max and threads-max limits the tasks';
    }
  }
  return { rows, error };
}

function systemdRows(text: string, journald: boolean): { rows: ConfigRow[]; error: ConfigImport['error'] } {
  const { rows: lines, error } = parseKeyValue(text, false);
  const rows: ConfigRow[] = lines.map((l) => {
    const key = l.section ? `${l.section}.${l.key}` : l.key;
    const base = { line: l.line, key, written: l.value.slice(0, 120) };
    if (!journald && l.key === 'DefaultTasksMax') {
      const v = l.value.trim();
      const pct = /^(\d{1,3}(?:\.\d+)?)%$/.exec(v);
      if (pct && Number(pct[1]) <= 100)
        return { ...base, status: 'set', path: 'tasks.defaultTasksMaxPercent', value: Number(pct[1]), note: '' };
      if (v === 'infinity')
        return {
          ...base,
          status: 'set',
          path: 'tasks.defaultTasksMaxPercent',
          value: 100,
          note: 'infinity: only pid_max limits',
        };
      if (/^\d+$/.test(v))
        return {
          ...base,
          status: 'set',
          path: 'tasks.defaultTasksMax',
          value: Number(v),
          note: 'an absolute limit: as a share of pid_max',
        };
      return { ...base, status: 'invalid', note: 'expected N%, a number or infinity' };
    }
    if (journald && l.key === 'Storage') {
      const v = l.value.trim().toLowerCase();
      if (v === 'volatile')
        return {
          ...base,
          status: 'set',
          path: 'telemetry.source',
          value: 'journald-volatile',
          note: 'the journal lives in /run (RAM), if the agent reads the journal',
        };
      if (v === 'persistent' || v === 'auto')
        return {
          ...base,
          status: 'set',
          path: 'telemetry.source',
          value: 'journald-persistent',
          note:
            v === 'auto'
              ? 'auto: persistent when /var/log/journal exists (the usual case)'
              : 'the journal lives on disk, if the agent reads the journal',
        };
      return { ...base, status: 'invalid', note: 'none keeps no journal to read: kept' };
    }
    if (journald && (l.key === 'RuntimeMaxUse' || l.key === 'SystemMaxUse')) {
      const b = parseBytes(l.value);
      return b === null
        ? { ...base, status: 'invalid', note: 'expected a size (200M, 1G)' }
        : {
            ...base,
            status: 'ignored',
            note: `${b} B: not modelled as a size (the model takes the volatile journal as a share of each VM's RAM and caps the persistent one at 4 GiB)`,
          };
    }
    return { ...base, status: 'ignored', note: 'not modelled: ignored' };
  });
  return { rows, error };
}

export interface ImportOptions extends VectorChoice {
  kind?: ConfigKind;
  filename?: string;
}

/** Reads one config file. Never throws; `error` set means nothing is applied from it. */
export function importConfig(text: string, options: ImportOptions = {}): ConfigImport {
  const source = options.filename ?? 'pasted text';
  if (text.length > MAX_CONFIG_CHARS)
    return {
      kind: options.kind ?? 'vector',
      source,
      rows: [],
      error: { line: 0, message: `larger than ${MAX_CONFIG_CHARS.toLocaleString('en-US')} characters: not read` },
    };
  text = text.replace(/^\uFEFF/, '');
  const kind = options.kind ?? detectKind(text, options.filename);
  if (!kind)
    return {
      kind: 'vector',
      source,
      rows: [],
      error: { line: 0, message: `cannot tell what kind of config this is: name it (${CONFIG_KINDS.join(', ')})` },
    };
  const read = readRows(text, kind, options);
  // every kind's rows: values checked alone against the schema, the later of two lines of a key
  // counts, and keys not modelled listed up to a bound (rows.ts)
  const rows = capIgnored(laterLineWins(read.rows.map(checkAgainstSchema)));
  return { kind, source, rows, error: read.error, ...(read.vector ? { vector: read.vector } : {}) };
}

function readRows(
  text: string,
  kind: ConfigKind,
  options: ImportOptions,
): Pick<ConfigImport, 'rows' | 'error' | 'vector'> {
  if (kind === 'vector') {
    const { doc, error } = parseVector(text, vectorFormat(text, options.filename));
    if (!doc) return { rows: [], error };
    return { rows: vectorRows(text, doc, options), error, vector: vectorSinks(doc, options) };
  }
  if (kind === 'pulsar') return { rows: ruleRows(parseProperties(text), PULSAR_RULES), error: null };
  const { rows, error } = kind === 'sysctl' ? sysctlRows(text) : systemdRows(text, kind === 'journald');
  return { rows: error ? [] : rows, error };
}

/**
 * The files of the proposed side of a "current vs proposed" comparison: every proposed file, then
 * each current file of a kind no proposed file has (it applies to both sides, marked `inherited`).
 * So `--proposed-config new-vector.toml` replaces the current Vector file and keeps the current
 * sysctl. Files that did not parse are left out (nothing is applied from them).
 */
export function proposedImports(current: readonly ConfigImport[], proposed: readonly ConfigImport[]): ConfigImport[] {
  const ok = (i: ConfigImport) => !i.error;
  const kinds = new Set(proposed.filter(ok).map((i) => i.kind));
  return [
    ...current.filter((i) => ok(i) && !kinds.has(i.kind)).map((i) => ({ ...i, inherited: true })),
    ...proposed.filter(ok),
  ];
}
