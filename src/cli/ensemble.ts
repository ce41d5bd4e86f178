// The ensemble on the command line:
//   sim --ensemble N [--vary-assumptions] [--against path=value]... [--shard K/N] [--json]
//   sim --config FILE... --proposed-config FILE... [--ensemble N] ...   (current vs proposed)
//   sim merge FILE... [--json]   (merge.ts; the line format: member-lines.ts)
// A paired comparison runs two explicit scenarios A and B on the same worlds; --against is sugar
// for B = A with those values.
// A whole run prints one summary; a shard prints one JSON line per member it ran, which any batch
// engine (a CI matrix, GNU parallel, array jobs) can fan out; `merge` combines the lines into the
// same summary as the whole run, byte for byte.

import {
  comparePaired,
  describeComparison,
  describeEnsemble,
  describeIdentical,
  EnsembleRunner,
  assumptionRanges,
  runSummary,
  summarizeEnsemble,
  worldsCounted,
  MAX_MEMBERS,
  isRunWorld,
  placeIn,
  sig3,
  worldValues,
  type Change,
  type EnsembleSummary,
  type MemberLine,
  type MemberOutcome,
  type PairedComparison,
  type PlacedFigure,
  type Placement,
} from '../core/index.ts';
import {
  PARAM_BY_PATH,
  parseSetValue,
  type Scenario,
  type ValidScenario,
  type WorldSource,
} from '../scenario/index.ts';
import { runJobs } from './jobs.ts';
import type { ConfigReport } from './configs.ts';
import { MEMBER_LINE_FORMAT, memberLineText, type ConfigSides, type EnsembleHeader } from './member-lines.ts';

export type { ConfigSides, EnsembleHeader } from './member-lines.ts';

export const ENSEMBLE_SCHEMA = 1;

/** Placements of world 1 (the run) on each figure How sure? places it on (core place.ts). */
export type RunPlacement = Record<PlacedFigure, Placement>;

export interface EnsembleOutput {
  schema: number;
  scenario: string;
  seed: number;
  clockStart: string;
  /** --config / --proposed-config: what each file set, for A (current) and B (proposed) */
  configs?: ConfigSides;
  /** when a B was asked for: what B changes from A (path, B's value, A's `from`) */
  diff?: Change[];
  ensemble: EnsembleSummary;
  /** world 1 is the scenario itself (header.world1IsRun): where it sits among the worlds */
  run?: RunPlacement;
  /** the paired result; absent when B sets every parameter as A does (then B was not run) */
  compare?: PairedComparison;
  /** the same in words */
  words: string[];
}

const fleetShape = (s: Scenario) => ({ hypervisors: s.fleet.hypervisors, minutes: s.durationMinutes });

export function fingerprint(s: Scenario): string {
  const text = JSON.stringify(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Parses --against values; errors name the path. */
export function parseAgainst(items: readonly string[]): { changes: Change[]; errors: string[] } {
  const changes: Change[] = [],
    errors: string[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const path = eq > 0 ? item.slice(0, eq).trim() : '';
    if (!PARAM_BY_PATH.has(path)) {
      errors.push(`--against ${item}: expected path=value with a parameter path`);
      continue;
    }
    const value = parseSetValue(item.slice(eq + 1));
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
      errors.push(`--against ${path}: expected a number, a string or true/false`);
      continue;
    }
    changes.push({ path, value });
  }
  return { changes, errors };
}

export function parseShard(text: string): { part: number; count: number } | string {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const part = m ? Number(m[1]) : NaN,
    count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || part < 1 || part > count) return `--shard ${text}: expected K/N with 1 <= K <= N (e.g. 2/4)`;
  return { part, count };
}

export function parseMembers(text: string): number | string {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_MEMBERS)
    return `--ensemble ${text}: expected a whole number of members in 1..${MAX_MEMBERS}`;
  return n;
}

