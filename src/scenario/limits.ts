// Every size limit on scenario input, in one place (docs/GUARANTEES.md lists what each one
// refuses or clamps). Entry points (links, files, the CLI, saved records) check these; nothing
// else invents its own.

import { VM_SIZES, type Scenario } from './types.ts';

/** Longest link query (the text after `?`, without it) a link may have; longer ones are refused whole. */
export const MAX_LINK_CHARS = 8192;
/** Longest scenario file (in characters, or bytes read by the CLI); longer ones are refused whole. */
export const MAX_SCENARIO_CHARS = 1_000_000;
/** Deepest nesting parseScenario looks into; deeper values are reported once and ignored. */
export const MAX_DEPTH = 32;
/** Most values (objects, arrays, leaves) parseScenario visits looking for unknown parameters. */
export const MAX_NODES = 100_000;
/** Unknown parameters listed one by one; the rest are counted in one issue. */
export const MAX_LISTED_UNKNOWN = 20;
/** Above this many VMs in the fleet, the page asks before running (on every path). */
export const CONFIRM_TOTAL_VMS = 20_000;
/** ... or above this many VM-steps (VMs x steps), a long run of a mid-size fleet. */
export const CONFIRM_VM_STEPS = 100_000_000;

/**
 * The one rule for a number written as text (links, `--seed`): optional sign, decimal digits,
 * optional fraction and exponent. No hex, no Infinity. Linear time (no nested quantifiers).
 */
export const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** The number a text says under NUMBER_TEXT (possibly ±Infinity when it overflows), else undefined. */
export function numberFromText(text: string): number | undefined {
  const t = text.trim();
  return NUMBER_TEXT.test(t) ? Number(t) : undefined;
}

/** UTF-8 byte order mark: accepted (and dropped) at the start of any scenario text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads scenario text as JSON within the limits; never throws. */
export function readScenarioText(
  text: string,
  what = 'the file',
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof text !== 'string') return { ok: false, message: `${what} is not text` };
  if (text.length > MAX_SCENARIO_CHARS)
    return {
      ok: false,
      message: `${what} is ${text.length} characters long, more than ${MAX_SCENARIO_CHARS}`,
    };
  try {
    return { ok: true, value: JSON.parse(stripBom(text)) };
  } catch (e) {
    return {
      ok: false,
      message: `${what} is not valid JSON (${e instanceof Error ? e.message.slice(0, 100) : 'parse error'})`,
    };
  }
}

/**
 * Set when the fleet is larger than the page simulates quickly: the page asks before running it,
 * whichever way the scenario arrived (link, file, saved draft, typing, a sweep). null: run at once.
 */
export function needsConfirmation(scenario: Scenario): { totalVms: number; vmSteps: number } | null {
  const totalVms = VM_SIZES.reduce((n, size) => n + scenario.fleet.vmMix[size], 0) * scenario.fleet.hypervisors;
  const vmSteps = totalVms * Math.ceil((scenario.durationMinutes * 60) / scenario.stepSeconds);
  return totalVms > CONFIRM_TOTAL_VMS || vmSteps > CONFIRM_VM_STEPS ? { totalVms, vmSteps } : null;
}
