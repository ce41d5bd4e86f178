// One schema for every entry point (CLI, files, links, saved records, worker messages):
// parseScenario must never throw on any JSON value. It always returns a complete, valid
// scenario plus the list of what it had to change; callers decide whether an issue is fatal
// (the CLI: yes, exit 2) or a notice (the playground: show what was kept).

import {
  PARAMS,
  PARAM_BY_PATH,
  EVENT_KINDS,
  MAX_EVENTS,
  MAX_TOTAL_VMS,
  type Param,
  type NumberParam,
} from './params/index.ts';
import { MAX_DEPTH, MAX_LISTED_UNKNOWN, MAX_NODES, numberFromText, stripBom } from './limits.ts';
import { SCHEMA_VERSION, VM_SIZES, type Scenario, type ScenarioEvent, type ScenarioIssue } from './types.ts';
import { unknownPathMessage } from './retired.ts';

type Json = unknown;
const META_KEYS = new Set(['schema', 'preset', 'title', 'events']);

export function getPath(obj: Json, path: string): Json {
  let cur: Json = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, Json>)[key];
  }
  return cur;
}

export function setPath(obj: Record<string, Json>, path: string, value: Json): void {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    const next = cur[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[k] = {};
    cur = cur[k] as Record<string, Json>;
  }
  cur[keys[keys.length - 1]] = value;
}

/**
 * A short, bounded description of any value for a message. Never throws and never walks a
 * structure (String() and JSON.stringify recurse, and overflow the stack on deep input).
 */
