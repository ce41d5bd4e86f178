// Scenario links: a Scenario (plus instructor options) as URL query parameters, and back.
//
// Readable form (what a person can write by hand for a workshop):
//   ?v=1&preset=workshop-outage&seed=3&telemetry.buffer.whenFull=drop_newest&hide=seed&present=1
// The preset name, the seed, and only the parameters that differ from that preset, as path=value.
// Scripted events, when they differ from the preset's: `events=kind@atMinute:field:field,...`
// with the fields in EVENT_KINDS order, e.g. `events=messagingOutage@10:120` (`events=` = none).
//
// Compact form, for a scenario the readable form cannot say (a title, a base that is no preset):
// `s=` carries base64url(UTF-8 JSON) of the scenario's differences from the table defaults
// (preset and title included; events may be inside too). Readable pairs after it still apply.
//
// A link is untrusted input. decodeLink never throws: every value goes through parseScenario
// (clamped, defaulted, reported), unknown or bad parameters become issues saying what was ignored
// and what was kept, and the rest loads. Inputs over MAX_LINK_CHARS are refused whole. Issue
// messages and option values may contain text copied from the link: the UI MUST render them as
// text (Svelte `{text}`), never as HTML (`{@html}`), and must never use a link value as a URL,
// a selector or a property name without checking it against its own list.
//
// Challenges (v2, challenge.ts): `goal=`, `worlds=`, `allow=`, `budget=`, `answer.<path>=` and
// `by=` after the scenario part, which is then the challenge's start; the scenario opened is the
// start with the answers applied, and every parameter outside `allow` (and the events) is locked.
//
// Versions: `v` is the link format version. Every link Cascade writes says it; a link without one
// was written by hand and is read as the current version, so `?preset=clevercloud-2024-08-02` opens
// the preset as it is now, not as it was before its revisions (it did until session 15).
// decodeLink migrates older parameter lists step by step (MIGRATIONS) up to LINK_VERSION, then
// reads them; fixtures of old links live in tests/unit/fixtures/links-v*.json and must keep opening.
// A link says the oldest version that reads it whole: v=1, or v=2 when it carries a challenge, and
// at least its preset's last revision (presetLinkVersion: 3 for 2017 and 2022, 4 for 2024), so an
// older build (a cached offline copy) opens a plain link without a "newer version" warning.

import { PARAMS, PARAM_BY_PATH, type Param } from './params/index.ts';
import { defaultScenario, getPath, parseScenario, setPath, type ValidScenario } from './validate.ts';
import { DEFAULT_PRESET, loadPreset, presetLinkVersion, presetNames, presetPinned } from './presets.ts';
import { MAX_LINK_CHARS, needsConfirmation } from './limits.ts';
import { formatEvents, formatValue, fromBase64Url, parseEvents, show, toBase64Url, typedValue } from './link-text.ts';
import { OPTION_KEYS, emptyOptions, readOptions, type DecodeContext, type LinkOptions } from './link-options.ts';
import {
  ANSWER_PREFIX,
  CHALLENGE_KEYS,
  applyAnswers,
  challengeLocks,
  challengePairs,
  readChallenge,
  type Challenge,
} from './challenge.ts';
import { type Scenario, type ScenarioIssue } from './types.ts';
import { unknownPathMessage } from './retired.ts';

export { MAX_LESSON_STEP, type LinkOptions, type DecodeContext } from './link-options.ts';

/** The newest link format this build reads and writes (2: challenges; 3 and 4: presets revised, see MIGRATIONS). */
export const LINK_VERSION = 4 as const;
/** The version a link without a challenge says: format 1 reads it whole. */
const PLAIN_VERSION = 1;
/** At most this many parameters are read from one link; the rest are ignored. */
export const MAX_LINK_PARAMS = 256;
/** The base a readable link names when the scenario started from no preset: the table defaults. */
export const CUSTOM_PRESET = 'custom';

export interface DecodedLink {
  /** always a complete, valid scenario (the default preset when nothing usable was given) */
  scenario: ValidScenario;
  /** what was ignored, clamped or defaulted, and what was kept (render as text) */
  issues: ScenarioIssue[];
  options: LinkOptions;
  /** the link format version the link said it was (the current one when it did not say) */
  version: number;
  /** false when the input carried no scenario at all (no preset, no s, no parameter) */
  hasScenario: boolean;
}