/** Where world 1, the run itself, sits among the worlds on each placed figure. */
function placeRun(a: readonly MemberOutcome[]): RunPlacement {
  const values = worldValues(a);
  const at = (k: PlacedFigure) => placeIn(values[k], values[k][0]);
  return { panicked: at('panicked'), vmsDown: at('vmsDown'), droppedPercent: at('droppedPercent') };
}

export function combine(header: EnsembleHeader, lines: readonly MemberLine[]): EnsembleOutput {
  const sorted = [...lines].sort((x, y) => x.a.index - y.a.index);
  const a = sorted.map((l) => l.a);
  const ensemble = summarizeEnsemble(
    { members: [], assumptions: header.assumptions, worlds: header.worlds },
    a,
    header.varyAssumptions,
  );
  const out: EnsembleOutput = {
    schema: ENSEMBLE_SCHEMA,
    scenario: header.scenario,
    seed: header.seed,
    clockStart: header.clockStart,
    ...(header.configs ? { configs: header.configs } : {}),
    ...(header.compared ? { diff: header.against } : {}),
    ensemble,
    ...(header.world1IsRun && a[0]?.index === 0 ? { run: placeRun(a) } : {}),
    words: [describeEnsemble(ensemble, header.clockStart)],
  };
  if (header.compared && !header.against.length)
    out.words.push(header.configs ? describeIdentical('the proposed side', 'the current side') : describeIdentical());
  else if (header.against.length) {
    out.compare = comparePaired(
      header.against,
      a,
      sorted.map((l) => l.b!),
    );
    out.words.push(describeComparison(out.compare));
  }
  if (header.worlds.note) out.words.push(header.worlds.note);
  return out;
}

/**
 * Runs the ensemble and writes its summary, or with a shard its member lines in member order.
 * `jobs` > 1 runs the members on worker threads (jobs.ts; then it returns a promise): the output
 * is the same byte for byte. With one job it runs here and returns when written.
 */
export function runEnsembleCli(
  scenario: ValidScenario,
  opts: {
    members: number;
    varyAssumptions: boolean;
    /** seeds, the prior or the calibrated worlds (absent: by varyAssumptions) */
    worlds?: WorldSource;
    /** B, run on A's worlds (null or absent: no comparison) */
    b?: ValidScenario | null;
    fixed: string[];
    shard?: { part: number; count: number };
    configs?: ConfigSides;
  },
  write: (text: string) => void,
  json: boolean,
  jobs = 1,
): void | Promise<void> {
  const runner = new EnsembleRunner(scenario, { ...opts }, assumptionRanges());
  const { plan, diff } = runner;
  const worlds = plan.worlds ?? { source: opts.varyAssumptions ? 'prior' : 'seeds' };
  const header: EnsembleHeader = {
    format: MEMBER_LINE_FORMAT,
    scenario: scenario.preset,
    seed: scenario.seed,
    clockStart: scenario.clockStart,
    members: plan.members.length,
    varyAssumptions: plan.assumptions.length > 0 || opts.varyAssumptions,
    worlds,
    ...(worlds.source === 'calibrated' ? { seeds: plan.members.map((m) => m.seed) } : {}),
    world1IsRun: isRunWorld(scenario, plan.members[0]),
    compared: !!opts.b,
    against: diff,
    assumptions: plan.assumptions,
    fingerprint: fingerprint(scenario),
    ...(opts.b && diff.length ? { fingerprintB: fingerprint(opts.b) } : {}),
    fleet: fleetShape(scenario),
    ...(opts.b && diff.length ? { fleetB: fleetShape(opts.b) } : {}),
    ...(opts.configs ? { configs: opts.configs } : {}),
  };
  const all = runner.jobs;
  const finish = () => {
    const lines = runner.lines();
    if (opts.shard) for (const line of lines) write(memberLineText(header, line));
    else {
      const out = combine(header, lines);
      write(json ? JSON.stringify(out) + '\n' : readable(out));
    }
  };
  if (jobs <= 1) {
    for (const job of all) runner.record(job, runSummary(runner.scenario(job)));
    finish();
    return;
  }
  return runJobs(
    all.length,
    (i) => runner.scenario(all[i]),
    'summary',
    (i, o) => void runner.record(all[i], o.summary),
    jobs,
  ).then(finish);
}

