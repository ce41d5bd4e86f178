// The class board's pure parts: the links in pasted or dropped text, each link judged against
// the board's challenge (never trusting what it claims: the board runs it), identical solutions
// grouped, and the board as CSV.

import {
  MAX_LINK_CHARS,
  PARAM_BY_PATH,
  answerPaths,
  challengeDifferences,
  challengeKey,
  getPath,
  loadPreset,
  PARAMS,
  type LinkChallenge,
  type Scenario,
  type ValidScenario,
} from '../../scenario/index.ts';
import { readLink } from '../link/sections.ts';
import { quantity } from '../format.ts';

/** At most this many links are read from one paste or drop (the board holds MAX_BOARD_ROWS). */
export const MAX_PASTE_LINKS = 500;

/** A link-looking token: a URL, a query (`?a=b`) or bare pairs (`a=b&c=d`). */
const LINKISH = /^(?:[a-z][a-z0-9+.-]*:\/\/|[?#]|[^\s=&]+=)/i;

/**
 * The entries in pasted text, one per link: links are split on white space (several on a line
 * are fine); a line with no link on it is one entry of its own (it becomes an error row saying
 * it is no link). At most MAX_PASTE_LINKS; `extra` counts the rest.
 */
export function splitLinks(text: string): { links: string[]; extra: number } {
  const out: string[] = [];
  for (const line of String(text).split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (!tokens.length) continue;
    const links = tokens.filter((t) => LINKISH.test(t));
    if (links.length) out.push(...links);
    else out.push(line.trim().slice(0, MAX_LINK_CHARS + 1));
  }
  return { links: out.slice(0, MAX_PASTE_LINKS), extra: Math.max(0, out.length - MAX_PASTE_LINKS) };
}

export interface Solution {
  /** the answer's scenario, as the board will run it */
  scenario: ValidScenario;
  /** its challenge (null on a board without one) */
  challenge: LinkChallenge | null;
  /** worlds to run (the challenge's, else 1) */
  worlds: number;
  /** the allowed controls it changed from the challenge's start (or, with no challenge, from its preset) */
  changed: string[];
  /** the answer in words: "When the buffer is full: drop_newest" (or "no change") */
  answer: string;
  /** identical solutions share it: the scenario and the worlds */
  key: string;
  /** set when the fleet needs the huge-fleet question first */
  confirm: { totalVms: number; vmSteps: number } | null;
}

export type Judged = { by: string | null } & ({ ok: true; solution: Solution } | { ok: false; error: string });

const quote = (s: string, max = 60) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

/** The paths a plain link changes from its preset (a board without a challenge). */
function presetChanges(s: Scenario): string[] {
  const base = loadPreset(s.preset);
  if (!base) return [];
  return PARAMS.filter((p) => p.path !== 'seed' && !Object.is(getPath(s, p.path), getPath(base, p.path))).map(
    (p) => p.path,
  );
}

/** The answer in words: each changed control and its value in its unit ("Memory buffer size: 2,000 events"). */
export function answerWords(s: Scenario, changed: readonly string[]): string {
  if (!changed.length) return 'no change';
  return changed
    .map((path) => {
      const p = PARAM_BY_PATH.get(path);
      const v = getPath(s, path);
      return `${p?.label ?? path}: ${typeof v === 'number' && p && 'unit' in p ? quantity(v, p.unit) : String(v)}`;
    })
    .join('; ');
}

/**
 * A link as the board sees it: an error saying why it cannot be checked (not a link, refused,
 * anything in it that had to be ignored or clamped, another challenge), or the solution to run.
 * `board` is the board's challenge: a link for another challenge (its start or its rules differ)
 * is an error, and so is a link with none when the board has one.
 */
export function judgeLink(link: string, board: LinkChallenge | null): Judged {
  const text = String(link).trim();
  if (text.length > MAX_LINK_CHARS + 1024)
    return { by: null, ok: false, error: `the link is ${text.length} characters long, more than ${MAX_LINK_CHARS}` };
  const d = readLink(text);
  const by = d.options.challenge?.by ?? null;
  const refused = d.issues.find((i) => i.path === 'link' && !d.hasScenario);
  if (refused) return { by, ok: false, error: refused.message };
  if (!d.hasScenario)
    return {
      by,
      ok: false,
      error: `not a Cascade link: ${quote(text)} names no scenario (no preset=, s= or parameter)`,
    };
  if (d.issues.length) {
    const first = d.issues.slice(0, 2).map((i) => `${i.path}: ${i.message}`);
    const more = d.issues.length > 2 ? ` and ${d.issues.length - 2} more` : '';
    return { by, ok: false, error: `the link is damaged or edited by hand (${first.join('; ')}${more}); not run` };
  }
  if (d.options.board) return { by, ok: false, error: "the class board's own link, not a student's answer" };
  const c = d.options.challenge ?? null;
  if (board && !c)
    return { by, ok: false, error: 'no challenge in this link (no goal=): ask for the link "Hand in" gives' };
  if (board && c && challengeKey(c, c.start) !== challengeKey(board, board.start))
    return {
      by,
      ok: false,
      error: `a hand-in for another challenge: it differs in ${challengeDifferences(board, c).join(', ')}`,
    };
  const changed = c ? answerPaths(c.start, d.scenario, c.allow) : presetChanges(d.scenario);
  const worlds = c?.worlds ?? 1;
  return {
    by,
    ok: true,
    solution: {
      scenario: d.scenario,
      challenge: c,
      worlds,
      changed,
      answer: answerWords(d.scenario, changed),
      key: `${worlds}:${JSON.stringify(d.scenario)}`,
      confirm: d.options.needsConfirmation,
    },
  };
}

/** Group letters by first appearance: A .. Z, then AA, AB ... */
export function groupName(i: number): string {
  let n = i + 1,
    out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A CSV field: quoted when it needs to be, and never read as a formula by a spreadsheet. */
export function csvField(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
