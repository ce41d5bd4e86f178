// Editing a scenario immutably: every edit goes through parseScenario (an edit is a boundary: raw
// input from a control), so the page holds only ValidScenarios and can tell the user what was
// clamped or kept. Nothing after the edit validates the scenario again.

import {
  PARAM_BY_PATH,
  getPath,
  loadPreset,
  parseScenario,
  setPath,
  type ParseResult,
  type Scenario,
  type ScenarioEvent,
  type ValidScenario,
} from '../scenario/index.ts';

function clone(s: Scenario): Record<string, unknown> {
  return structuredClone(s) as unknown as Record<string, unknown>;
}

/** The scenario with one parameter set to a raw (unchecked) value. */
export function withParam(s: Scenario, path: string, raw: unknown): ParseResult {
  const copy = clone(s);
  setPath(copy, path, raw);
  return parseScenario(copy);
}

/** The scenario with a new list of events (validated and sorted by parseScenario). */
export function withEvents(s: Scenario, events: ScenarioEvent[]): ParseResult {
  const copy = clone(s);
  copy.events = structuredClone(events);
  return parseScenario(copy);
}

/** True when the scenario differs from the preset it names. */
export function isModified(s: Scenario): boolean {
  const base = loadPreset(s.preset);
  return !base || JSON.stringify(base) !== JSON.stringify(s);
}

/** A parameter an instructor's link fixed (`lock=` or `hide=`) and the value the link gave it. */
export interface Pinned {
  path: string;
  value: unknown;
  why: 'locked' | 'hidden';
}

/** The path a challenge locks the scripted events by (scenario's challengeLocks). */
const EVENTS = 'events';

/** The pinned parameters of a link (and, for a challenge, the events), with their values in the scenario it opened. */
export function pinnedBy(s: Scenario, lock: readonly string[], hide: readonly string[]): Pinned[] {
  const out: Pinned[] = [];
  for (const path of new Set([...lock, ...hide]))
    if (PARAM_BY_PATH.has(path) || path === EVENTS)
      out.push({ path, value: getPath(s, path), why: lock.includes(path) ? 'locked' : 'hidden' });
  return out;
}

export interface Held {
  scenario: ValidScenario;
  /** one line per pinned parameter the edit tried to change ("" when none) */
  message: string;
  paths: string[];
}

/**
 * Contract: only the link that pinned a parameter changes it. Any other edit (a field, a lesson's
 * "Try it", a sweep row, a preset, a file, a saved scenario) keeps the pinned values; the message
 * says what was refused and what was kept.
 */
export function holdPinned(next: ValidScenario, pinned: readonly Pinned[]): Held {
  const moved = pinned.filter((p) => JSON.stringify(getPath(next, p.path)) !== JSON.stringify(p.value));
  if (moved.length === 0) return { scenario: next, message: '', paths: [] };
  const copy = clone(next);
  for (const p of moved) setPath(copy, p.path, structuredClone(p.value));
  const lines = moved.map((p) => {
    if (p.path === EVENTS) return `the scripted events are locked by the link: kept as they were`;
    const label = PARAM_BY_PATH.get(p.path)?.label ?? p.path;
    return `${label} (${p.path}) is ${p.why} by the link: kept at ${String(p.value)}, not ${String(getPath(next, p.path))}`;
  });
  return {
    scenario: parseScenario(copy).scenario,
    message: `${lines.join('; ')}. Only the link that set it can change it.`,
    paths: moved.map((p) => p.path),
  };
}
