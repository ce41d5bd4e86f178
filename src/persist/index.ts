// Public face of the persist layer: saved work (IndexedDB through idb), import/export as text,
// and run comparison. Nothing here throws into the UI; see each module's contract.
export { openPersist, type OpenOptions } from './open-persist.ts';
export { statusFromError, type SaveStatus, type SaveReason } from './save-status.ts';
export { MAX_RUNS } from './persist-api.ts';
export type {
  Persist,
  SkippedRecord,
  ReadResult,
  LoadedDraft,
  SavedScenario,
  StoredRun,
  RunInfo,
  SaveScenarioInput,
  AddRunInput,
} from './persist-api.ts';
export { createAutosave, type Autosave } from './autosave.ts';
export {
  JOURNAL_KEY,
  CONFIGS_JOURNAL_KEY,
  MAX_CONFIGS_JOURNAL_CHARS,
  writeJournal,
  readJournal,
  newerDraft,
  writeConfigsJournal,
  readConfigsJournal,
  newerConfigs,
  type JournalStorage,
} from './journal.ts';
export { CONFIGS_KEY, MAX_SIDE_FILES, checkConfigsDraft } from './config-draft.ts';
export type { ConfigsDraft, ConfigSideRecord, ConfigFileRecord, LoadedConfigs } from './config-draft.ts';
export { MAX_BOARD_ROWS, checkBoardRecord, checkBoardResult } from './board.ts';
export type { BoardRecord, BoardRow, BoardResult, BoardWorld, BoardAdd } from './board.ts';
export { DB_NAME, DB_VERSION, RECORD_FORMAT, DRAFT_KEY, upgrade } from './schema.ts';
export type {
  CascadeDB,
  DraftRecord,
  SavedScenarioRecord,
  RunRecord,
  RunSeries,
  SeriesPoints,
  SavedEnsemble,
  BandSeries,
} from './schema.ts';
export {
  checkSummary,
  checkSeries,
  checkEvents,
  checkRun,
  checkSavedScenario,
  checkDraft,
  checkEnsemble,
} from './records.ts';
export {
  exportScenarioJson,
  importScenarioJson,
  seriesToCsv,
  runToJson,
  formatFloat32,
  fileName,
  MAX_IMPORT_CHARS,
  RUN_JSON_FORMAT,
} from './files.ts';
export type { ImportResult, SeriesExportInput } from './files.ts';
export { compareSummaries, compareScenarios, type CompareRow } from './compare.ts';
