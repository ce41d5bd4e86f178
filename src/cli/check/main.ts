// `check` (`npm run -s sim -- check`, the package's `cascade check`): current configs against
// proposed ones on a preset or scenario file, over paired worlds, judged by a policy.
// Exit 0: the proposal passes; 1: it fails the policy; 2: bad input, with what and where.

import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { MAX_MEMBERS } from '../../core/index.ts';
import { DEFAULT_WORLD_SOURCE, WORLD_SOURCES, type WorldSource } from '../../scenario/index.ts';
import { scenarioFromArgs } from '../args.ts';
import { checkSpecs, compareLink, readSides, readText } from './inputs.ts';
import { unmodelledChanges } from './keys.ts';
import { markdown } from './markdown.ts';
import { defaultPolicy, needsProposedRun, parsePolicy, type Policy } from './policy.ts';
import { buildReport } from './report.ts';
import { defaultJobs, runPaired } from './run.ts';
import { text } from './text.ts';
import type { CheckError, CheckReport } from './types.ts';

export const FORMATS = ['text', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckIO {
  out(text: string): void;
  err(text: string): void;
}

/** What the entry point knows: the Cascade version, how it is called, how to start a worker. */
export interface CheckHost {
  version: string;
  /** the command that runs check, for "reproduce" (e.g. `cascade check`) */
  command: string;
  /** starts a member worker (member-worker.ts); without it the members run in this thread */
  worker?: () => Worker;
}

export interface CheckOptions {
  scenario?: string;
  config: string[];
  proposed: string[];
  set: string[];
  seed?: string;
  worlds: number;
  worldsFrom: WorldSource;
  policy?: string;
  site?: string;
  jobs?: number;
}

export const USAGE = `usage: check --proposed-config [KIND:]FILE... [--config [KIND:]FILE...] [--scenario NAME|FILE]
             [--set path=value]... [--seed N] [--worlds N] [--worlds-from ${WORLD_SOURCES.join('|')}]
             [--policy FILE] [--format ${FORMATS.join('|')}] [--site URL] [--jobs N]
  Runs the current configs and the proposed ones on the same N worlds (default 8) and judges the
  proposal by the policy (default: it panics no more hosts than current in any world and does not
  raise the chance of a panic). Exit 0: pass, 1: fail, 2: bad input. See docs/CHANGE-GATE.md.
`;

const whole = (text: string, flag: string, lo: number, hi: number): number | CheckError => {
  const v = Number(text);
  return /^\s*\d+\s*$/.test(text) && v >= lo && v <= hi
    ? v
    : { message: `${flag} ${JSON.stringify(text.slice(0, 40))}: expected a whole number from ${lo} to ${hi}` };
};

/** The command line read; errors name the flag. */
export function parseCheckArgs(argv: string[]): {
  options?: CheckOptions;
  format?: Format;
  help?: boolean;
  errors: CheckError[];
} {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        config: { type: 'string', multiple: true, default: [] },
        'proposed-config': { type: 'string', multiple: true, default: [] },
        set: { type: 'string', multiple: true, default: [] },
        seed: { type: 'string' },
        worlds: { type: 'string', default: '8' },
        'worlds-from': { type: 'string', default: DEFAULT_WORLD_SOURCE },
        policy: { type: 'string' },
        format: { type: 'string', default: 'text' },
        site: { type: 'string' },
        jobs: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { errors: [{ message: (e as Error).message }] };
  }
  if (values.help) return { help: true, errors: [] };
  const errors: CheckError[] = [];
  const worlds = whole(values.worlds, '--worlds', 1, MAX_MEMBERS);
  const jobs = values.jobs === undefined ? undefined : whole(values.jobs, '--jobs', 1, 64);
  for (const x of [worlds, jobs]) if (typeof x === 'object') errors.push(x);
  if (!(FORMATS as readonly string[]).includes(values.format))
    errors.push({ message: `--format ${JSON.stringify(values.format)}: expected ${FORMATS.join(', ')}` });
  if (!(WORLD_SOURCES as readonly string[]).includes(values['worlds-from']))
    errors.push({
      message: `--worlds-from ${JSON.stringify(values['worlds-from'])}: expected ${WORLD_SOURCES.join(' or ')}`,
    });
  if (!values['proposed-config'].length)
    errors.push({ message: 'name the proposed configs: --proposed-config FILE (repeatable)' });
  if (values.site !== undefined) {
    let ok: boolean;
    try {
      ok = /^https?:$/.test(new URL(values.site).protocol);
    } catch {
      ok = false;
    }
    if (!ok)
      errors.push({ message: `--site ${JSON.stringify(values.site.slice(0, 80))}: expected an http(s) address` });
  }
  errors.push(...checkSpecs(values.config, '--config'), ...checkSpecs(values['proposed-config'], '--proposed-config'));
  if (errors.length) return { errors };
  return {
    format: values.format as Format,
    options: {
      ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
      config: values.config,
      proposed: values['proposed-config'],
      set: values.set,
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      worlds: worlds as number,
      worldsFrom: values['worlds-from'] as WorldSource,
      ...(values.policy !== undefined ? { policy: values.policy } : {}),
      ...(values.site !== undefined ? { site: values.site } : {}),
      ...(jobs !== undefined ? { jobs: jobs as number } : {}),
    },
    errors: [],
  };
}

