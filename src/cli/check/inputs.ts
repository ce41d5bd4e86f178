// The check's inputs beyond the scenario: the `KIND:FILE` specs named right, small text files read
// with a limit, and the playground link of the same comparison (--site).

import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { assumptionRanges, changedPaths, planPaired, type EnsemblePlan } from '../../core/index.ts';
import {
  CONFIG_KINDS,
  MAX_COMPARE_CHARS,
  MAX_COMPARE_WORLDS,
  MAX_CONFIG_CHARS,
  applyConfigs,
  encodeCompare,
  proposedImports,
  shareUrl,
  type CompareFile,
  type ConfigKind,
  type Scenario,
} from '../../scenario/index.ts';
import { scenarioFromArgs, type CliScenario } from '../args.ts';
import { sideFile, type SideFile } from './keys.ts';
import type { CheckOptions } from './main.ts';
import type { CheckError } from './types.ts';

/** `kind:FILE` with a kind that is none of CONFIG_KINDS (and no file of that whole name): an error. */
export function checkSpecs(specs: readonly string[], flag: string): CheckError[] {
  const out: CheckError[] = [];
  for (const spec of specs) {
    const m = /^([A-Za-z]{2,}):(.+)$/.exec(spec);
    if (m && !(CONFIG_KINDS as readonly string[]).includes(m[1]) && !existsSync(spec))
      out.push({
        message: `${flag} ${spec}: unknown kind ${JSON.stringify(m[1])} (known: ${CONFIG_KINDS.join(', ')})`,
      });
  }
  return out;
}

/** A `[KIND:]FILE` spec split as readConfigFiles splits it. */
export function splitSpec(spec: string): { kind?: ConfigKind; file: string } {
  const m = /^([a-z]+):(.+)$/.exec(spec);
  return m && (CONFIG_KINDS as readonly string[]).includes(m[1])
    ? { kind: m[1] as ConfigKind, file: m[2] }
    : { file: spec };
}

export interface Sides {
  current: SideFile[];
  proposed: SideFile[];
}

/** Both sides' files read once (the scenario loaded them already: an error here is a file that changed since). */
export function readSides(o: CheckOptions): Sides | CheckError[] {
  const errors: CheckError[] = [];
  const read = (specs: readonly string[]) =>
    specs.flatMap((spec) => {
      const { kind, file } = splitSpec(spec);
      const text = readText(file, MAX_CONFIG_CHARS);
      if (typeof text === 'string') return [sideFile(file, text, kind)];
      errors.push({ message: text.error, file });
      return [];
    });
  const sides = { current: read(o.config), proposed: read(o.proposed) };
  return errors.length ? errors : sides;
}

/** A UTF-8 text file of at most `max` bytes; never throws. */
export function readText(file: string, max: number): string | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { error: `cannot read ${file}` };
  }
  try {
    if (fstatSync(fd).isDirectory()) return { error: `${file} is a directory` };
    const buf = Buffer.alloc(max + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > max) return { error: `${file} is larger than ${max} bytes` };
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n)).replace(/^\uFEFF/, '');
  } catch {
    return { error: `${file} is not readable UTF-8 text` };
  } finally {
    closeSync(fd);
  }
}

const same = (x: Scenario, y: Scenario) =>
  x.seed === y.seed && changedPaths(x, y).length === 0 && JSON.stringify(x.events) === JSON.stringify(y.events);

/**
 * The playground link of this comparison: the scenario without the configs as a share link, and
 * both sides' files in the fragment. The playground applies the files on top of the link's
 * scenario and draws every typical constant the files do not set, so the link is given only when
 * that makes the same two scenarios and the same worlds as this check; otherwise a note says why.
 */
export async function compareLink(
  o: CheckOptions,
  read: CliScenario,
  sides: Sides,
  plan: EnsemblePlan,
): Promise<{ url: string } | { note: string }> {
  if (o.worlds > MAX_COMPARE_WORLDS)
    return { note: `the playground compares at most ${MAX_COMPARE_WORLDS} worlds (this check ran ${o.worlds})` };
  const base = scenarioFromArgs(o.scenario, o.set, o.seed);
  if (!base.scenario) return { note: 'the scenario without the configs does not load' };
  const cur = sides.current.map((f) => f.imp),
    prop = sides.proposed.map((f) => f.imp);
  const raw = JSON.parse(JSON.stringify(base.scenario)) as Record<string, unknown>;
  const a = applyConfigs(raw, cur).scenario,
    b = applyConfigs(raw, proposedImports(cur, prop)).scenario;
  if (!same(a, read.scenario!) || !same(b, read.proposed!.scenario))
    return {
      note: 'the playground applies config files after --set, and here a --set and a config file set the same parameter',
    };
  const fixed = [
    ...new Set([...cur, ...prop].flatMap((i) => i.rows.flatMap((r) => (r.status === 'set' && r.path ? [r.path] : [])))),
  ];
  const theirs = planPaired(
    a,
    b,
    { members: o.worlds, varyAssumptions: o.worldsFrom !== 'seeds', worlds: o.worldsFrom, fixed },
    assumptionRanges(),
  );
  if (JSON.stringify(theirs.plan) !== JSON.stringify(plan))
    return {
      note: 'the playground would draw a value given with --set as a typical constant, so its worlds would differ',
    };
  const files = (list: readonly SideFile[]): CompareFile[] =>
    list.map((f) => ({ name: f.file, ...(f.kind ? { kind: f.kind } : {}), text: f.text }));
  const current = files(sides.current),
    proposed = files(sides.proposed);
  const fragment = await encodeCompare({ current, proposed, worlds: o.worlds, from: o.worldsFrom });
  if (fragment.length > MAX_COMPARE_CHARS)
    return {
      note: `the configs take ${fragment.length.toLocaleString('en-US')} characters in a link, more than ${MAX_COMPARE_CHARS.toLocaleString('en-US')}: paste them in the playground's config panel`,
    };
  const share = shareUrl(o.site!, base.scenario);
  if (!share.fits) return { note: 'the scenario is too large for a link' };
  return { url: `${share.url}#${fragment}` };
}
