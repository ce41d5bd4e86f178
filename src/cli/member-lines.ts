// The member-line format of `sim --shard K/N` and `sim merge`: one JSON object per line, each
// carrying the whole ensemble's header (so any line read alone says what it belongs to) and one
// member's outcome (and B's on the same world). Versioned: the line and its header both say
// `format: MEMBER_LINE_FORMAT`; merge reads only that version. Every field is checked here, in
// one place, against the header and the fleet it names, so a copied, edited or truncated line
// is refused with a message instead of being summarised (see docs/GUARANTEES.md, "sim merge").

import { MAX_MEMBERS, type Change, type MemberLine, type MemberOutcome, type WorldsInfo } from '../core/index.ts';
import {
  CONFIG_KINDS,
  MAX_CALIBRATION_WORLDS,
  MAX_TOTAL_VMS,
  PARAM_BY_PATH,
  WORLD_SOURCES,
} from '../scenario/index.ts';
import type { ConfigReport } from './configs.ts';

/**
 * Version 1 had no version field (and no fleet in the header); version 2 added both; version 3
 * the header's `worlds` (seeds, prior or calibrated, issue 25) and, for calibrated worlds, `seeds`;
 * version 4 `world1IsRun` (world 1 is the scenario itself: the prior's and the calibrated worlds
 * changed then, so lines of 3 are of other worlds). Bump it when a field changes meaning, and say
 * in merge's message what to do with older lines.
 */
export const MEMBER_LINE_FORMAT = 4;

/** Largest member line read (bytes). A header with its config reports is a few KB. */
export const MAX_MEMBER_LINE_BYTES = 1_000_000;
/** Largest file merge reads (bytes): MAX_MEMBERS lines of a few KB each fit many times over. */
export const MAX_MERGE_FILE_BYTES = 64_000_000;

export interface ConfigSides {
  current: ConfigReport[];
  proposed: ConfigReport[];
}

/** What a world of one side is: merge checks every member's figures against it. */
export interface FleetShape {
  hypervisors: number;
  /** the scenario's duration: a first panic is within it */
  minutes: number;
}

/** What identifies a whole ensemble: every shard line carries it, merge checks they agree. */
export interface EnsembleHeader {
  format: number;
  scenario: string;
  seed: number;
  clockStart: string;
  members: number;
  varyAssumptions: boolean;
  /** where the worlds come from (a calibrated plan names its incident) */
  worlds: WorldsInfo;
  /** calibrated worlds: each member's seed (they are the accepted worlds', not seed + index) */
  seeds?: number[];
  /** member 0 is the scenario itself (its seed, every drawn row at the scenario's value) */
  world1IsRun: boolean;
  /** a B was asked for (--against or --proposed-config) */
  compared: boolean;
  /** what B changes from A; empty when B is A (then no member line has a b) */
  against: Change[];
  assumptions: { path: string; lo: number; hi: number }[];
  /** FNV-1a of the scenario's JSON: shards of different scenarios must not merge */
  fingerprint: string;
  /** the same of B, when it runs */
  fingerprintB?: string;
  /** A's fleet; B's when B runs */
  fleet: FleetShape;
  fleetB?: FleetShape;
  configs?: ConfigSides;
}

export const MEMBER_LINE_KIND = 'ensemble-member';

