// A config comparison in a link: the "current" and "proposed" files (name, kind, text as given)
// and the worlds to run, so `check --site URL` can open the same comparison in the playground.
// It lives in the URL's fragment, `#compare=1.<base64url of deflate-raw JSON>`, beside the share
// link's scenario (`?v=1&preset=...`), which stays as it was: the page reads the query (and any
// other fragment parameters, ui/link/address.ts) as its scenario, never `compare=`, and the
// fragment never reaches a server (configs can be private). The leading `1.` is
// this format's version: a later one adds its reader here, old links keep opening.
//
// Untrusted input: decodeCompare never throws; a fragment over MAX_COMPARE_CHARS or inflating to
// more than MAX_COMPARE_JSON characters is refused whole, every field is checked (at most
// MAX_COMPARE_FILES a side, each text within MAX_CONFIG_CHARS), and every problem is an issue
// saying what was ignored. The texts are then read by importConfig like a paste.

import { CONFIG_KINDS, MAX_CONFIG_CHARS, type ConfigKind } from './configs/types.ts';
import type { ScenarioIssue } from './types.ts';

export const COMPARE_LINK_VERSION = 1;
/** the fragment's key: `#compare=...` */
export const COMPARE_KEY = 'compare';
/** the longest fragment read (a PR comment holds 65,536 characters; browsers take far more) */
export const MAX_COMPARE_CHARS = 32_768;
/** the most JSON a fragment may inflate to (two sides of real configs are far less) */
export const MAX_COMPARE_JSON = 2 * MAX_CONFIG_CHARS;
export const MAX_COMPARE_FILES = 16;
/** the most worlds a link asks for (the playground's own choices go to 32) */
export const MAX_COMPARE_WORLDS = 64;

/**
 * Where the worlds of a comparison or an ensemble come from: `seeds` (the scenario as it is, seed
 * after seed), `prior` (also every typical constant drawn from its plausible range) or
 * `calibrated` (the prior's worlds consistent with what the preset's incident reported, issue 25;
 * a scenario whose preset replays no incident gets the prior, and says so).
 * DEFAULT_WORLD_SOURCE is the one place that names the default.
 */
export const WORLD_SOURCES = ['seeds', 'prior', 'calibrated'] as const;
export type WorldSource = (typeof WORLD_SOURCES)[number];
export const DEFAULT_WORLD_SOURCE: WorldSource = 'calibrated';

export interface CompareFile {
  name?: string;
  kind?: ConfigKind;
  text: string;
}

export interface CompareLink {
  current: CompareFile[];
  proposed: CompareFile[];
  worlds: number;
  from: WorldSource;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Runs bytes through a (de)compression stream, stopping past `limit` output bytes (null then). */
async function through(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array<ArrayBuffer>,
  limit: number,
): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  // the writes settle as the reader drains; their rejections are the reader's too
  writer.write(input).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fragment's `compare=1.…` pair (without `#`). */
export async function encodeCompare(c: CompareLink): Promise<string> {
  // a copy: a Uint8Array over an ArrayBuffer of its own, what every stream takes
  const json = new Uint8Array(new TextEncoder().encode(JSON.stringify(c)));
  const packed = await through(new CompressionStream('deflate-raw'), json, Infinity);
  return `${COMPARE_KEY}=${COMPARE_LINK_VERSION}.${toBase64Url(packed!)}`;
}

const issue = (message: string): ScenarioIssue => ({ path: COMPARE_KEY, message, action: 'ignored' });
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function files(v: unknown, side: string, issues: ScenarioIssue[]): CompareFile[] {
  if (!Array.isArray(v)) {
    issues.push(issue(`the ${side} side is not a list of files; left it empty`));
    return [];
  }
  if (v.length > MAX_COMPARE_FILES)
    issues.push(issue(`the ${side} side has ${v.length} files, more than ${MAX_COMPARE_FILES}; read the first ones`));
  const out: CompareFile[] = [];
  v.slice(0, MAX_COMPARE_FILES).forEach((f, i) => {
    if (!isObj(f) || typeof f.text !== 'string') {
      issues.push(issue(`file ${i + 1} of the ${side} side has no text; skipped it`));
      return;
    }
    if (f.text.length > MAX_CONFIG_CHARS) {
      issues.push(issue(`file ${i + 1} of the ${side} side is over ${MAX_CONFIG_CHARS} characters; skipped it`));
      return;
    }
    const kind = (CONFIG_KINDS as readonly unknown[]).includes(f.kind) ? (f.kind as ConfigKind) : undefined;
    if (f.kind !== undefined && !kind)
      issues.push(issue(`file ${i + 1} of the ${side} side names an unknown kind; its kind is detected instead`));
    out.push({
      ...(typeof f.name === 'string' && f.name ? { name: f.name.slice(0, 200) } : {}),
      ...(kind ? { kind } : {}),
      text: f.text,
    });
  });
  return out;
}

/**
 * Reads the comparison in a fragment (`location.hash`, with or without `#`; other `key=value`
 * pairs beside it are left alone). `link` is null when there is none or it cannot be read at all.
 */
export async function decodeCompare(hash: string): Promise<{ link: CompareLink | null; issues: ScenarioIssue[] }> {
  const issues: ScenarioIssue[] = [];
  const none = (message?: string) => ({ link: null, issues: message ? [issue(message)] : [] });
  if (typeof hash !== 'string') return none();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length > MAX_COMPARE_CHARS + COMPARE_KEY.length + 1)
    return none(`the comparison in the link is over ${MAX_COMPARE_CHARS} characters; ignored it`);
  const pair = body.split('&').find((p) => p.startsWith(`${COMPARE_KEY}=`));
  if (pair === undefined) return none();
  const value = pair.slice(COMPARE_KEY.length + 1);
  const dot = value.indexOf('.');
  const version = value.slice(0, Math.max(0, dot));
  if (version !== String(COMPARE_LINK_VERSION))
    return none(
      /^\d{1,4}$/.test(version)
        ? `the comparison was made by a newer Cascade (format ${version}); ignored it`
        : 'the comparison in the link is damaged; ignored it',
    );
  const packed = fromBase64Url(value.slice(dot + 1));
  let json: Uint8Array | null;
  try {
    json = packed ? await through(new DecompressionStream('deflate-raw'), packed, MAX_COMPARE_JSON) : null;
  } catch {
    json = null;
  }
  let payload: unknown;
  try {
    payload = json && JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    payload = undefined;
  }
  if (!isObj(payload)) return none('the comparison in the link is damaged or too large; ignored it');
  const current = files(payload.current, 'current', issues);
  const proposed = files(payload.proposed, 'proposed', issues);
  let worlds = 8;
  if (
    Number.isInteger(payload.worlds) &&
    (payload.worlds as number) >= 1 &&
    (payload.worlds as number) <= MAX_COMPARE_WORLDS
  )
    worlds = payload.worlds as number;
  else if (payload.worlds !== undefined)
    issues.push(issue(`worlds must be a whole number from 1 to ${MAX_COMPARE_WORLDS}; used ${worlds}`));
  let from: WorldSource = DEFAULT_WORLD_SOURCE;
  if ((WORLD_SOURCES as readonly unknown[]).includes(payload.from)) from = payload.from as WorldSource;
  else if (payload.from !== undefined)
    issues.push(issue(`unknown world source ${JSON.stringify(String(payload.from)).slice(0, 40)}; used ${from}`));
  return { link: { current, proposed, worlds, from }, issues };
}
