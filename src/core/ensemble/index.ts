// Ensembles: many worlds of one scenario (seeds, and draws of the typical constants), their odds,
// paired comparisons and sensitivity. See plan.ts for the design, stats.ts for what is reported.
export {
  planEnsemble,
  planPaired,
  memberScenario,
  assumptionRanges,
  changedPaths,
  presetOf,
  presetChanges,
  withChanges,
  MAX_MEMBERS,
} from './plan.ts';
export type {
  AssumptionRange,
  EnsembleSpec,
  EnsemblePlan,
  PairedPlan,
  Member,
  Draw,
  Change,
  ParamValue,
} from './plan.ts';
export { memberOutcome, summarizeEnsemble, comparePaired, spread, spearman } from './stats.ts';
export type { MemberOutcome, EnsembleSummary, PairedComparison, Spread } from './stats.ts';
export { describeEnsemble, describeComparison, describeChange, describeIdentical } from './words.ts';
export { EnsembleRunner, runEnsembleMembers } from './run.ts';
export type { EnsembleRunOptions, EnsembleResult, MemberJob, MemberLine } from './run.ts';
