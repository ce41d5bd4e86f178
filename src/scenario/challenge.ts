// Challenges (link format v2): a goal made of the verdict's own figures, the controls a student
// may change (every other parameter and the scripted events are locked), an optional budget of
// changes, and the student's answer. All of it travels in the share link as readable pairs:
//
//   goal=nopanic,dropped:5,lost:1   no hypervisor panics; events dropped at most 5 %, lost at most 1 %
//   worlds=4                        ... in each of 4 worlds (seeds seed .. seed + 3); absent: 1
//   allow=telemetry.buffer.whenFull,telemetry.buffer.maxEvents
//   budget=1                        at most 1 allowed control changed from the start; absent: none
//   answer.telemetry.buffer.whenFull=drop_newest   the student's change (an allowed path only)
//   by=Ana                          who handed it in (text, at most MAX_NAME_CHARS)
//
// The scenario part of the link (preset, seed, parameters, events, or `s=`) is the challenge's
// start; the scenario a page opens is the start with the answers applied. A link is untrusted
// input: every value is checked here (unknown goals, paths outside `allow`, bad numbers become
// issues saying what was ignored and what was kept), and a board re-runs the answer itself.

import { PARAMS, PARAM_BY_PATH } from './params/index.ts';
import { getPath, parseScenario, setPath, type ValidScenario } from './validate.ts';
import { numberFromText } from './limits.ts';
import { formatValue, show, typedValue } from './link-text.ts';
import { readPathList } from './link-options.ts';
import type { Scenario, ScenarioIssue } from './types.ts';

/** A goal must hold in at most this many worlds (seeds seed .. seed + worlds - 1). */
export const MAX_CHALLENGE_WORLDS = 16;
/** A student's name in a handed-in link: at most this many characters. */
export const MAX_NAME_CHARS = 60;
/** An answer's key: this prefix and an allowed PARAMS path. */
export const ANSWER_PREFIX = 'answer.';
/** The keys a challenge adds to a link (besides `answer.<path>`). */
export const CHALLENGE_KEYS = ['goal', 'worlds', 'allow', 'budget', 'by'] as const;

/** What the verdict must say. A limit of null is no limit. */
export interface Goal {
  /** no hypervisor panics (hypervisors.panicked = 0) */
  noPanic: boolean;
  /** telemetry events dropped, in percent of events produced, at most this */
  maxDroppedPct: number | null;
  /** telemetry events lost, in percent of events produced, at most this */
  maxLostPct: number | null;
}

export interface Challenge {
  goal: Goal;
  /** the goal must hold in each of this many worlds (seeds seed ..); 1: the run on screen */
  worlds: number;
  /** PARAMS paths the student may change; every other parameter and the events are locked */
  allow: string[];
  /** at most this many allowed controls changed from the start; null: no budget */
  budget: number | null;
}

/** A challenge as a link carries it: the rules, the scenario it starts from, and who answered. */
export interface LinkChallenge extends Challenge {
  start: ValidScenario;
  /** the name given when handing in, or null */
  by: string | null;
}

export function hasGoal(g: Goal): boolean {
  return g.noPanic || g.maxDroppedPct !== null || g.maxLostPct !== null;
}

/** `nopanic,dropped:5,lost:1` (the order is fixed, so equal goals write equal text). */
export function formatGoal(g: Goal): string {
  const out: string[] = [];
  if (g.noPanic) out.push('nopanic');
  if (g.maxDroppedPct !== null) out.push(`dropped:${formatValue(g.maxDroppedPct)}`);
  if (g.maxLostPct !== null) out.push(`lost:${formatValue(g.maxLostPct)}`);
  return out.join(',');
}

const GOAL_HELP = 'nopanic, dropped:<percent>, lost:<percent>';

function readPercent(item: string, text: string, issues: ScenarioIssue[]): number | null {
  const n = numberFromText(text);
  if (n === undefined || !Number.isFinite(n)) {
    issues.push({ path: 'goal', message: `${show(item)}: ${show(text)} is not a percent; ignored`, action: 'ignored' });
    return null;
  }
  if (n < 0 || n > 100) {
    const kept = Math.min(100, Math.max(0, n));
    issues.push({ path: 'goal', message: `${show(item)}: a percent is 0 to 100; kept ${kept}`, action: 'clamped' });
    return kept;
  }
  return n;
}