export type EncodeOptions = Partial<Pick<LinkOptions, 'hide' | 'lock' | 'tab' | 'lesson' | 'present' | 'step'>> & {
  embed?: boolean;
  /** `board=1`: the link opens the class board */
  board?: boolean;
  /**
   * a challenge: the link's scenario part is `start`, the scenario given is the answer (only
   * its allowed parameters are written, as `answer.<path>`); `lock` is not written (the
   * challenge locks everything it does not allow)
   */
  challenge?: (Challenge & { start: Scenario; by?: string | null }) | null;
};

export interface EncodedLink {
  /** query string without the leading '?', e.g. "v=1&preset=workshop-outage&seed=3" */
  query: string;
  /** which form the scenario took */
  form: 'readable' | 'compact';
  /** false when the query is longer than MAX_LINK_CHARS: decodeLink would refuse it */
  fits: boolean;
}

// ---------------------------------------------------------------------------------------------
// encoding

/** The full scenario a readable link starts from, or undefined for an unknown base name. */
function baseScenario(name: string): Scenario | undefined {
  if (name === CUSTOM_PRESET) return defaultScenario();
  return loadPreset(name);
}

/** encodeURIComponent, but keeps the characters a person reads easily and URLs allow in a query. */
function enc(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%40/gi, '@');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Parameters of `s` whose value differs from `base`, in table order (seed excluded). */
function diffParams(s: Scenario, base: Scenario): Param[] {
  return PARAMS.filter((p) => p.path !== 'seed' && !Object.is(getPath(s, p.path), getPath(base, p.path)));
}

/** The scenario as a link. Never throws; check `fits` before offering it. */
export function encodeLink(answer: Scenario, options: EncodeOptions = {}): EncodedLink {
  const challenge = options.challenge ?? null;
  const scenario = challenge ? challenge.start : answer;
  const base = baseScenario(scenario.preset);
  const readable = base !== undefined && scenario.title === base.title;
  // the oldest version that reads it whole: a challenge needs 2, a revised preset the version of its revision
  const version = Math.max(challenge ? 2 : PLAIN_VERSION, readable ? presetLinkVersion(scenario.preset) : 1);
  const pairs: [string, string][] = [['v', String(version)]];
  if (readable) {
    pairs.push(['preset', scenario.preset], ['seed', formatValue(scenario.seed)]);
    for (const p of diffParams(scenario, base)) pairs.push([p.path, formatValue(getPath(scenario, p.path))]);
    if (!sameJson(scenario.events, base.events)) pairs.push(['events', formatEvents(scenario.events)]);
  } else {
    pairs.push(['s', toBase64Url(JSON.stringify(compactPayload(scenario)))], ['seed', formatValue(scenario.seed)]);
    if (scenario.events.length) pairs.push(['events', formatEvents(scenario.events)]);
  }
  if (options.hide?.length) pairs.push(['hide', options.hide.join(',')]);
  const lock = challenge ? [] : (options.lock ?? []).filter((p) => PARAM_BY_PATH.has(p));
  if (lock.length) pairs.push(['lock', lock.join(',')]);
  if (options.tab) pairs.push(['tab', options.tab]);
  if (options.lesson) pairs.push(['lesson', options.lesson]);
  if (options.lesson && options.step && options.step > 1) pairs.push(['step', String(options.step)]);
  if (options.present) pairs.push(['present', '1']);
  if (options.embed) pairs.push(['embed', '1']);
  if (options.board) pairs.push(['board', '1']);
  if (challenge) pairs.push(...challengePairs(challenge, challenge.start, answer));
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return { query, form: readable ? 'readable' : 'compact', fits: query.length <= MAX_LINK_CHARS };
}

/** The scenario's differences from the table defaults, as a partial scenario for parseScenario. */
function compactPayload(s: Scenario): Record<string, unknown> {
  const defaults = defaultScenario();
  const out: Record<string, unknown> = { preset: s.preset, title: s.title };
  for (const p of diffParams(s, defaults)) setPath(out, p.path, getPath(s, p.path));
  return out;
}

// ---------------------------------------------------------------------------------------------
// decoding

/** The raw parameters of a link, in order: what migrations rewrite. */
export type LinkParams = [key: string, value: string][];

/**
 * MIGRATIONS[n] rewrites the parameters of a version-n link into version n+1. When the format
 * changes, bump LINK_VERSION, add the step here, and add tests/unit/fixtures/links-v<n>.json.
 */
const MIGRATIONS: Record<number, (params: LinkParams, issues: ScenarioIssue[]) => LinkParams> = {
  // v2 added challenges: new keys only (a v1 reader reported them as unknown and ignored them, and
  // no v1 link written by Cascade has one), so a v1 parameter list is already a v2 one
  1: (params) => params,
  // v3: presets revised (issue 24: the operators' actions scripted, the 2024 replay to 20:00). A readable
  // link is relative to its preset, so an older link that names a revised preset gets the preset's old
  // values written out for every path it leaves to the preset (presets.ts `revisions`)
  2: (params) => pinRevised(params, 2),
  // v4: the 2024 preset revised (issue 24: the orchestrator's fallback bus running at 12:31, not 11:50)
  3: (params) => pinRevised(params, 3),
};

