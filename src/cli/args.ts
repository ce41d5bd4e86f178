// Command-line scenario loading shared by the CLI commands: --scenario NAME|FILE, --config FILE,
// --set path=value, --seed N, and for "current vs proposed" --proposed-config FILE (B: the same
// preset, --set and seed, with the proposed files in place of the current ones of their kind).
// Every problem is collected as a message naming the path; the caller exits 2.

import { closeSync, openSync, readSync } from 'node:fs';
import { applyConfigImports, readConfigFiles, type ConfigReport } from './configs.ts';
import {
  DEFAULT_PRESET,
  MAX_SCENARIO_CHARS,
  PRESETS,
  numberFromText,
  readScenarioText,
  getPath,
  proposedImports,
  loadPreset,
  parseScenario,
  parseSetValue,
  setPath,
  PARAM_BY_PATH,
  resizeFleet,
  type ConfigImport,
  type FleetResize,
  type NumberParam,
  type Scenario,
  type ValidScenario,
} from '../scenario/index.ts';

export interface CliScenario {
  scenario?: ValidScenario;
  errors: string[];
  /** what each --config file set, ignored or refused */
  configs?: ConfigReport[];
  /** with --proposed-config: B, and what each of its files set */
  proposed?: { scenario: ValidScenario; configs: ConfigReport[] };
  /** the parameter paths the user set (--set, and the config files of either side): never drawn */
  fixed?: string[];
}

export function scenarioFromArgs(
  name: string | undefined,
  sets: string[],
  seed: string | undefined,
  configs: readonly string[] = [],
  proposed?: readonly string[],
): CliScenario {
  const errors: string[] = [];
  let raw: Record<string, unknown>;
  const source = name ?? DEFAULT_PRESET;
  const preset = PRESETS.find((p) => p.name === source);
  if (preset) {
    raw = JSON.parse(JSON.stringify(loadPreset(source)));
  } else {
    const read = readScenarioFile(source);
    if (!read.ok) return { errors: [`--scenario: ${read.message}`] };
    raw = read.value as Record<string, unknown>;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return { errors: [`--scenario: ${source} must hold a JSON object`] };
  }
  const current = readConfigFiles(configs);
  errors.push(...current.errors);
  const proposedRead = proposed ? readConfigFiles(proposed, '--proposed-config') : null;
  if (proposedRead) errors.push(...proposedRead.errors);
  // B's own copy of the untouched base, taken before A's --set writes into it
  let baseB: Record<string, unknown> | null = null;
  if (proposedRead)
    try {
      baseB = structuredClone(raw);
    } catch {
      return { errors: [`--scenario: ${source} is nested too deeply to compare`] };
    }
  const sideA = finish(raw, current.imports, sets, seed, source, errors);
  const fixed = new Set(sets.map((x) => x.slice(0, Math.max(0, x.indexOf('='))).trim()));
  for (const r of sideA.reports) for (const x of r.set) fixed.add(x.path);
  if (!proposedRead)
    return errors.length ? { errors } : { scenario: sideA.scenario, errors, configs: sideA.reports, fixed: [...fixed] };
  // B: same preset, --set and seed; its issues that A does not share are named as the proposed side's
  const bErrors: string[] = [];
  const sideB = finish(baseB!, proposedImports(current.imports, proposedRead.imports), sets, seed, source, bErrors);
  for (const e of bErrors) if (!errors.includes(e)) errors.push(`proposed: ${e}`);
  if (errors.length) return { errors };
  for (const r of sideB.reports) for (const x of r.set) fixed.add(x.path);
  return {
    scenario: sideA.scenario,
    errors,
    configs: sideA.reports,
    proposed: { scenario: sideB.scenario, configs: sideB.reports },
    fixed: [...fixed],
  };
}

