// The check's report from what ran: both sides over the worlds, world by world, the parameters
// the proposal changes with the config lines that set them, the keys it changes that the model
// does not read, the policy judged, and what the verdict rests on.

import { summarizeEnsemble, type EnsembleSummary, type MemberOutcome } from '../../core/index.ts';
import { PARAM_BY_PATH, type Scenario, type WorldSource } from '../../scenario/index.ts';
import type { ConfigReport } from '../configs.ts';
import { chance, judge, percent, type Policy } from './policy.ts';
import type { PairedRun } from './run.ts';
import {
  CHECK_SCHEMA,
  type ChangedParam,
  type CheckReport,
  type PairedCounts,
  type SideStats,
  type UnmodelledChange,
  type World,
} from './types.ts';

export interface ReportInput {
  version: string;
  a: Scenario;
  run: PairedRun;
  worldsFrom: WorldSource;
  policy: Policy;
  configs: { current: ConfigReport[]; proposed: ConfigReport[] };
  /** keys the proposal changes that the model does not read */
  unmodelled: UnmodelledChange[];
  reproduce: string;
  link: string | null;
  linkNote?: string;
}

function stats(e: EnsembleSummary): SideStats {
  return {
    worlds: e.members,
    worldsWithPanic: Math.round(e.anyPanicProbability * e.members),
    panicChance: e.anyPanicProbability,
    hostsPanicked: e.panicked,
    vmsDown: e.vmsDown,
    droppedPercent: e.droppedPercent,
    lostPercent: e.lostPercent,
    firstPanicMinute: e.firstPanicMinute,
  };
}

function paired(a: readonly MemberOutcome[], b: readonly MemberOutcome[]): PairedCounts {
  const c = {
    morePanicWorlds: 0,
    fewerPanicWorlds: 0,
    samePanicWorlds: 0,
    removesEveryPanicWorlds: 0,
    moreVmsDownWorlds: 0,
  };
  for (let i = 0; i < a.length; i++) {
    if (b[i].panicked > a[i].panicked) c.morePanicWorlds++;
    else if (b[i].panicked < a[i].panicked) c.fewerPanicWorlds++;
    else c.samePanicWorlds++;
    if (a[i].panicked > 0 && b[i].panicked === 0) c.removesEveryPanicWorlds++;
    if (b[i].vmsDown > a[i].vmsDown) c.moreVmsDownWorlds++;
  }
  return c;
}

const outcome = (o: MemberOutcome) => ({
  panicked: o.panicked,
  vmsDown: o.vmsDown,
  droppedPercent: o.droppedPercent,
  lostPercent: o.lostPercent,
});

/** The last file of `reports` that sets `path` (later files win), with its line and key. */
function setBy(reports: readonly ConfigReport[], path: string): ChangedParam['current'] {
  for (let i = reports.length - 1; i >= 0; i--) {
    const set = reports[i].set;
    for (let j = set.length - 1; j >= 0; j--)
      if (set[j].path === path) return { file: reports[i].file, line: set[j].line, key: set[j].key };
  }
  return null;
}

export function buildReport(x: ReportInput): CheckReport {
  const { a, run } = x;
  const vary = run.plan.assumptions.length > 0;
  const ran = run.lines.length > 0;
  const aOut = run.lines.map((l) => l.a);
  const bOut = run.diff.length ? run.lines.map((l) => l.b!) : aOut;
  const current = ran ? stats(summarizeEnsemble(run.plan, aOut, vary)) : null;
  const proposed = ran ? stats(summarizeEnsemble(run.plan, bOut, vary)) : null;
  const pairs = ran && run.diff.length ? paired(aOut, bOut) : null;
  const rules = judge(x.policy, { current, proposed, paired: pairs });
  const pass = rules.every((r) => r.pass);
  const changed: ChangedParam[] = run.diff.map((c) => {
    const p = PARAM_BY_PATH.get(c.path);
    return {
      path: c.path,
      label: c.path === 'events' ? 'Events' : (p?.label ?? c.path),
      unit: p && 'unit' in p && p.unit ? p.unit : '',
      from: c.from ?? null,
      to: c.value,
      current: setBy(x.configs.current, c.path),
      proposed: setBy(x.configs.proposed, c.path),
    };
  });
  const each: World[] = run.lines.map((l) => ({
    index: l.a.index,
    seed: l.a.seed,
    current: outcome(l.a),
    ...(l.b ? { proposed: outcome(l.b) } : {}),
  }));
  const members = run.plan.members;
  const report: CheckReport = {
    kind: 'cascade-check',
    schema: CHECK_SCHEMA,
    version: x.version,
    result: pass ? 'pass' : 'fail',
    answer: '',
    scenario: {
      name: a.preset,
      seed: a.seed,
      clockStart: a.clockStart,
      hypervisors: a.fleet.hypervisors,
      vms: aOut[0]?.vms ?? a.fleet.hypervisors * Object.values(a.fleet.vmMix).reduce((t, k) => t + k, 0),
      minutes: a.durationMinutes,
    },
    worlds: {
      count: members.length,
      from: x.worldsFrom,
      seeds: { first: members[0].seed, last: members[members.length - 1].seed },
      varied: run.plan.assumptions,
      each,
    },
    changes: run.diff.length > 0,
    current,
    proposed,
    paired: pairs,
    changed,
    unmodelled: x.unmodelled,
    policy: { source: x.policy.source, rules },
    restsOn: [],
    configs: x.configs,
    reproduce: x.reproduce,
    link: x.link,
    ...(x.linkNote ? { linkNote: x.linkNote } : {}),
  };
  report.answer = answer(report);
  report.restsOn = restsOn(report, ran ? summarizeEnsemble(run.plan, aOut, vary) : null);
  return report;
}

