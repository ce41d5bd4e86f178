// The small text forms inside a link (link.ts): values, the `events=` list, base64url for the
// compact `s=` form, and quoting link text in messages. Pure functions; none of them throws.

import { EVENT_KINDS, MAX_EVENTS, type Param } from './params/index.ts';
import { NUMBER_TEXT } from './limits.ts';
import type { ScenarioEvent, ScenarioIssue } from './types.ts';

/** Numbers print in their shortest exact form (Number(String(x)) === x), booleans as true/false. */
export function formatValue(v: unknown): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** `kind@atMinute:field:field,...` (fields in EVENT_KINDS order). */
export function formatEvents(events: readonly ScenarioEvent[]): string {
  return events
    .map((e) => {
      const spec = EVENT_KINDS.find((k) => k.kind === e.kind);
      const fields = spec ? spec.fields.map((f) => formatValue((e as unknown as Record<string, unknown>)[f.path])) : [];
      return [`${e.kind}@${formatValue(e.atMinute)}`, ...fields].join(':');
    })
    .join(',');
}

/**
 * The events parameter as JSON events for parseScenario; malformed entries become issues.
 * positions[k] is the place in the link of out[k], so later issues can name the link's entry.
 */
export function parseEvents(text: string, issues: ScenarioIssue[]): { events: unknown[]; positions: number[] } {
  const out: unknown[] = [];
  const positions: number[] = [];
  const entries = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (entries.length > MAX_EVENTS) {
    issues.push({
      path: 'events',
      message: `at most ${MAX_EVENTS} events (got ${entries.length}); kept the first ${MAX_EVENTS}`,
      action: 'clamped',
    });
  }
  entries.slice(0, MAX_EVENTS).forEach((entry, i) => {
    const m = /^([A-Za-z]\w{0,40})@([^:]*)((?::[^:]*)*)$/.exec(entry);
    const spec = m ? EVENT_KINDS.find((k) => k.kind === m[1]) : undefined;
    if (!m || !spec) {
      issues.push({
        path: `events[${i}]`,
        message: m
          ? `unknown event kind ${show(m[1])} (known: ${EVENT_KINDS.map((k) => k.kind).join(', ')}); event ignored`
          : `${show(entry)} is not kind@minute:${EVENT_KINDS[0].fields.map((f) => f.path).join(':')}; event ignored`,
        action: 'ignored',
      });
      return;
    }
    const values = m[3] ? m[3].slice(1).split(':') : [];
    const ev: Record<string, unknown> = { kind: spec.kind, atMinute: numberOrText(m[2]) };
    spec.fields.forEach((f, k) => {
      if (values[k] !== undefined && values[k] !== '') ev[f.path] = numberOrText(values[k]);
    });
    if (values.length > spec.fields.length) {
      issues.push({
        path: `events[${i}]`,
        message: `${values.length - spec.fields.length} extra value(s) after ${spec.fields.map((f) => f.path).join(', ')}; ignored them`,
        action: 'ignored',
      });
    }
    out.push(ev);
    positions.push(i);
  });
  return { events: out, positions };
}

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** undefined when the text is not base64url of UTF-8. */
export function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function show(text: string, max = 40): string {
  const s = JSON.stringify(text);
  return s.length > max ? s.slice(0, max - 4) + '..."' : s;
}

/** A finite number when the text is one, else the text (parseScenario then says what it kept). */
export function numberOrText(text: string): unknown {
  const t = text.trim();
  return NUMBER_TEXT.test(t) && Number.isFinite(Number(t)) ? Number(t) : text;
}

/** The text of a link value as the JSON value parseScenario expects for this parameter. */
export function typedValue(p: Param, text: string): unknown {
  switch (p.kind) {
    case 'int':
    case 'number':
      return numberOrText(text);
    case 'bool':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return text;
    case 'enum':
    case 'string':
      return text;
  }
}