/** One side: config files after the preset, then --set, then --seed, validated once. */
function finish(
  base: Record<string, unknown>,
  imports: readonly ConfigImport[],
  sets: readonly string[],
  seed: string | undefined,
  source: string,
  errors: string[],
): { scenario: ValidScenario; reports: ConfigReport[] } {
  // real config files: after the preset, before --set (`base` is this side's own: --set writes into it)
  const applied = applyConfigImports(base, imports);
  const raw = applied.raw;
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) {
      errors.push(`--set ${set}: expected path=value`);
      continue;
    }
    const path = set.slice(0, eq).trim();
    if (
      !/^[A-Za-z][\w]*(\.[\w]+)*$/.test(path) ||
      path.split('.').some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')
    ) {
      errors.push(`--set ${path}: not a valid parameter path`);
      continue;
    }
    setPath(raw, path, parseSetValue(set.slice(eq + 1)));
  }
  if (seed !== undefined) {
    // the links' rule for a number as text (no hex, no Infinity); parseScenario judges the range
    const n = numberFromText(seed);
    if (n === undefined) errors.push(`--seed: must be a decimal number (got ${JSON.stringify(seed.slice(0, 40))})`);
    else raw.seed = Number.isFinite(n) ? n : seed;
  }
  const { scenario, issues } = parseScenario(raw);
  for (const i of issues) errors.push(`${i.path || '(scenario)'}: ${i.message}`);
  if (getPath(raw, 'preset') === undefined) scenario.preset = source;
  return { scenario, reports: applied.reports };
}

/**
 * Reads a scenario file with a limit: at most MAX_SCENARIO_CHARS bytes are ever read (so
 * `/dev/zero` or a pipe that never ends fails at once), a UTF-8 byte order mark is accepted,
 * bytes that are not UTF-8 are refused. Never throws.
 */
export function readScenarioFile(path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const what = JSON.stringify(path.length > 80 ? `${path.slice(0, 77)}...` : path);
  const unreadable = {
    ok: false as const,
    message: `${what} is neither a preset (${PRESETS.map((p) => p.name).join(', ')}) nor a readable file`,
  };
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return unreadable;
  }
  const buf = Buffer.alloc(MAX_SCENARIO_CHARS + 1);
  let size = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, size, buf.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_SCENARIO_CHARS)
        return { ok: false, message: `${what} is longer than ${MAX_SCENARIO_CHARS} bytes; refused` };
    }
  } catch {
    return unreadable;
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf.subarray(0, size));
  } catch {
    return { ok: false, message: `${what} is not UTF-8 text` };
  }
  return readScenarioText(text, what);
}

/**
 * `--resize-fleet N`: the fleet at N hosts with the platform sized for it (resizeFleet: the
 * orchestrator, monitoring and broker ingest scale by N / the scenario's hosts). Capacities the
 * user set (--set, a config file: `fixed`) keep their values. A message naming what was wrong
 * for anything else.
 */
export function resizeFromArgs(scenario: Scenario, text: string, fixed: readonly string[]): FleetResize | string {
  const row = PARAM_BY_PATH.get('fleet.hypervisors') as NumberParam;
  const n = numberFromText(text);
  if (n === undefined || !Number.isInteger(n) || n < row.min || n > row.max)
    return `--resize-fleet: must be a whole number of hosts from ${row.min} to ${row.max} (got ${JSON.stringify(text.slice(0, 40))})`;
  if (fixed.includes('fleet.hypervisors'))
    return '--resize-fleet: --set fleet.hypervisors also sets the number of hosts: use one of them';
  return resizeFleet(scenario, n, fixed);
}

/** One line: what --resize-fleet scaled and what it kept. */
export function resizeLine(r: FleetResize): string {
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const scaled = r.scaled.map((c) => `${c.path} ${n(c.from)} -> ${n(c.to)}`).join(', ') || 'nothing';
  const kept = r.kept.length ? `; kept (you set them): ${r.kept.map((c) => `${c.path}=${n(c.value)}`).join(', ')}` : '';
  const clamped = r.issues.length ? `; ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
  return `resize-fleet ${r.hosts.from} -> ${r.hosts.to} hosts: scaled ${scaled}${kept}${clamped}`;
}