/** A shell word, quoted when it needs to be. */
const sh = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export function reproduce(command: string, o: CheckOptions): string {
  const words = [
    ...(o.scenario !== undefined ? ['--scenario', o.scenario] : []),
    ...o.config.flatMap((c) => ['--config', c]),
    ...o.proposed.flatMap((c) => ['--proposed-config', c]),
    ...o.set.flatMap((s) => ['--set', s]),
    ...(o.seed !== undefined ? ['--seed', o.seed] : []),
    '--worlds',
    String(o.worlds),
    '--worlds-from',
    o.worldsFrom,
    ...(o.policy !== undefined ? ['--policy', o.policy] : []),
  ];
  return [command, ...words.map(sh)].join(' ');
}

/** Reads everything, runs both sides and judges: a report, or the errors of bad input. */
export async function runCheck(
  o: CheckOptions,
  host: CheckHost,
): Promise<{ report?: CheckReport; errors: CheckError[] }> {
  let policy: Policy = defaultPolicy();
  if (o.policy !== undefined) {
    const t = readText(o.policy, 65_536);
    if (typeof t !== 'string') return { errors: [{ message: `--policy: ${t.error}`, file: o.policy }] };
    const p = parsePolicy(t, o.policy);
    if (!p.policy) return { errors: p.errors };
    policy = p.policy;
  }
  const read = scenarioFromArgs(o.scenario, o.set, o.seed, o.config, o.proposed);
  if (!read.scenario || !read.proposed) return { errors: read.errors.map((message) => ({ message })) };
  const configs = { current: read.configs ?? [], proposed: read.proposed.configs };
  // a value the model refuses is bad input for a gate: say where, run nothing
  const refused: CheckError[] = [];
  for (const c of [...configs.current, ...configs.proposed.filter((x) => !x.inherited)])
    for (const x of c.invalid) refused.push({ message: `${x.key}: ${x.note}`, file: c.file, line: x.line });
  if (refused.length) return { errors: refused };
  const sides = readSides(o);
  if (Array.isArray(sides)) return { errors: sides };
  const run = await runPaired(read.scenario, read.proposed.scenario, {
    worlds: o.worlds,
    varyAssumptions: o.worldsFrom !== 'seeds',
    worldsFrom: o.worldsFrom,
    fixed: read.fixed ?? [],
    runWhenSame: needsProposedRun(policy),
    jobs: o.jobs ?? defaultJobs(o.worlds),
    ...(host.worker ? { worker: host.worker } : {}),
  });
  const link = o.site ? await compareLink(o, read, sides, run.plan) : null;
  const report = buildReport({
    version: host.version,
    a: read.scenario,
    run,
    worldsFrom: o.worldsFrom,
    policy,
    configs,
    unmodelled: unmodelledChanges(sides.current, sides.proposed),
    reproduce: reproduce(host.command, o),
    link: link && 'url' in link ? link.url : null,
    ...(link && 'note' in link ? { linkNote: link.note } : {}),
  });
  return { report, errors: [] };
}

export function formatError(e: CheckError): string {
  return `${e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : ''}${e.message}`;
}

export function render(report: CheckReport, format: Format): string {
  return format === 'json'
    ? JSON.stringify(report, null, 2) + '\n'
    : format === 'markdown'
      ? markdown(report)
      : text(report);
}

/** The whole command: returns the exit code. */
export async function checkMain(argv: string[], io: CheckIO, host: CheckHost): Promise<number> {
  const args = parseCheckArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (!args.options) {
    for (const e of args.errors) io.err(`check: ${formatError(e)}\n`);
    io.err(`(check --help for the usage)\n`);
    return 2;
  }
  let result;
  try {
    result = await runCheck(args.options, host);
  } catch (e) {
    io.err(`check: ${(e as Error).message}\n`);
    return 2;
  }
  if (!result.report) {
    for (const e of result.errors) io.err(`check: ${formatError(e)}\n`);
    return 2;
  }
  io.out(render(result.report, args.format!));
  return result.report.result === 'pass' ? 0 : 1;
}
