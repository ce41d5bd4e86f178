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
  planWorlds,
  priorRanges,
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
  WorldsInfo,
} from './plan.ts';
export { planCalibrated, priorHash, calibrationBase, fnv1a } from './calibrated.ts';
export { runObserved, measureFigures, figureOf, unmeasuredWhy } from './observe.ts';
export type { Figures } from './observe.ts';
export {
  CalibrationRunner,
  calibrationResult,
  CALIBRATION_SCHEMA,
  type Calibration,
  type CalibrationHeader,
  type WorldLine,
} from './calibrate.ts';
export { memberOutcome, summarizeEnsemble, comparePaired, spread, spearman } from './stats.ts';
export type { MemberOutcome, EnsembleSummary, PairedComparison, Spread } from './stats.ts';
export { describeEnsemble, describeComparison, describeChange, describeIdentical, worldsPhrase } from './words.ts';
export { EnsembleRunner, runEnsembleMembers } from './run.ts';
export { PLACED, worldValues, runValues, placeIn, runMember, runAgainstIncident } from './place.ts';
export type { PlacedFigure, WorldValues, Placement, RunObservation } from './place.ts';
export type { EnsembleRunOptions, EnsembleResult, MemberJob, MemberLine } from './run.ts';