export function readable(out: EnsembleOutput): string {
  const e = out.ensemble;
  const which =
    e.worlds?.source === 'calibrated'
      ? out.run
        ? `${e.members} calibrated worlds: world 1 is this scenario itself (seed ${out.seed}), the others of seeds up to ${e.seeds.last}`
        : `${e.members} calibrated worlds of seeds ${e.seeds.first} to ${e.seeds.last}`
      : `seeds ${e.seeds.first}..${e.seeds.last}, ${e.members} worlds`;
  const lines = [`${out.scenario} (${which})`, ''];
  if (out.run) {
    const p = (label: string, x: Placement, unit = '') =>
      `${label} ${sig3(x.value)}${unit} (percentile ${x.percentile}, ${x.inBand ? 'inside' : 'outside'} the p05-p95 band)`;
    lines.push(
      `world 1, this scenario: ${p('panicked', out.run.panicked)}; ${p('VMs down', out.run.vmsDown)}; ${p('dropped', out.run.droppedPercent, '%')}`,
      '',
    );
  }
  if (out.configs) {
    for (const [side, reports] of [
      ['current ', out.configs.current],
      ['proposed', out.configs.proposed],
    ] as const)
      for (const c of reports) lines.push(`${side} ${configLine(c)}`);
    lines.push('');
  }
  lines.push(...out.words, '');
  lines.push(
    `panicked     mean ${sig3(e.panicked.mean)} of ${sig3(e.hypervisors)}; p05 ${sig3(e.panicked.p05)}, p50 ${sig3(e.panicked.p50)}, p95 ${sig3(e.panicked.p95)}`,
  );
  lines.push(
    `VMs down     mean ${sig3(e.vmsDown.mean)}; p05 ${sig3(e.vmsDown.p05)}, p95 ${sig3(e.vmsDown.p95)} (distinct VMs)`,
  );
  lines.push(`dropped      mean ${sig3(e.droppedPercent.mean)}% of events; lost mean ${sig3(e.lostPercent.mean)}%`);
  if (e.assumptions.length) {
    const strong = e.sensitivity.filter((s) => Math.abs(s.rho) >= e.sensitivityNoise);
    lines.push(
      '',
      `the verdict moves most with (rank correlation with panicked hosts over the ${e.worlds?.source === 'calibrated' ? 'calibrated worlds' : e.worlds?.source === 'seeds' ? 'seeds' : 'full prior'}; |rho| < ${e.sensitivityNoise} is chance at ${worldsCounted(e)}):`,
    );
    if (!strong.length) lines.push(`  no assumption stands out at ${e.members} worlds: run more (--ensemble 32)`);
    for (const s of strong.slice(0, 8)) lines.push(`  ${s.rho >= 0 ? '+' : ''}${s.rho.toFixed(2)}  ${s.path}`);
  }
  return lines.join('\n') + '\n';
}

/** One line of what a config file set: "vector.toml (vector): set a=1, b=2; 3 keys not modelled" */
export function configLine(c: ConfigReport): string {
  const set = c.set.map((x) => `${x.path}=${String(x.value)}`).join(', ') || 'nothing';
  const refused = c.invalid.length
    ? `; refused: ${c.invalid.map((x) => `${x.key} (line ${x.line}: ${x.note})`).join('; ')}`
    : '';
  return `config ${c.file} (${c.kind}${c.inherited ? ', kept from the current side' : ''}): set ${set}; ${c.ignored} key${c.ignored === 1 ? '' : 's'} not modelled${refused}`;
}