function show(v: Json): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v.length > 80 ? v.slice(0, 80) : v);
  else if (typeof v === 'number') s = Object.is(v, -0) ? '-0' : String(v);
  else if (v === null || typeof v === 'boolean') s = String(v);
  else if (v === undefined) s = 'nothing';
  else if (Array.isArray(v)) s = `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  else if (typeof v === 'object') {
    const keys = Object.keys(v);
    s = keys.length
      ? `an object with ${keys
          .slice(0, 3)
          .map((k) => JSON.stringify(k.slice(0, 20)))
          .join(', ')}${keys.length > 3 ? ', ...' : ''}`
      : 'an empty object';
  } else s = typeof v;
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Checks one value against its table entry: the valid value and, if changed, why. */
export function checkParam(
  p: Param,
  raw: Json,
): { value: number | boolean | string; problem?: string; action?: ScenarioIssue['action'] } {
  switch (p.kind) {
    case 'int':
    case 'number':
      return checkNumber(p, raw);
    case 'bool':
      if (typeof raw === 'boolean') return { value: raw };
      return {
        value: p.default,
        problem: `must be true or false (got ${show(raw)}); kept ${p.default}`,
        action: 'defaulted',
      };
    case 'enum':
      if (typeof raw === 'string' && p.options.includes(raw)) return { value: raw };
      return {
        value: p.default,
        problem: `must be one of ${p.options.join(', ')} (got ${show(raw)}); kept ${p.default}`,
        action: 'defaulted',
      };
    case 'string':
      if (typeof raw === 'string' && raw.length <= p.maxLength && p.pattern.test(raw)) return { value: raw };
      return {
        value: p.default,
        problem: `is not a valid ${p.label.toLowerCase()} (got ${show(raw)}); kept ${p.default}`,
        action: 'defaulted',
      };
  }
}

function checkNumber(p: NumberParam, raw: Json): { value: number; problem?: string; action?: ScenarioIssue['action'] } {
  const unit = p.unit ? ` in ${p.unit}` : '';
  const huge =
    typeof raw === 'number'
      ? !Number.isFinite(raw) && !Number.isNaN(raw)
      : typeof raw === 'string' && !Number.isFinite(numberFromText(raw) ?? 0);
  if (huge) {
    // 1e999 reads as Infinity (JSON.parse, Number): say that, not "null"
    return {
      value: p.default,
      problem: `must be a finite number${unit} (got ${show(raw)}, beyond the largest number, ${Number.MAX_VALUE.toPrecision(3)}); kept ${p.default}`,
      action: 'defaulted',
    };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return {
      value: p.default,
      problem: `must be a number${p.unit ? ` in ${p.unit}` : ''} (got ${show(raw)}); kept ${p.default}`,
      action: 'defaulted',
    };
  }
  let v = raw + 0; // -0 becomes 0: a link or a file prints both as 0, so keep one
  const notes: string[] = [];
  if (p.kind === 'int' && !Number.isInteger(v)) {
    v = Math.round(v);
    notes.push('must be a whole number');
  }
  if (v < p.min) {
    v = p.min;
    notes.push(`must be at least ${p.min}`);
  }
  if (v > p.max) {
    v = p.max;
    notes.push(`must be at most ${p.max}`);
  }
  if (notes.length === 0) return { value: v };
  return {
    value: v,
    problem: `${notes.join(' and ')}${p.unit ? ` ${p.unit}` : ''} (got ${raw}); clamped to ${v}`,
    action: 'clamped',
  };
}

/** A key as it appears in an issue's path: long keys shortened so a path stays readable and bounded. */
function pathKey(key: string): string {
  return key.length > 64 ? `${key.slice(0, 61)}...` : key;
}

/**
 * Issues for every value of `input` that is not a parameter: leaf paths, in document order.
 * Iterative and bounded: at most MAX_NODES values are visited, nesting deeper than MAX_DEPTH is
 * reported once per branch, and only the first MAX_LISTED_UNKNOWN paths are listed (the rest are
 * counted in one issue).
 */
function unknownIssues(input: Record<string, Json>): ScenarioIssue[] {
  const listed: ScenarioIssue[] = [];
  let unknown = 0;
  let visited = 0;
  let cutOff = false;
  const note = (path: string, message: string) => {
    unknown++;
    if (listed.length < MAX_LISTED_UNKNOWN) listed.push({ path, message, action: 'ignored' });
  };
  // depth-first, keys in order: the stack holds [value, path, depth], pushed in reverse
  const stack: [Json, string, number][] = [];
  const pushChildren = (obj: object, prefix: string, depth: number) => {
    const keys = Object.keys(obj);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (!prefix && META_KEYS.has(key)) continue;
      const path = prefix ? `${prefix}.${pathKey(key)}` : pathKey(key);
      if (PARAM_BY_PATH.has(path)) continue;
      stack.push([(obj as Record<string, Json>)[key], path, depth]);
    }
  };
  pushChildren(input, '', 1);
  while (stack.length) {
    if (++visited > MAX_NODES) {
      cutOff = true;
      break;
    }
    const [v, path, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) note(path, unknownPathMessage(path));
    else if (depth >= MAX_DEPTH) note(path, `nested more than ${MAX_DEPTH} levels deep; ignored`);
    else pushChildren(v, path, depth + 1);
  }
  const issues = listed;
  if (unknown > listed.length)
    issues.push({
      path: '',
      message: `and ${unknown - listed.length} more unknown parameters; ignored`,
      action: 'ignored',
    });
  if (cutOff)
    issues.push({
      path: '',
      message: `more than ${MAX_NODES} values in the scenario; the rest were not read`,
      action: 'ignored',
    });
  return issues;
}

export function defaultScenario(): Scenario {
  const s: Record<string, Json> = { schema: SCHEMA_VERSION, preset: 'custom', title: 'Custom scenario', events: [] };
  for (const p of PARAMS) setPath(s, p.path, p.default);
  return s as unknown as Scenario;
}

function parseEvents(raw: Json, durationMinutes: number, issues: ScenarioIssue[]): ScenarioEvent[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push({
      path: 'events',
      message: `must be a list of events (got ${show(raw)}); no events kept`,
      action: 'ignored',
    });
    return [];
  }
  if (raw.length > MAX_EVENTS) {
    issues.push({
      path: 'events',
      message: `at most ${MAX_EVENTS} events (got ${raw.length}); kept the first ${MAX_EVENTS}`,
      action: 'clamped',
    });
  }
  const out: ScenarioEvent[] = [];
  raw.slice(0, MAX_EVENTS).forEach((ev: Json, i: number) => {
    const at = `events[${i}]`;
    const kind = getPath(ev, 'kind');
    const spec = EVENT_KINDS.find((k) => k.kind === kind);
    if (!spec) {
      issues.push({
        path: `${at}.kind`,
        message: `unknown event kind ${show(kind)} (known: ${EVENT_KINDS.map((k) => k.kind).join(', ')}); event ignored`,
        action: 'ignored',
      });
      return;
    }
    const atMinuteSpec: NumberParam = {
      path: 'atMinute',
      group: 'run',
      label: 'At minute',
      kind: 'number',
      min: 0,
      max: durationMinutes,
      unit: 'min',
      default: 0,
      help: '',
      source: '',
    };
    const result: Record<string, Json> = { atMinute: 0, kind: spec.kind };
    for (const f of [atMinuteSpec, ...spec.fields]) {
      const v = getPath(ev, f.path);
      const r = checkNumber(f, v === undefined ? f.default : v);
      if (r.problem) issues.push({ path: `${at}.${f.path}`, message: r.problem, action: r.action! });
      result[f.path] = r.value;
    }
    if (ev && typeof ev === 'object') {
      const extra = Object.keys(ev).filter(
        (key) => key !== 'kind' && !Object.prototype.hasOwnProperty.call(result, key),
      );
      for (const key of extra.slice(0, MAX_LISTED_UNKNOWN))
        issues.push({ path: `${at}.${pathKey(key)}`, message: 'unknown field; ignored', action: 'ignored' });
      if (extra.length > MAX_LISTED_UNKNOWN)
        issues.push({
          path: at,
          message: `and ${extra.length - MAX_LISTED_UNKNOWN} more unknown fields; ignored`,
          action: 'ignored',
        });
    }
    out.push(result as unknown as ScenarioEvent);
  });
  // stable sort: the order of events at the same minute is the order given
  return out
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].atMinute - b[0].atMinute || a[1] - b[1])
    .map(([e]) => e);
}

declare const validated: unique symbol;
/**
 * A scenario parseScenario returned: complete and inside the table. Only parseScenario makes one
 * (the brand exists in types only), so a function taking a ValidScenario sits downstream of a
 * boundary and does not validate again. Treat it as read-only: an edit is a copy parsed again.
 */
export type ValidScenario = Scenario & { readonly [validated]: true };

export interface ParseResult {
  scenario: ValidScenario;
  issues: ScenarioIssue[];
}

/**
 * Reads any JSON value as a scenario. Missing fields take defaults silently; wrong ones are reported.
 * Never throws: the walk is iterative and bounded (limits.ts); anything else that could go wrong
 * (an exotic object from a caller) falls back to the defaults with an issue saying so.
 */
export function parseScenario(input: Json): ParseResult {
  try {
    return readScenario(input);
  } catch (e) {
    return {
      scenario: defaultScenario() as ValidScenario,
      issues: [
        {
          path: '',
          message: `the scenario could not be read (${e instanceof Error ? e.name : 'error'}); used the defaults`,
          action: 'defaulted',
        },
      ],
    };
  }
}

function readScenario(input: Json): ParseResult {
  const issues: ScenarioIssue[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.push({
      path: '',
      message: `a scenario must be a JSON object (got ${show(input)}); used the defaults`,
      action: 'defaulted',
    });
    input = {};
  }
  const schema = getPath(input, 'schema');
  if (schema !== undefined && schema !== SCHEMA_VERSION) {
    issues.push({
      path: 'schema',
      message: `unsupported schema version ${show(schema)} (this build reads ${SCHEMA_VERSION}); read as version ${SCHEMA_VERSION}`,
      action: 'defaulted',
    });
  }
  const out = defaultScenario() as unknown as Record<string, Json>;
  for (const key of ['preset', 'title'] as const) {
    const v = getPath(input, key);
    if (v === undefined) continue;
    if (typeof v === 'string' && v.length <= 120) out[key] = v;
    else
      issues.push({
        path: key,
        message: `must be a short text (got ${show(v)}); kept ${show(out[key])}`,
        action: 'defaulted',
      });
  }
  for (const p of PARAMS) {
    const raw = getPath(input, p.path);
    if (raw === undefined) continue;
    const r = checkParam(p, raw);
    if (r.problem) issues.push({ path: p.path, message: r.problem, action: r.action! });
    setPath(out, p.path, r.value);
  }
  issues.push(...unknownIssues(input as Record<string, Json>));

  const scenario = out as unknown as Scenario;
  const vmsPerHv = VM_SIZES.reduce((n, s) => n + scenario.fleet.vmMix[s], 0);
  if (vmsPerHv * scenario.fleet.hypervisors > MAX_TOTAL_VMS) {
    const hv = Math.max(1, Math.floor(MAX_TOTAL_VMS / Math.max(1, vmsPerHv)));
    issues.push({
      path: 'fleet.hypervisors',
      message: `the fleet would hold ${vmsPerHv * scenario.fleet.hypervisors} VMs, more than ${MAX_TOTAL_VMS}; clamped to ${hv} hypervisors`,
      action: 'clamped',
    });
    scenario.fleet.hypervisors = hv;
  }
  if (scenario.fleet.zones > scenario.fleet.hypervisors) {
    issues.push({
      path: 'fleet.zones',
      message: `more zones than hypervisors (${scenario.fleet.zones} > ${scenario.fleet.hypervisors}); clamped to ${scenario.fleet.hypervisors}`,
      action: 'clamped',
    });
    scenario.fleet.zones = scenario.fleet.hypervisors;
  }
  scenario.events = parseEvents(getPath(input, 'events'), scenario.durationMinutes, issues);
  // cross-field checks that the property table alone cannot express
  const hostGiB = scenario.hypervisor.memoryGiB;
  if (scenario.migration.hostReserveGiB >= hostGiB) {
    const kept = Math.max(0, hostGiB - 1);
    issues.push({
      path: 'migration.hostReserveGiB',
      message: `must be below hypervisor.memoryGiB (${hostGiB} GiB; got ${scenario.migration.hostReserveGiB}); clamped to ${kept}`,
      action: 'clamped',
    });
    scenario.migration.hostReserveGiB = kept;
  }
  fitStartingFleet(scenario, issues);
  return { scenario: scenario as ValidScenario, issues };
}

/**
 * With a maintenance window the host's VM memory is a hard limit (systems/migration.ts: past it
 * the host swaps, past swap its OOM killer reboots a VM). A fleet whose VMs do not fit their
 * hosts at the start would be swapping and rebooting VMs before anything happened, which no
 * seed describes: fc.qemu starts a VM only after a free-memory check (seed 001: the race was
 * in migrations, "in general we protect against this"). So the mix must fit: if it books more
 * per host than `memoryGiB - hostReserveGiB`, host RAM is raised to hold it (the mix, the sizes
 * and the reserve are kept). An ensemble's drawn worlds pass through here too: a draw of small
 * hosts and many large VMs becomes a full fleet, not one that fails before the incident.
 */
function fitStartingFleet(scenario: Scenario, issues: ScenarioIssue[]): void {
  if (!scenario.events.some((e) => e.kind === 'maintenanceWindow')) return;
  const mix = scenario.fleet.vmMix;
  const booked = () => VM_SIZES.reduce((n, s) => n + mix[s] * scenario.vmSizes[s].memoryMiB, 0);
  const reserve = scenario.migration.hostReserveGiB;
  const vmGiB = scenario.hypervisor.memoryGiB - reserve;
  const bookedMiB = booked();
  if (bookedMiB <= vmGiB * 1024) return;
  const max = (PARAM_BY_PATH.get('hypervisor.memoryGiB') as NumberParam).max;
  const kept = Math.min(max, Math.ceil(reserve + bookedMiB / 1024));
  // beyond the largest host the table allows, the largest VMs that do not fit are left out instead
  const cut: string[] = [];
  while (booked() > (kept - reserve) * 1024) {
    let big = '';
    for (const s of VM_SIZES)
      if (mix[s] > 0 && (!big || scenario.vmSizes[s].memoryMiB > scenario.vmSizes[big as typeof s].memoryMiB)) big = s;
    if (!big) break;
    mix[big as (typeof VM_SIZES)[number]]--;
    if (!cut.includes(big)) cut.push(big);
  }
  issues.push({
    path: 'hypervisor.memoryGiB',
    message:
      `the VM mix books ${Math.ceil(bookedMiB / 1024)} GiB per host, more than its ${vmGiB} GiB of VM memory ` +
      `(hypervisor.memoryGiB ${scenario.hypervisor.memoryGiB} - migration.hostReserveGiB ${reserve}): the hosts would swap ` +
      `before the maintenance starts; raised to ${kept}` +
      (cut.length
        ? `, and ${cut.map((s) => `fleet.vmMix.${s} lowered to ${mix[s as (typeof VM_SIZES)[number]]}`).join(', ')} to fit`
        : ' (the mix and VM sizes kept)'),
    action: 'clamped',
  });
  scenario.hypervisor.memoryGiB = kept;
}

/** Parses a --set value: JSON when it parses, else the bare string. */
export function parseSetValue(text: string): Json {
  try {
    const v: Json = JSON.parse(stripBom(text));
    // 1e999 parses as Infinity: keep the text so the message shows what was typed
    return typeof v === 'number' && !Number.isFinite(v) ? text : v;
  } catch {
    return text;
  }
}

export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return issues.map((i) => `${i.path || '(scenario)'}: ${i.message}`).join('\n');
}
