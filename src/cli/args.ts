// Command-line scenario loading shared by the CLI commands: --scenario NAME|FILE, --set path=value,
// --seed N. Every problem is collected as a message naming the path; the caller exits 2.

import { readFileSync } from 'node:fs';
import { applyConfigFiles, type ConfigReport } from './configs.ts';
import {
  DEFAULT_PRESET,
  PRESETS,
  getPath,
  loadPreset,
  parseScenario,
  parseSetValue,
  setPath,
  type Scenario,
} from '../scenario/index.ts';

export interface CliScenario {
  scenario?: Scenario;
  errors: string[];
  /** what each --config file set, ignored or refused */
  configs?: ConfigReport[];
}

export function scenarioFromArgs(
  name: string | undefined,
  sets: string[],
  seed: string | undefined,
  configs: readonly string[] = [],
): CliScenario {
  const errors: string[] = [];
  let raw: Record<string, unknown>;
  const source = name ?? DEFAULT_PRESET;
  const preset = PRESETS.find((p) => p.name === source);
  if (preset) {
    raw = JSON.parse(JSON.stringify(loadPreset(source)));
  } else {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch {
      return {
        errors: [
          `--scenario: "${source}" is neither a preset (${PRESETS.map((p) => p.name).join(', ')}) nor a readable file`,
        ],
      };
    }
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { errors: [`--scenario: ${source} is not valid JSON (${(e as Error).message})`] };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return { errors: [`--scenario: ${source} must hold a JSON object`] };
  }
  // real config files: after the preset, before --set
  const applied = applyConfigFiles(raw, configs);
  raw = applied.raw as typeof raw;
  errors.push(...applied.errors);
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
    const n = Number(seed);
    if (seed.trim() === '' || !Number.isFinite(n)) errors.push(`--seed: must be a number (got "${seed}")`);
    else raw.seed = n;
  }
  const { scenario, issues } = parseScenario(raw);
  for (const i of issues) errors.push(`${i.path || '(scenario)'}: ${i.message}`);
  if (getPath(raw, 'preset') === undefined) scenario.preset = source;
  return errors.length ? { errors } : { scenario, errors, configs: applied.reports };
}
