// Public face of the scenario layer: types, the property table, validation, presets.
export * from './types.ts';
export {
  PARAMS,
  PARAM_BY_PATH,
  PARAM_GROUPS,
  GROUP_IDS,
  GROUP_LABELS,
  EVENT_KINDS,
  MAX_EVENTS,
  MAX_TOTAL_VMS,
} from './params/index.ts';
export type {
  Param,
  NumberParam,
  BoolParam,
  EnumParam,
  StringParam,
  ParamGroup,
  EventKindSpec,
  EventModel,
  Typical,
} from './params/index.ts';
export {
  SIZE_SUFFIXES,
  RATE_SUFFIXES,
  TIME_SUFFIXES,
  COUNT_SUFFIXES,
  SIZE_NAMES,
  TABLE_UNITS,
  suffixFactor,
  otherDimensions,
  parseBytes,
  parseSeconds,
  type Dimension,
} from './units.ts';
export { modelsInUse, CLOSED_LOOP_PATHS, type ModelsInUse } from './models-in-use.ts';
export { ASSUMPTION_ROWS, assumptionRows } from './assumptions.ts';
export type { AssumptionRow } from './assumptions.ts';
export {
  parseScenario,
  defaultScenario,
  getPath,
  setPath,
  checkParam,
  parseSetValue,
  formatIssues,
} from './validate.ts';
export type { ParseResult, ValidScenario } from './validate.ts';
export { PRESETS, DEFAULT_PRESET, loadPreset, presetNames } from './presets.ts';
export {
  FLEET_CAPACITIES,
  resizeFleet,
  resizeWithPlatform,
  type FleetCapacity,
  type FleetResize,
} from './fleet-size.ts';
export type { PresetInfo } from './presets.ts';
export { CLEVERCLOUD_2024_08_02, type IncidentEntry } from './incidents/clevercloud-2024-08-02.ts';
export {
  encodeLink,
  decodeLink,
  shareUrl,
  LINK_VERSION,
  MAX_LINK_PARAMS,
  CUSTOM_PRESET,
  MAX_LESSON_STEP,
} from './link.ts';
export {
  encodeCompare,
  decodeCompare,
  COMPARE_KEY,
  COMPARE_LINK_VERSION,
  MAX_COMPARE_CHARS,
  MAX_COMPARE_FILES,
  MAX_COMPARE_WORLDS,
  WORLD_SOURCES,
  DEFAULT_WORLD_SOURCE,
} from './compare-link.ts';
export type { CompareLink, CompareFile, WorldSource } from './compare-link.ts';
export {
  MAX_LINK_CHARS,
  MAX_SCENARIO_CHARS,
  MAX_DEPTH,
  MAX_NODES,
  MAX_LISTED_UNKNOWN,
  CONFIRM_TOTAL_VMS,
  CONFIRM_VM_STEPS,
  NUMBER_TEXT,
  numberFromText,
  stripBom,
  readScenarioText,
  needsConfirmation,
} from './limits.ts';
export type { LinkOptions, DecodedLink, DecodeContext, EncodeOptions, EncodedLink, LinkParams } from './link.ts';
export {
  MAX_CHALLENGE_WORLDS,
  MAX_NAME_CHARS,
  ANSWER_PREFIX,
  hasGoal,
  formatGoal,
  readGoal,
  cleanName,
  answerPaths,
  challengeLocks,
  challengeKey,
  challengeDifferences,
} from './challenge.ts';
export type { Goal, Challenge, LinkChallenge } from './challenge.ts';
export {
  MAX_SWEEP_POINTS,
  MAX_SWEEP_CELLS,
  planSweep,
  planSweep2D,
  spansDecades,
  sweepValues,
  sweepableParams,
} from './sweep.ts';
export type { SweepPlan, SweepPoint, SweepPlan2D, SweepCell } from './sweep.ts';
export {
  importConfig,
  applyConfigs,
  proposedImports,
  detectKind,
  countRows,
  CONFIG_KINDS,
  CONFIG_KIND_LABELS,
  MAX_CONFIG_CHARS,
  CONFIG_READ_MS,
} from './configs/index.ts';
export type { ConfigImport, ConfigKind, ConfigRow, RowStatus, Applied, ImportOptions } from './configs/index.ts';
// every key of a Vector file, not only those the model reads (check lists the changed ones)
export { parseVector, vectorFormat, lineOf as vectorLineOf } from './configs/vector.ts';
export {
  INCIDENTS,
  OBSERVED_FIGURES,
  OBSERVATION_UNITS,
  HOSTS_LOADED_SHARE,
  HOSTS_NOMINAL_SHARE,
  incidentOf,
  fits,
  checkIncidents,
} from './observations.ts';
export type { Incident, Observation, ObservedFigure, ObservationUnit } from './observations.ts';
export { CALIBRATED, MAX_CALIBRATION_WORLDS, readCalibratedData } from './observations-calibrated.ts';
export type { CalibratedData, CalibratedWorldData } from './observations-calibrated.ts';