export function readGoal(text: string, issues: ScenarioIssue[]): Goal {
  const goal: Goal = { noPanic: false, maxDroppedPct: null, maxLostPct: null };
  const items = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const item of items.slice(0, 8)) {
    const [name, value, ...rest] = item.split(':');
    if (name === 'nopanic' && value === undefined) goal.noPanic = true;
    else if ((name === 'dropped' || name === 'lost') && value !== undefined && rest.length === 0) {
      const pct = readPercent(item, value, issues);
      if (pct !== null) goal[name === 'dropped' ? 'maxDroppedPct' : 'maxLostPct'] = pct;
    } else
      issues.push({
        path: 'goal',
        message: `unknown goal ${show(item)} (known: ${GOAL_HELP}); ignored`,
        action: 'ignored',
      });
  }
  if (items.length > 8)
    issues.push({
      path: 'goal',
      message: `at most 8 goals (got ${items.length}); read the first 8`,
      action: 'ignored',
    });
  return goal;
}

function readInt(
  key: 'worlds' | 'budget',
  text: string | undefined,
  min: number,
  max: number,
  issues: ScenarioIssue[],
): number | null {
  if (text === undefined || text === '') return null;
  const n = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (Number.isNaN(n)) {
    issues.push({
      path: key,
      message: `must be a whole number from ${min} to ${max} (got ${show(text)}); ${key === 'worlds' ? 'kept 1 world' : 'no budget'}`,
      action: 'ignored',
    });
    return null;
  }
  if (n < min || n > max) {
    const kept = Math.min(max, Math.max(min, n));
    issues.push({ path: key, message: `must be ${min} to ${max} (got ${n}); kept ${kept}`, action: 'clamped' });
    return kept;
  }
  return n;
}

/** A name as text: control characters out, spaces collapsed, at most MAX_NAME_CHARS. */
export function cleanName(text: string, issues?: ScenarioIssue[]): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, ' ');
  const name = clean.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (name.length > MAX_NAME_CHARS) {
    issues?.push({ path: 'by', message: `a name of at most ${MAX_NAME_CHARS} characters; cut it`, action: 'clamped' });
    return name.slice(0, MAX_NAME_CHARS);
  }
  return name;
}

function isChallengeKey(key: string): boolean {
  return (CHALLENGE_KEYS as readonly string[]).includes(key) || key.startsWith(ANSWER_PREFIX);
}

/**
 * The challenge of a link's pairs (last value per key), or null when it has none. Keys of a
 * challenge without a usable `goal=` are reported and ignored; the link opens as a plain scenario.
 */
export function readChallenge(
  last: Map<string, string>,
  issues: ScenarioIssue[],
): (Challenge & { by: string | null }) | null {
  const goalText = last.get('goal');
  const goal = goalText === undefined ? null : readGoal(goalText, issues);
  if (!goal || !hasGoal(goal)) {
    const stray = [...last.keys()].filter((k) => isChallengeKey(k) && k !== 'goal');
    if (goal)
      issues.push({
        path: 'goal',
        message: `the challenge has no goal it can check (known: ${GOAL_HELP}); opened the link as a plain scenario`,
        action: 'ignored',
      });
    else if (stray.length)
      issues.push({
        path: stray[0].slice(0, 64),
        message: `${stray
          .slice(0, 3)
          .map((k) => show(k))
          .join(
            ', ',
          )}${stray.length > 3 ? ` and ${stray.length - 3} more` : ''} belong to a challenge, which needs goal=; ignored`,
        action: 'ignored',
      });
    return null;
  }
  const allow = readPathList('allow', last.get('allow'), issues);
  if (allow.length === 0)
    issues.push({
      path: 'allow',
      message: 'the challenge allows no control: every parameter is locked, nothing can be changed',
      action: 'defaulted',
    });
  const worlds = readInt('worlds', last.get('worlds'), 1, MAX_CHALLENGE_WORLDS, issues) ?? 1;
  const budget = readInt('budget', last.get('budget'), 0, PARAMS.length, issues);
  const byText = last.get('by');
  const by = byText === undefined ? null : cleanName(byText, issues);
  return { goal, worlds, allow, budget, by };
}

/**
 * The start with the link's answers applied (validated by parseScenario). An answer to a path the
 * challenge does not allow is reported and ignored: the start's value is kept.
 */