/** The text of one member line (ends with a newline). */
export function memberLineText(header: EnsembleHeader, line: MemberLine): string {
  return JSON.stringify({ kind: MEMBER_LINE_KIND, format: MEMBER_LINE_FORMAT, header, ...line }) + '\n';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const show = (v: unknown) => {
  const t = typeof v === 'number' || v === undefined ? String(v) : JSON.stringify(v);
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
};

/** Thrown inside the checker only; merge turns it into one message (never a stack trace). */
class Bad extends Error {}
const bad = (what: string): never => {
  throw new Bad(what);
};

function int(o: Obj, k: string, min: number, max: number, where: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    bad(`${where}${k} must be a whole number in ${min}..${max} (got ${show(v)})`);
  return v as number;
}
function num(o: Obj, k: string, min: number, max: number, where: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    bad(`${where}${k} must be a number in ${min}..${max} (got ${show(v)})`);
  return v as number;
}
function text(o: Obj, k: string, maxLength: number, where: string, pattern?: RegExp): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length > maxLength || (pattern && !pattern.test(v)))
    bad(
      `${where}${k} must be ${pattern ? `text like ${pattern.source}` : `text of at most ${maxLength} characters`} (got ${show(v)})`,
    );
  return v as string;
}
function bool(o: Obj, k: string, where: string): boolean {
  if (typeof o[k] !== 'boolean') bad(`${where}${k} must be true or false (got ${show(o[k])})`);
  return o[k] as boolean;
}
function list(o: Obj, k: string, max: number, where: string): unknown[] {
  const v = o[k];
  if (!Array.isArray(v) || v.length > max) bad(`${where}${k} must be a list of at most ${max} items (got ${show(v)})`);
  return v as unknown[];
}
function obj(v: unknown, where: string): Obj {
  if (!isObj(v)) bad(`${where} must be an object (got ${show(v)})`);
  return v as Obj;
}
const paramValue = (v: unknown) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

function change(v: unknown, where: string): Change {
  const c = obj(v, where);
  const path = text(c, 'path', 200, `${where}.`);
  if (path !== 'events' && !PARAM_BY_PATH.has(path)) bad(`${where}.path is not a parameter (got ${show(path)})`);
  if (!paramValue(c.value) || (has(c, 'from') && !paramValue(c.from)))
    bad(`${where} must give a number, text or true/false as value (and from)`);
  return { path, value: c.value as Change['value'], ...(has(c, 'from') ? { from: c.from as Change['value'] } : {}) };
}

function fleet(v: unknown, where: string): FleetShape {
  const f = obj(v, where);
  const hv = PARAM_BY_PATH.get('fleet.hypervisors') as { max: number };
  const dur = PARAM_BY_PATH.get('durationMinutes') as { min: number; max: number };
  return {
    hypervisors: int(f, 'hypervisors', 1, hv.max, `${where}.`),
    minutes: int(f, 'minutes', dur.min, dur.max, `${where}.`),
  };
}

function report(v: unknown, where: string): ConfigReport {
  const r = obj(v, where);
  const w = `${where}.`;
  const kind = text(r, 'kind', 20, w);
  if (!(CONFIG_KINDS as readonly string[]).includes(kind)) bad(`${w}kind must be one of ${CONFIG_KINDS.join(', ')}`);
  if (has(r, 'inherited') && r.inherited !== true) bad(`${w}inherited must be true when present`);
  const set = list(r, 'set', 10_000, w).map((x, i) => {
    const s = obj(x, `${w}set[${i}]`);
    if (!paramValue(s.value)) bad(`${w}set[${i}].value must be a number, text or true/false`);
    return {
      path: text(s, 'path', 200, `${w}set[${i}].`),
      value: s.value,
      line: int(s, 'line', 0, 1e9, `${w}set[${i}].`),
      key: text(s, 'key', 1000, `${w}set[${i}].`),
    };
  });
  const invalid = list(r, 'invalid', 100_000, w).map((x, i) => {
    const s = obj(x, `${w}invalid[${i}]`);
    return {
      key: text(s, 'key', 1000, `${w}invalid[${i}].`),
      line: int(s, 'line', 0, 1e9, `${w}invalid[${i}].`),
      note: text(s, 'note', 1000, `${w}invalid[${i}].`),
    };
  });
  return {
    file: text(r, 'file', 4096, w),
    kind: kind as ConfigReport['kind'],
    ...(r.inherited === true ? { inherited: true } : {}),
    set,
    ignored: int(r, 'ignored', 0, 1e9, w),
    invalid,
  };
}

