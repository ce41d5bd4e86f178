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
  isRunWorld,
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
export { planCalibrated, priorHash, calibrationBase, fnv1a, resampleWorlds } from './calibrated.ts';
export { runObserved, measureFigures, figureOf, unmeasuredWhy } from './observe.ts';
export { runObservedWithin, EARLY_LOOK_SECONDS, type ObservedWithin } from './early.ts';
export type { Figures } from './observe.ts';
export {
  CalibrationRunner,
  calibrationResult,
  CALIBRATION_SCHEMA,
  defaultWant,
  DEFAULT_WAVES,
  type Calibration,
  type CalibratedWorld,
  type CalibrationHeader,
  type RunnerOptions,
  type WorldLine,
  type WaveInfo,
} from './calibrate.ts';
export {
  distance,
  observationDistance,
  distanceTo,
  propose,
  kernelSd,
  resample,
  nextTolerance,
  distinctWorlds,
  MIN_ALIVE_SHARE,
  ZERO_SHARE,
  nextKernelScale,
  ACCEPT_TARGET,
  MIN_KERNEL_SCALE,
  MIN_INT_KERNEL_STEPS,
  MAX_KERNEL_SCALE,
  effectiveSize,
  lineageSize,
  reflect,
  worldSeed,
  firstWave,
  quantile,
  MISSING_PENALTY,
  MIN_KERNEL_SD,
  TOLERANCE_QUANTILE,
} from './smc.ts';
export type { SmcSpec, SmcState, Particle } from './smc.ts';
export { toUnit, fromUnit, isFactor, type PriorRange } from './design.ts';
export { replay, replayWaves, populationSize, nearest, RESAMPLE_BELOW } from './smc-waves.ts';
export type { SmcProblem } from './smc-waves.ts';
export { memberOutcome, summarizeEnsemble, comparePaired, spread, spearman, repeatedWorlds } from './stats.ts';
export type { MemberOutcome, EnsembleSummary, PairedComparison, Spread } from './stats.ts';
export {
  describeEnsemble,
  describeComparison,
  describeChange,
  describeIdentical,
  worldsPhrase,
  worldsCounted,
} from './words.ts';
export { EnsembleRunner, runEnsembleMembers } from './run.ts';
export { PLACED, worldValues, runValues, placeIn, runMember, runAgainstIncident } from './place.ts';
export type { PlacedFigure, WorldValues, Placement, RunObservation } from './place.ts';
export type { EnsembleRunOptions, EnsembleResult, MemberJob, MemberLine } from './run.ts';
