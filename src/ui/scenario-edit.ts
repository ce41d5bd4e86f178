// Editing a scenario immutably: every edit goes through parseScenario, so the page holds only
// valid scenarios and can tell the user what was clamped or kept.

import {
  loadPreset,
  parseScenario,
  setPath,
  type ParseResult,
  type Scenario,
  type ScenarioEvent,
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