function worldsInfo(v: unknown, where: string): WorldsInfo {
  const o = obj(v, where);
  const source = o.source;
  if (!(WORLD_SOURCES as readonly unknown[]).includes(source))
    bad(`${where}.source must be one of ${WORLD_SOURCES.join(', ')}`);
  const note = has(o, 'note') ? text(o, 'note', 400, `${where}.`) : undefined;
  let incident: WorldsInfo['incident'];
  if (has(o, 'incident')) {
    const i = obj(o.incident, `${where}.incident`);
    const tried = int(i, 'tried', 1, MAX_CALIBRATION_WORLDS, `${where}.incident.`);
    incident = {
      label: text(i, 'label', 200, `${where}.incident.`),
      accepted: int(i, 'accepted', 1, tried, `${where}.incident.`),
      tried,
    };
  }
  if ((source === 'calibrated') !== (incident !== undefined))
    bad(`${where}.incident must be there exactly when the worlds are calibrated`);
  return {
    source: source as WorldsInfo['source'],
    ...(note !== undefined ? { note } : {}),
    ...(incident ? { incident } : {}),
  };
}

/** The header, checked and rebuilt in a fixed key order (so two headers compare as text). */
export function checkHeader(v: unknown): EnsembleHeader {
  const h = obj(v, 'header');
  const w = 'header.';
  if (h.format !== MEMBER_LINE_FORMAT) bad(`${w}format must be ${MEMBER_LINE_FORMAT} (got ${show(h.format)})`);
  const members = int(h, 'members', 1, MAX_MEMBERS, w);
  const varyAssumptions = bool(h, 'varyAssumptions', w);
  const compared = bool(h, 'compared', w);
  const against = list(h, 'against', PARAM_BY_PATH.size + 1, w).map((c, i) => change(c, `${w}against[${i}]`));
  if (!compared && against.length) bad(`${w}against must be empty when compared is false`);
  const assumptions = list(h, 'assumptions', PARAM_BY_PATH.size, w).map((x, i) => {
    const a = obj(x, `${w}assumptions[${i}]`);
    const path = text(a, 'path', 200, `${w}assumptions[${i}].`);
    if (!PARAM_BY_PATH.has(path)) bad(`${w}assumptions[${i}].path is not a parameter (got ${show(path)})`);
    const lo = num(a, 'lo', -Number.MAX_VALUE, Number.MAX_VALUE, `${w}assumptions[${i}].`);
    const hi = num(a, 'hi', lo, Number.MAX_VALUE, `${w}assumptions[${i}].`);
    return { path, lo, hi };
  });
  if (!varyAssumptions && assumptions.length) bad(`${w}assumptions must be empty when varyAssumptions is false`);
  const worlds = worldsInfo(h.worlds, `${w}worlds`);
  let seeds: number[] | undefined;
  if (worlds.source === 'calibrated') {
    seeds = list(h, 'seeds', members, w).map((x, i) => int({ x }, 'x', 0, 4294967295, `${w}seeds[${i}].`));
    if (seeds.length !== members) bad(`${w}seeds must hold one seed per member (${members})`);
  } else if (has(h, 'seeds')) bad(`${w}seeds must be absent unless the worlds are calibrated`);
  const hex = /^[0-9a-f]{8}$/;
  const runsB = against.length > 0;
  if (has(h, 'fingerprintB') !== runsB || has(h, 'fleetB') !== runsB)
    bad(`${w}fingerprintB and fleetB must be there exactly when against names a change`);
  let configs: ConfigSides | undefined;
  if (has(h, 'configs')) {
    const c = obj(h.configs, `${w}configs`);
    configs = {
      current: list(c, 'current', 1000, `${w}configs.`).map((r, i) => report(r, `${w}configs.current[${i}]`)),
      proposed: list(c, 'proposed', 1000, `${w}configs.`).map((r, i) => report(r, `${w}configs.proposed[${i}]`)),
    };
  }
  return {
    format: MEMBER_LINE_FORMAT,
    scenario: text(h, 'scenario', 120, w),
    seed: int(h, 'seed', 0, 4294967295, w),
    clockStart: text(h, 'clockStart', 5, w, /^\d{2}:\d{2}$/),
    members,
    varyAssumptions,
    worlds,
    ...(seeds ? { seeds } : {}),
    world1IsRun: bool(h, 'world1IsRun', w),
    compared,
    against,
    assumptions,
    fingerprint: text(h, 'fingerprint', 8, w, hex),
    ...(runsB ? { fingerprintB: text(h, 'fingerprintB', 8, w, hex) } : {}),
    fleet: fleet(h.fleet, `${w}fleet`),
    ...(runsB ? { fleetB: fleet(h.fleetB, `${w}fleetB`) } : {}),
    ...(configs ? { configs } : {}),
  };
}

