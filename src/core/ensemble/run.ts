// The one member runner. An ensemble is planned, its members' scenarios made, their summaries
// reduced to outcomes and combined here, whoever runs the members: the CLI and the tests in this
// thread (runEnsembleMembers, below), the page's "How sure?" and a sweep's worlds on a worker pool
// (ui/ensemble/pool-members.ts). A driver takes `jobs`, runs `scenario(job)` however it likes, in
// any order, and hands each summary to `record`; `result()` combines them once all are in.
// Pure: no DOM, no Node, no clock.

import type { ValidScenario } from '../../scenario/index.ts';
import { runSummary } from '../simulation.ts';
import type { Summary } from '../types.ts';
import {
  memberScenario,
  planPaired,
  type AssumptionRange,
  type Change,
  type EnsemblePlan,
  type EnsembleSpec,
  type Member,
} from './plan.ts';
import {
  comparePaired,
  memberOutcome,
  summarizeEnsemble,
  type EnsembleSummary,
  type MemberOutcome,
  type PairedComparison,
} from './stats.ts';

export interface EnsembleRunOptions extends EnsembleSpec {
  /**
   * B: a second scenario run on the same worlds as A (same seeds, same assumption draws), for a
   * paired comparison. When it sets every parameter as A does, B is not run (`diff` is empty).
   */
  b?: ValidScenario | null;
  /** run only members with index % count === part - 1 (part is 1-based) */
  shard?: { part: number; count: number };
}

export interface MemberLine {
  a: MemberOutcome;
  b?: MemberOutcome;
}

/** One run the ensemble needs: a member of side A or B. */
export interface MemberJob {
  readonly member: Member;
  readonly side: 'a' | 'b';
}

export interface EnsembleResult {
  /** A over the worlds */
  a: EnsembleSummary;
  /** B over the same worlds; null when no B was given or B is A */
  b: EnsembleSummary | null;
  compare: PairedComparison | null;
  /** what B changes from A (empty with no B, or when B sets every parameter as A does) */
  diff: Change[];
  /** a B was given and it sets every parameter as A does: it was not run */
  identical: boolean;
}

export class EnsembleRunner {
  readonly plan: EnsemblePlan;
  readonly diff: Change[];
  /** B was given and differs from A: it runs on A's worlds */
  readonly runsB: boolean;
  /** B was given and sets every parameter as A does: it is not run */
  readonly identical: boolean;
  /**
   * the runs this process owns (every member, or a shard's), member by member, A before B: one per
   * distinct world. Members that repeat a world (calibrated worlds resampled by weight: a heavy
   * world is several members) share its run, which gives each of them the same summary: a run
   * depends only on its scenario, and the members' scenarios are the same.
   */
  readonly jobs: readonly MemberJob[];
  readonly #a: ValidScenario;
  readonly #b: ValidScenario | null;
  readonly #vary: boolean;
  readonly #out: { a: (MemberOutcome | undefined)[]; b: (MemberOutcome | undefined)[] };
  /** by the member that runs a world: every member of the world (itself first) */
  readonly #sharers = new Map<number, Member[]>();
  #recorded = 0;

  constructor(a: ValidScenario, options: EnsembleRunOptions, rows: readonly AssumptionRange[]) {
    const b = options.b ?? null;
    const { plan, diff } = planPaired(a, b, options, rows);
    this.plan = plan;
    this.diff = diff;
    this.runsB = b !== null && diff.length > 0;
    this.identical = b !== null && !this.runsB;
    this.#a = a;
    this.#b = this.runsB ? b : null;
    this.#vary = (plan.worlds?.source ?? (options.varyAssumptions ? 'prior' : 'seeds')) !== 'seeds';
    const shard = options.shard;
    const jobs: MemberJob[] = [];
    const runBy = new Map<string, Member[]>();
    for (const member of plan.members) {
      if (shard && member.index % shard.count !== shard.part - 1) continue;
      const world = `${member.seed} ${JSON.stringify(member.draws)}`;
      const same = runBy.get(world);
      if (same) {
        same.push(member);
        continue;
      }
      const group = [member];
      runBy.set(world, group);
      this.#sharers.set(member.index, group);
      jobs.push({ member, side: 'a' });
      if (this.runsB) jobs.push({ member, side: 'b' });
    }
    this.jobs = jobs;
    this.#out = { a: new Array(plan.members.length), b: new Array(plan.members.length) };
  }

  /** The scenario a job runs: its side with the member's seed and draws, through the one schema. */
  scenario(job: MemberJob): ValidScenario {
    return memberScenario(job.side === 'a' ? this.#a : this.#b!, job.member);
  }

  /** The members a job's run stands for: its own and every later member of the same world, in index order. */
  membersOf(job: MemberJob): readonly Member[] {
    return this.#sharers.get(job.member.index) ?? [job.member];
  }

  /**
   * Records a job's summary for every member of its world; returns the lines of those members that
   * are now in on every side (none while B is still out).
   */
  record(job: MemberJob, summary: Summary): MemberLine[] {
    const side = this.#out[job.side];
    if (side[job.member.index] === undefined) this.#recorded++;
    const lines: MemberLine[] = [];
    for (const { index, seed, draws } of this.membersOf(job)) {
      side[index] = memberOutcome(index, seed, draws, summary);
      const line = this.#line(index);
      if (line) lines.push(line);
    }
    return lines;
  }

  /** every job recorded */
  get complete(): boolean {
    return this.#recorded === this.jobs.length;
  }

  /** The lines of the members recorded on every side, in index order. */
  lines(): MemberLine[] {
    const out: MemberLine[] = [];
    for (let i = 0; i < this.plan.members.length; i++) {
      const line = this.#line(i);
      if (line) out.push(line);
    }
    return out;
  }

  /** The odds of A (and B) over every member, and the paired comparison. Call when complete. */
  result(): EnsembleResult {
    const lines = this.lines();
    const a = lines.map((l) => l.a);
    const b = this.runsB ? lines.map((l) => l.b!) : null;
    return {
      a: summarizeEnsemble(this.plan, a, this.#vary),
      b: b ? summarizeEnsemble(this.plan, b, this.#vary) : null,
      compare: b ? comparePaired(this.diff, a, b) : null,
      diff: this.diff,
      identical: this.identical,
    };
  }

  #line(index: number): MemberLine | null {
    const a = this.#out.a[index];
    if (!a) return null;
    if (!this.runsB) return { a };
    const b = this.#out.b[index];
    return b ? { a, b } : null;
  }
}

/**
 * The in-process driver (the CLI, tests): runs the members this process owns, in index order;
 * `onMember` sees each as it finishes. `onPlan` gets the whole plan and what B changes from A
 * before the first member runs. A member records only its summary (record: 'summary'):
 * bit-identical to a full run's.
 */
export function runEnsembleMembers(
  a: ValidScenario,
  options: EnsembleRunOptions,
  rows: readonly AssumptionRange[],
  onMember?: (line: MemberLine) => void,
  onPlan?: (plan: EnsemblePlan, diff: Change[]) => void,
): MemberLine[] {
  const runner = new EnsembleRunner(a, options, rows);
  onPlan?.(runner.plan, runner.diff);
  for (const job of runner.jobs)
    for (const line of runner.record(job, runSummary(runner.scenario(job)))) onMember?.(line);
  return runner.lines();
}
