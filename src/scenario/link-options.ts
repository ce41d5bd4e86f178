// The instructor options of a share link (link.ts): hide=, lock=, tab=, lesson=, step=, present=,
// embed=, board=. Each value is checked against its own list; anything else becomes an issue
// saying what was ignored and what was kept. Values may be text from the link: render as text.

import { PARAM_BY_PATH } from './params/index.ts';
import { show } from './link-text.ts';
import type { ScenarioIssue } from './types.ts';
import type { LinkChallenge } from './challenge.ts';

export const OPTION_KEYS = ['hide', 'lock', 'tab', 'lesson', 'present', 'step', 'embed', 'board'] as const;
/** `step=` is a 1-based lesson step; lessons are short, so this bounds it generously. */
export const MAX_LESSON_STEP = 50;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Instructor options carried by a link. Every value has been checked; unknown ones were dropped. */
export interface LinkOptions {
  /** parameter paths (from PARAMS) the controls should not show */
  hide: string[];
  /**
   * parameter paths (from PARAMS) the controls should show read-only; a challenge locks every
   * parameter it does not allow, and the scripted events (the path "events")
   */
  lock: string[];
  /** tab to open on: a name of at most 64 [A-Za-z0-9_-], checked against `tabs` when given */
  tab: string | null;
  /** lesson to open: same rules, checked against `lessons` when given */
  lesson: string | null;
  /** presentation mode (larger type) */
  present: boolean;
  // Options added after the first fixtures: absent unless the link sets them, so options read
  // from an older link compare equal to what that link gave when it was written.
  /** the guided lesson's step to open on (1-based; set only with a `lesson`) */
  step?: number;
  /** embedded in an iframe: verdict, charts and Run/Share only (set only when on) */
  embed?: true;
  /** the class board (`board=1`): set only when on */
  board?: true;
  /** a challenge (link format v2): its goal, the controls it allows, its start and the answer's author */
  challenge?: LinkChallenge;
  /** set when the fleet is larger than the page simulates quickly: ask before running */
  needsConfirmation: { totalVms: number; vmSteps: number } | null;
}

export interface DecodeContext {
  /** tab names the UI knows; when given, other `tab` values are reported and dropped */
  tabs?: readonly string[];
  /** lesson names the UI knows; when given, other `lesson` values are reported and dropped */
  lessons?: readonly string[];
}

export function emptyOptions(): LinkOptions {
  return { hide: [], lock: [], tab: null, lesson: null, present: false, needsConfirmation: null };
}

/** A comma-separated list of PARAMS paths; unknown ones are reported, duplicates dropped. */
export function readPathList(key: string, text: string | undefined, issues: ScenarioIssue[]): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(',')) {
    const path = raw.trim();
    if (!path) continue;
    if (PARAM_BY_PATH.has(path)) {
      if (!out.includes(path)) out.push(path);
    } else bad.push(path);
  }
  if (bad.length) {
    issues.push({
      path: key,
      message: `unknown parameter${bad.length > 1 ? 's' : ''} ${bad
        .slice(0, 5)
        .map((b) => show(b))
        .join(
          ', ',
        )}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}; ignored${out.length ? `, kept ${out.join(', ')}` : ''}`,
      action: 'ignored',
    });
  }
  return out;
}

function readName(
  key: 'tab' | 'lesson',
  text: string | undefined,
  known: readonly string[] | undefined,
  issues: ScenarioIssue[],
): string | null {
  if (text === undefined || text === '') return null;
  if (!NAME_PATTERN.test(text) || (known && !known.includes(text))) {
    issues.push({
      path: key,
      message: `unknown ${key} ${show(text)}${known ? ` (known: ${known.join(', ')})` : ''}; ignored`,
      action: 'ignored',
    });
    return null;
  }
  return text;
}

/** `1`, `true` or empty turn a flag on; `0` or `false` leave it off; anything else is reported. */
function readFlag(key: string, text: string | undefined, off: string, issues: ScenarioIssue[]): boolean {
  if (text === undefined) return false;
  if (text === '1' || text === 'true' || text === '') return true;
  if (text !== '0' && text !== 'false')
    issues.push({ path: key, message: `must be 1 or 0 (got ${show(text)}); ${off}`, action: 'defaulted' });
  return false;
}

export function readOptions(last: Map<string, string>, issues: ScenarioIssue[], context: DecodeContext): LinkOptions {
  const options = emptyOptions();
  options.hide = readPathList('hide', last.get('hide'), issues);
  options.lock = readPathList('lock', last.get('lock'), issues);
  options.tab = readName('tab', last.get('tab'), context.tabs, issues);
  options.lesson = readName('lesson', last.get('lesson'), context.lessons, issues);
  options.present = readFlag('present', last.get('present'), 'presentation mode off', issues);
  if (readFlag('embed', last.get('embed'), 'opened the full playground', issues)) options.embed = true;
  if (readFlag('board', last.get('board'), 'opened the playground, not the class board', issues)) options.board = true;
  const step = last.get('step');
  if (step !== undefined && step !== '') {
    const n = /^\d{1,3}$/.test(step) ? Number(step) : NaN;
    if (!(n >= 1 && n <= MAX_LESSON_STEP))
      issues.push({
        path: 'step',
        message: `must be a lesson step from 1 to ${MAX_LESSON_STEP} (got ${show(step)}); opened the first step`,
        action: 'defaulted',
      });
    else if (!options.lesson)
      issues.push({ path: 'step', message: `step=${n} needs a lesson=; ignored`, action: 'ignored' });
    else options.step = n;
  }
  return options;
}