/** One side's outcome on member `index`'s world, checked against the header and its fleet. */
function outcome(v: unknown, side: 'a' | 'b', header: EnsembleHeader, shape: FleetShape): MemberOutcome {
  const o = obj(v, side);
  const w = `${side}.`;
  const index = int(o, 'index', 0, header.members - 1, w);
  const seed = int(o, 'seed', 0, 4294967295, w);
  const expected = header.seeds ? header.seeds[index] : (header.seed + index) % 4294967296;
  if (seed !== expected) bad(`${w}seed must be ${expected} for member ${index} of seed ${header.seed} (got ${seed})`);
  const draws = list(o, 'draws', header.assumptions.length, w).map((x, j) => {
    const d = obj(x, `${w}draws[${j}]`);
    const r = header.assumptions[j];
    if (d.path !== r.path) bad(`${w}draws[${j}].path must be ${r.path} (got ${show(d.path)})`);
    const slack = Math.abs(r.hi - r.lo) * 1e-9;
    return { path: r.path, value: num(d, 'value', r.lo - slack, r.hi + slack, `${w}draws[${j}].`) };
  });
  if (draws.length !== header.assumptions.length)
    bad(`${w}draws must hold one value per assumption (${header.assumptions.length}, got ${draws.length})`);
  const hypervisors = int(o, 'hypervisors', shape.hypervisors, shape.hypervisors, w);
  const panicked = int(o, 'panicked', 0, hypervisors, w);
  const first = o.firstPanicMinute;
  if (panicked === 0 ? first !== null : typeof first !== 'number' || !(first >= 0 && first <= shape.minutes))
    bad(
      `${w}firstPanicMinute must be ${panicked === 0 ? 'null when nothing panicked' : `a minute in 0..${shape.minutes}`} (got ${show(first)})`,
    );
  const vms = int(o, 'vms', 0, MAX_TOTAL_VMS, w);
  // VMs down are VMs of the fleet (format 3; format 2 counted a redeployed VM's every crash)
  const vmsDown = int(o, 'vmsDown', 0, vms, w);
  const droppedPercent = num(o, 'droppedPercent', 0, 100, w);
  const lostPercent = num(o, 'lostPercent', 0, 100, w);
  if (droppedPercent + lostPercent > 100.001)
    bad(`${w}droppedPercent + lostPercent must be at most 100 (got ${droppedPercent + lostPercent})`);
  return {
    index,
    seed,
    draws,
    panicked,
    hypervisors,
    firstPanicMinute: first as number | null,
    vmsDown,
    vms,
    droppedPercent,
    lostPercent,
  };
}

export type CheckedLine = { header: EnsembleHeader; line: MemberLine } | { error: string };

/** Parses and checks one line of text (already JSON-decoded). Never throws. */
export function checkMemberLine(value: unknown): CheckedLine {
  try {
    const l = obj(value, 'the line');
    if (l.kind !== MEMBER_LINE_KIND) bad('not an ensemble member line (run sim with --shard K/N)');
    if (l.format !== MEMBER_LINE_FORMAT)
      bad(
        l.format === undefined
          ? `a member line without a format version (written by an older sim): run that shard again with this one`
          : `member line format ${show(l.format)}: this sim reads format ${MEMBER_LINE_FORMAT}; run that shard again with this one`,
      );
    const header = checkHeader(l.header);
    const a = outcome(l.a, 'a', header, header.fleet);
    let b: MemberOutcome | undefined;
    if (header.fleetB) {
      if (!has(l, 'b')) bad(`b is missing: the header names a change, so every line holds B's outcome`);
      b = outcome(l.b, 'b', header, header.fleetB);
      if (b.index !== a.index || JSON.stringify(b.draws) !== JSON.stringify(a.draws))
        bad(`b must be the same world as a (index ${a.index}, the same draws)`);
    } else if (has(l, 'b')) bad(`b must be absent: the header names no change`);
    return { header, line: b ? { a, b } : { a } };
  } catch (e) {
    if (e instanceof Bad) return { error: e.message };
    throw e;
  }
}
