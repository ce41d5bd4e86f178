// Running an ensemble in one thread (the CLI, tests). The playground runs the same members on its
// worker pool through planPaired + memberScenario + memberOutcome and combines them with
// summarizeEnsemble and comparePaired.

import type { Scenario } from '../../scenario/index.ts';
import { runSummary } from '../simulation.ts';
import {
  memberScenario,
  planPaired,
  type AssumptionRange,
  type Change,
  type EnsemblePlan,
  type EnsembleSpec,
} from './plan.ts';
import { memberOutcome, type MemberOutcome } from './stats.ts';

export interface EnsembleRunOptions extends EnsembleSpec {
  /**
   * B: a second scenario run on the same worlds as A (same seeds, same assumption draws), for a
   * paired comparison. When it sets every parameter as A does, B is not run (`diff` is empty).
   */
  b?: Scenario | null;
  /** run only members with index % count === part - 1 (part is 1-based) */
  shard?: { part: number; count: number };
}

export interface MemberLine {
  a: MemberOutcome;
  b?: MemberOutcome;
}

/**
 * Runs the members this process owns, in index order; `onMember` sees each as it finishes.
 * `onPlan` gets the whole plan and what B changes from A before the first member runs.
 * A member records only its summary (record: 'summary'): bit-identical to a full run's.
 */
export function runEnsembleMembers(
  a: Scenario,
  options: EnsembleRunOptions,
  rows: readonly AssumptionRange[],
  onMember?: (line: MemberLine) => void,
  onPlan?: (plan: EnsemblePlan, diff: Change[]) => void,
): MemberLine[] {
  const { plan, diff } = planPaired(a, options.b ?? null, options, rows);
  const b = options.b && diff.length ? options.b : null;
  onPlan?.(plan, diff);
  const out: MemberLine[] = [];
  for (const m of plan.members) {
    if (options.shard && m.index % options.shard.count !== options.shard.part - 1) continue;
    const line: MemberLine = {
      a: memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(a, m))),
    };
    if (b) line.b = memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(b, m)));
    onMember?.(line);
    out.push(line);
  }
  return out;
}