/** A readable link of `version` naming a revised preset, with the values the preset had then written out for what it leaves to the preset. */
function pinRevised(params: LinkParams, version: number): LinkParams {
  let preset: string | undefined;
  for (const [k, v] of params) if (k === 'preset') preset = v;
  if (preset === undefined || params.some(([k]) => k === 's')) return params;
  const given = new Set(params.map(([k]) => k));
  const pinned = Object.entries(presetPinned(preset, version)).filter(([path]) => !given.has(path));
  return [
    ...params,
    ...pinned.map(([path, v]): [string, string] => [
      path,
      path === 'events' ? formatEvents(v as Scenario['events']) : formatValue(v),
    ]),
  ];
}

/** What runs when the link gives nothing usable. */
function fallback(issues: ScenarioIssue[], version = LINK_VERSION): DecodedLink {
  const scenario = loadPreset(DEFAULT_PRESET)!;
  return { scenario, issues, options: emptyOptions(), version, hasScenario: false };
}

/** The parameters' text of `?a=b&c=d`, `#a=b`, `a=b` or a whole URL (query and fragment, the fragment last). */
function linkBody(input: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(input)) {
    const q = input.indexOf('?');
    const h = input.indexOf('#');
    const query = q >= 0 && (h < 0 || q < h) ? input.slice(q + 1, h >= 0 ? h : undefined) : '';
    const hash = h >= 0 ? input.slice(h + 1) : '';
    return [query, hash].filter(Boolean).join('&');
  }
  return input.startsWith('?') || input.startsWith('#') ? input.slice(1) : input;
}

/** Splits a link's body into raw pairs. Never throws. */
function splitParams(text: string): LinkParams {
  const out: LinkParams = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq >= 0 ? part.slice(0, eq) : part;
    const rawValue = eq >= 0 ? part.slice(eq + 1) : '';
    out.push([decodePart(rawKey), decodePart(rawValue)]);
  }
  return out;
}

function decodePart(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/**
 * Reads a link: `location.search`, `location.hash`, a bare query or a whole URL.
 * Never throws. The scenario is always complete and valid; issues say what was not used.
 */
export function decodeLink(search: string, context: DecodeContext = {}): DecodedLink {
  const issues: ScenarioIssue[] = [];
  if (typeof search !== 'string')
    return fallback([
      { path: 'link', message: 'the link is not text; opened the default scenario', action: 'ignored' },
    ]);
  // the limit counts the query as encodeLink writes it: without the leading "?" (or the page's address)
  const body = linkBody(search);
  const length = body.length;
  if (length > MAX_LINK_CHARS) {
    return fallback([
      {
        path: 'link',
        message: `the link is ${length} characters long, more than ${MAX_LINK_CHARS}; ignored it whole and opened the default scenario`,
        action: 'ignored',
      },
    ]);
  }
  let params = splitParams(body);
  if (params.length > MAX_LINK_PARAMS) {
    issues.push({
      path: 'link',
      message: `the link has ${params.length} parameters, more than ${MAX_LINK_PARAMS}; read the first ${MAX_LINK_PARAMS}`,
      action: 'ignored',
    });
    params = params.slice(0, MAX_LINK_PARAMS);
  }

  // version dispatch: migrate step by step to the current version, then read (no `v`: written by
  // hand, meaning the presets as they are now)
  let version: number = LINK_VERSION;
  const vEntries = params.filter(([k]) => k === 'v');
  if (vEntries.length) {
    const text = vEntries[vEntries.length - 1][1];
    const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      issues.push({
        path: 'v',
        message: `unknown link version ${show(text)}; read it as version ${LINK_VERSION}`,
        action: 'defaulted',
      });
      version = LINK_VERSION;
    } else if (n > LINK_VERSION) {
      issues.push({
        path: 'v',
        message: `the link was made by a newer version of Cascade (v=${n}); read it as version ${LINK_VERSION}, some settings may be lost`,
        action: 'defaulted',
      });
      version = LINK_VERSION;
    } else {
      version = n;
    }
  }
  params = params.filter(([k]) => k !== 'v');
  for (let n = version; n < LINK_VERSION; n++) params = MIGRATIONS[n](params, issues);
  const result = readV2(params, issues, context);
  return { ...result, version };
}