/** The answer in one sentence. */
export function answer(r: CheckReport): string {
  const failed = r.policy.rules.filter((x) => !x.pass);
  const n = r.worlds.count;
  if (failed.length)
    return `The proposed configs fail the policy${r.changes ? '' : ' (they change no parameter the model reads)'}: ${failed.map((x) => x.says).join('; ')}.`;
  if (!r.changes)
    return 'The proposed configs pass: they set every parameter the model reads as the current ones do, so no world can tell them apart.';
  const p = r.paired!;
  const [from, to] = [chance(r.current!.panicChance), chance(r.proposed!.panicChance)];
  const odds =
    from === to ? `the chance of a panic stays at ${from}` : `the chance of a panic goes from ${from} to ${to}`;
  const worlds = `${n} world${n === 1 ? '' : 's'}`;
  if (!p.fewerPanicWorlds && !p.morePanicWorlds)
    return `The proposed configs pass over ${worlds}: they panic as many hosts as the current configs in every world, and ${odds}.`;
  return (
    `The proposed configs pass over ${worlds}: they panic fewer hosts than the current configs in ${p.fewerPanicWorlds}, ` +
    `more in ${p.morePanicWorlds || 'none'}, and ${odds}.`
  );
}

/** What the verdict rests on, in sentences (the markdown's and the text's list). */
function restsOn(r: CheckReport, current: EnsembleSummary | null): string[] {
  const out: string[] = [];
  const n = r.worlds.count;
  const seeds = `seeds ${r.worlds.seeds.first}-${r.worlds.seeds.last}`;
  if (!r.current)
    out.push('Nothing ran: the proposal changes no parameter the model reads and no limit reads the outcomes.');
  else if (r.worlds.from === 'prior')
    out.push(
      `${n} world${n === 1 ? '' : 's'} of ${r.scenario.name} (${seeds}), each with the ${r.worlds.varied.length} typical constants (values no public source fixes) drawn from their plausible ranges; ` +
        'current and proposed run in the same worlds, so each world compares like with like.',
    );
  else
    out.push(
      `${n} world${n === 1 ? '' : 's'} of ${r.scenario.name} (${seeds}), the typical constants at their defaults; current and proposed run in the same worlds.`,
    );
  if (r.paired && r.paired.morePanicWorlds === 0)
    out.push(
      n < 4
        ? `${n} world${n === 1 ? '' : 's'} without a worse one say${n === 1 ? 's' : ''} little: run more (--worlds 8 or more).`
        : `Seeing no worse world in ${n} does not rule a risk out: one up to ${chance(3 / n)} a world could go unseen in ${n} worlds (the rule of three, 95% confidence)${n < 256 ? `; more worlds narrow it (--worlds ${Math.min(256, n * 4)})` : ''}.`,
    );
  const strong = current ? current.sensitivity.filter((s) => Math.abs(s.rho) >= current.sensitivityNoise) : [];
  if (strong.length)
    out.push(
      `Across these worlds the current configs' outcome moves most with ${strong
        .slice(0, 3)
        .map((s) => `${s.path} (rho ${s.rho >= 0 ? '+' : ''}${s.rho.toFixed(2)})`)
        .join(', ')}: a value the model assumes, worth checking against your fleet.`,
    );
  const set = new Set([...r.configs.current, ...r.configs.proposed].flatMap((c) => c.set.map((s) => s.path)));
  out.push(
    `The model reads ${set.size} parameter${set.size === 1 ? '' : 's'} from these files` +
      (r.unmodelled.length
        ? `; ${r.unmodelled.length} changed key${r.unmodelled.length === 1 ? '' : 's'} it does not model ${r.unmodelled.length === 1 ? 'is' : 'are'} not judged.`
        : '; every other key is the same on both sides.'),
  );
  out.push(
    r.policy.source === 'default'
      ? 'The default policy: no world where the proposal panics more hosts than current, and no rise in the chance of a panic.'
      : `The policy in ${r.policy.source}.`,
  );
  return out;
}

export { chance, percent };
