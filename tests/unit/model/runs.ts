// The model tier's runs, each computed once and shared. A run is keyed by its whole scenario (its
// JSON), so the same preset and seed reached through different overrides is one run: the 2024
// replay at seed 1 is computed once for the golden, the replay's checks, the counterfactuals, the
// convergence at the preset's own step and the lessons. The model project runs its files in one
// module graph per worker (isolate: false in vitest.config.ts), so the runs are shared across files.
//
// Ask for the least a test reads:
//   summaryOf(s)  the summary, recorded in 'summary' mode (src/core/observers/recorder.ts)
//   leanRun(s)    the summary and the event log, same mode
//   fullRun(s)    everything: series, per-host and per-VM samples ('all'), for series and goldens
// A full run answers a later summary or lean request; the record modes give the same summary and
// event log bit for bit (tests/unit/core/record-mode.test.ts). Results are shared: read them,
// never write into them. A test that checks two runs of one scenario agree must run it itself.
import { Simulation, type SimEvent, type SimResult, type Summary } from '../../../src/core/index.ts';
import type { Scenario } from '../../../src/scenario/index.ts';

export interface LeanRun {
  readonly summary: Summary;
  readonly events: readonly SimEvent[];
}

const full = new Map<string, SimResult>();
const lean = new Map<string, LeanRun>();

/** Runs computed and requests answered from the cache, by mode (read by tests/unit/model/runs.test.ts). */
export const runStats = { full: 0, lean: 0, reused: 0 };

const keyOf = (s: Scenario): string => JSON.stringify(s);

/** The whole run, every buffer recorded: for tests that read series, samples or host arrays. */
export function fullRun(s: Scenario): SimResult {
  const key = keyOf(s);
  const done = full.get(key);
  if (done) {
    runStats.reused++;
    return done;
  }
  const sim = new Simulation(s);
  sim.advance(sim.totalSteps);
  const r = sim.result();
  runStats.full++;
  full.set(key, r);
  lean.delete(key);
  return r;
}

/** The summary and the event log, from a run that records nothing else. */
export function leanRun(s: Scenario): LeanRun {
  const key = keyOf(s);
  const done = full.get(key) ?? lean.get(key);
  if (done) {
    runStats.reused++;
    return done;
  }
  const sim = new Simulation(s, { record: 'summary' });
  sim.advance(sim.totalSteps);
  const r: LeanRun = { summary: sim.summary(), events: sim.log.events };
  runStats.lean++;
  lean.set(key, r);
  return r;
}

/** The summary of a whole run. */
export const summaryOf = (s: Scenario): Summary => leanRun(s).summary;

/**
 * For a model test that needs more than the tier's MODEL_TIMEOUT (vitest.config.ts): tens of whole
 * runs, or runs at a 1 s step (five times the steps of the presets' 5 s). A hang guard, not a measurement.
 */
export const MANY_RUNS = { timeout: 600_000 };