export function applyAnswers(
  start: ValidScenario,
  last: Map<string, string>,
  allow: readonly string[],
  issues: ScenarioIssue[],
): ValidScenario {
  const copy = JSON.parse(JSON.stringify(start)) as Record<string, unknown>;
  let any = false;
  for (const [key, text] of last) {
    if (!key.startsWith(ANSWER_PREFIX)) continue;
    const path = key.slice(ANSWER_PREFIX.length);
    const p = PARAM_BY_PATH.get(path);
    if (!p) {
      issues.push({
        path: key.slice(0, 64),
        message: `an answer to an unknown parameter ${show(path)}; ignored`,
        action: 'ignored',
      });
      continue;
    }
    if (!allow.includes(path)) {
      issues.push({
        path: key,
        message: `the challenge locks ${path}: its answer ${show(text)} was ignored, kept ${formatValue(getPath(start, path))}`,
        action: 'ignored',
      });
      continue;
    }
    setPath(copy, path, typedValue(p, text));
    any = true;
  }
  if (!any) return start;
  const parsed = parseScenario(copy);
  for (const i of parsed.issues) issues.push({ ...i, path: `${ANSWER_PREFIX}${i.path}` });
  return parsed.scenario;
}

/** The allowed paths whose value in `s` differs from the start, in table order: the answer. */
export function answerPaths(start: Scenario, s: Scenario, allow: readonly string[]): string[] {
  return PARAMS.filter((p) => allow.includes(p.path) && !Object.is(getPath(s, p.path), getPath(start, p.path))).map(
    (p) => p.path,
  );
}

/** The link pairs of a challenge and of the answer `s` gives it (after the start's pairs). */
export function challengePairs(
  c: Challenge & { by?: string | null },
  start: Scenario,
  s: Scenario,
): [string, string][] {
  const pairs: [string, string][] = [['goal', formatGoal(c.goal)]];
  if (c.worlds > 1) pairs.push(['worlds', String(c.worlds)]);
  if (c.allow.length) pairs.push(['allow', c.allow.join(',')]);
  if (c.budget !== null) pairs.push(['budget', String(c.budget)]);
  for (const path of answerPaths(start, s, c.allow))
    pairs.push([`${ANSWER_PREFIX}${path}`, formatValue(getPath(s, path))]);
  const by = c.by ? cleanName(c.by) : null;
  if (by) pairs.push(['by', by]);
  return pairs;
}

/** What a challenge locks: every parameter it does not allow, and the scripted events. */
export function challengeLocks(allow: readonly string[], hide: readonly string[] = []): string[] {
  return [...PARAMS.filter((p) => !allow.includes(p.path) && !hide.includes(p.path)).map((p) => p.path), 'events'];
}

/** The rules and the start as one canonical text (equal challenges give equal text). */
function canonical(c: Challenge, start: Scenario): string {
  return JSON.stringify([formatGoal(c.goal), c.worlds, [...c.allow].sort(), c.budget, start]);
}

/** A short fingerprint of a challenge (rules and start): cyrb53, 14 hex digits. */
export function challengeKey(c: Challenge, start: Scenario): string {
  const text = canonical(c, start);
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** What differs between two challenges, in words (empty when they are the same challenge). */
export function challengeDifferences(a: LinkChallenge, b: LinkChallenge): string[] {
  const out: string[] = [];
  if (formatGoal(a.goal) !== formatGoal(b.goal))
    out.push(`the goal (${formatGoal(b.goal)}, not ${formatGoal(a.goal)})`);
  if (a.worlds !== b.worlds) out.push(`the worlds (${b.worlds}, not ${a.worlds})`);
  if ([...a.allow].sort().join() !== [...b.allow].sort().join()) out.push('the controls it allows');
  if (a.budget !== b.budget) out.push(`the budget (${b.budget ?? 'none'}, not ${a.budget ?? 'none'})`);
  const moved = PARAMS.filter((p) => !Object.is(getPath(a.start, p.path), getPath(b.start, p.path))).map((p) => p.path);
  if (moved.length)
    out.push(`the start: ${moved.slice(0, 3).join(', ')}${moved.length > 3 ? ` and ${moved.length - 3} more` : ''}`);
  if (JSON.stringify(a.start.events) !== JSON.stringify(b.start.events)) out.push('the scripted events');
  if (!out.length && canonical(a, a.start) !== canonical(b, b.start)) out.push('the start');
  return out;
}