/** Reads a parameter list migrated to LINK_VERSION (its layout has been that of version 2 since v2: later versions only pin revised presets). */
function readV2(params: LinkParams, issues: ScenarioIssue[], context: DecodeContext): Omit<DecodedLink, 'version'> {
  // last one wins for a repeated key; say so
  const last = new Map<string, string>();
  for (const [k, v] of params) {
    if (last.has(k))
      issues.push({ path: k.slice(0, 64), message: `given more than once; kept the last value`, action: 'ignored' });
    last.set(k, v);
  }

  let hasScenario = false;
  let input: Record<string, unknown>;
  const s = last.get('s');
  const presetName = last.get('preset');
  if (s !== undefined) {
    hasScenario = true;
    const json = fromBase64Url(s);
    let payload: unknown;
    if (json !== undefined) {
      try {
        payload = JSON.parse(json);
      } catch {
        payload = undefined;
      }
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      issues.push({
        path: 's',
        message: `the encoded scenario is damaged and cannot be read; ignored it, started from the ${DEFAULT_PRESET} preset`,
        action: 'ignored',
      });
      input = JSON.parse(JSON.stringify(loadPreset(DEFAULT_PRESET)!));
    } else {
      input = payload as Record<string, unknown>;
    }
    if (presetName !== undefined)
      issues.push({
        path: 'preset',
        message: `the encoded scenario (s) names its own base; ignored preset=${show(presetName)}`,
        action: 'ignored',
      });
  } else {
    let base: Scenario | undefined;
    if (presetName !== undefined) {
      hasScenario = true;
      base = baseScenario(presetName);
      if (!base)
        issues.push({
          path: 'preset',
          message: `unknown preset ${show(presetName)} (known: ${presetNames().join(', ')}, ${CUSTOM_PRESET}); started from ${DEFAULT_PRESET}`,
          action: 'defaulted',
        });
    }
    input = JSON.parse(JSON.stringify(base ?? loadPreset(DEFAULT_PRESET)!));
  }

  // readable parameters apply on top of the base, as typed JSON values: parseScenario judges them
  const unknown: string[] = [];
  let eventPositions: number[] | null = null;
  for (const [key, text] of last) {
    if (key === 'events') {
      hasScenario = true;
      const parsed = parseEvents(text, issues);
      input.events = parsed.events;
      eventPositions = parsed.positions;
      continue;
    }
    if (key === 's' || key === 'preset' || (OPTION_KEYS as readonly string[]).includes(key)) continue;
    if ((CHALLENGE_KEYS as readonly string[]).includes(key) || key.startsWith(ANSWER_PREFIX)) continue;
    const p = PARAM_BY_PATH.get(key);
    if (!p) {
      unknown.push(key);
      continue;
    }
    hasScenario = true;
    setPath(input, p.path, typedValue(p, text));
  }
  for (const key of unknown) {
    const message = unknownPathMessage(key, `unknown link parameter ${show(key)}; ignored`);
    issues.push({ path: key.slice(0, 64), message, action: 'ignored' });
  }
  const parsed = parseScenario(input);
  for (const i of parsed.issues) {
    // events read from the link: name the entry's place in the link, not in the kept list
    const m = eventPositions && /^events\[(\d+)\](.*)$/.exec(i.path);
    if (m && eventPositions) issues.push({ ...i, path: `events[${eventPositions[Number(m[1])] ?? m[1]}]${m[2]}` });
    else issues.push(i.path ? i : { ...i, path: 'link' });
  }
  let scenario = parsed.scenario;

  const options = readOptions(last, issues, context);
  const challenge = readChallenge(last, issues);
  if (challenge) {
    // the scenario part is the challenge's start; the page opens the student's answer
    const start = scenario;
    scenario = applyAnswers(start, last, challenge.allow, issues);
    options.challenge = { ...challenge, start };
    options.lock = challengeLocks(challenge.allow, options.hide);
    // a challenge is a scenario to open (the default preset when the link names none)
    hasScenario = true;
  }
  options.needsConfirmation = needsConfirmation(scenario);
  return { scenario, issues, options, hasScenario };
}

/**
 * The full share URL: `pageHref` (e.g. location.href) without its query and fragment, plus the
 * link. Never throws; `fits` false means the link is too long to open (offer a JSON export).
 */
export function shareUrl(
  pageHref: string,
  scenario: Scenario,
  options: EncodeOptions = {},
): EncodedLink & { url: string } {
  const link = encodeLink(scenario, options);
  const cut = pageHref.search(/[?#]/);
  const base = cut >= 0 ? pageHref.slice(0, cut) : pageHref;
  return { ...link, url: `${base}?${link.query}` };
}
