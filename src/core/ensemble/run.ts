// Running an ensemble in one thread (the CLI, tests). The playground runs the same members on its
// worker pool through memberScenario + memberOutcome and combines them with summarizeEnsemble.

import type { Scenario } from '../../scenario/index.ts';
import { runSummary } from '../simulation.ts';
import {
  memberScenario,
  planEnsemble,
  type AssumptionRange,
  type Change,
  type EnsemblePlan,
  type EnsembleSpec,
} from './plan.ts';
import { memberOutcome, type MemberOutcome } from './stats.ts';

export interface EnsembleRunOptions extends EnsembleSpec {
  /** B: the same worlds with these changes (a paired comparison) */
  against?: Change[];
  /** run only members with index % count === part - 1 (part is 1-based) */
  shard?: { part: number; count: number };
}

export interface MemberLine {
  a: MemberOutcome;
  b?: MemberOutcome;
}

/** Runs the members this process owns, in index order; `onMember` sees each as it finishes.
 * A member records only its summary (record: 'summary'): bit-identical to a full run's. */
export function runEnsembleMembers(
  scenario: Scenario,
  options: EnsembleRunOptions,
  rows: readonly AssumptionRange[],
  onMember?: (line: MemberLine) => void,
  onPlan?: (plan: EnsemblePlan) => void,
): MemberLine[] {
  const against = options.against ?? [];
  const fixed = [...(options.fixed ?? []), ...against.map((c) => c.path)];
  const plan = planEnsemble(scenario, { ...options, fixed }, rows);
  onPlan?.(plan);
  const out: MemberLine[] = [];
  for (const m of plan.members) {
    if (options.shard && m.index % options.shard.count !== options.shard.part - 1) continue;
    const a = memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(scenario, m)));
    const line: MemberLine = { a };
    if (against.length)
      line.b = memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(scenario, m, against)));
    onMember?.(line);
    out.push(line);
  }
  return out;
}
