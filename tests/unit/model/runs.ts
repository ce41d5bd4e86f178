// The model tier's runs, each computed once and shared. A run is keyed by its whole scenario (its
// JSON), so the same preset and seed reached through different overrides is one run: the 2024
// replay at seed 1 is computed once for the golden, the replay's checks, the counterfactuals, the
// convergence at the preset's own step and the lessons. The model project runs its files in one
// module graph per worker (isolate: false in vitest.config.ts), so the runs are shared across files
// in memory, and its workers share them through a directory that lives for one `vitest run`
// (runs-store.ts): a run is computed once per `vitest run`, whichever worker asks first.
//
// Ask for the least a test reads:
//   summaryOf(s)  the summary, recorded in 'summary' mode (src/core/observers/recorder.ts)
//   leanRun(s)    the summary and the event log, same mode
//   fullRun(s)    everything: series, per-host and per-VM samples ('all'), for series and goldens
// A full run answers a later summary or lean request; the record modes give the same summary and
// event log bit for bit (tests/unit/{core,model}/record-mode.test.ts). Results are shared: read them,
// never write into them. A test that checks two runs of one scenario agree must run it itself.
import { Simulation, isPanic, type SimEvent, type SimResult, type Summary } from '../../../src/core/index.ts';
import { presetNames, type Scenario } from '../../../src/scenario/index.ts';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';
import { scenarioWith } from '../helpers.ts';
import { drop, keep, put, take, type Kind } from './runs-store.ts';

export interface LeanRun {
  readonly summary: Summary;
  readonly events: readonly SimEvent[];
}

const full = new Map<string, SimResult>();
const lean = new Map<string, LeanRun>();

/** Runs computed, requests answered from memory and runs another worker computed (tests/unit/harness/runs.test.ts). */
export const runStats = { full: 0, lean: 0, reused: 0, stored: 0 };

/** `compute` once per `vitest run`: another worker's stored run, or this one's, stored for the others. */
function shared<T>(key: string, kinds: readonly ('full' | 'lean')[], kind: 'full' | 'lean', compute: () => T): T {
  const stored = take<T>(key, kinds, kind);
  if (stored !== undefined) {
    runStats.stored++;
    return stored;
  }
  let r: T;
  try {
    r = compute();
  } catch (e) {
    drop(key, kind);
    throw e;
  }
  put(key, kind, r);
  return r;
}

const keyOf = (s: Scenario): string => JSON.stringify(s);

/**
 * The presets' own runs (seed 1), which golden.test.ts reads whole: a lean request for one computes the
 * full run, which answers both, instead of a lean run now and the full one again later (RUN_LOG showed
 * each preset's run twice, lean for the seeds and full for the golden). Recording everything costs
 * little next to the stepping (the 2017 run: 1.12 CPU s full, 1.23 lean).
 */
const WHOLE_ANYWAY = new Set(presetNames().map((p) => keyOf(scenarioWith({}, p))));

/** steps between two refreshes of the claim: milliseconds of work, however large the fleet */
const CHUNK_STEPS = 60;

/**
 * Steps `sim` to its end in chunks, calling `between` after each (the claim's refresh). Stepping in
 * chunks is stepping: advance(n) runs the same steps whatever n (the playground's worker steps in
 * chunks too; tests/unit/harness/runs-store.test.ts checks the result bit for bit).
 */
export function runToEnd(sim: Simulation, between: () => void): void {
  while (!sim.advance(CHUNK_STEPS)) between();
}

/**
 * Steps a run this worker claimed, keeping its claim fresh for the workers waiting on it. RUN_LOG=file
 * appends a line per run computed: CPU seconds, kind, seed, step, minutes, the key's hash, the test that
 * asked first (CONTRIBUTING.md, "Cost").
 */
function complete(sim: Simulation, key: string, kind: Kind): void {
  const cpu = process.cpuUsage();
  runToEnd(sim, () => keep(key, kind));
  const log = process.env.RUN_LOG;
  if (!log) return;
  const d = process.cpuUsage(cpu);
  const { scenario: s } = sim.state;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const { testPath = '', currentTestName = '' } = expect.getState();
  const test = `${testPath.replace(/.*\/tests\/unit\//, '')} > ${currentTestName}`;
  const cols = [((d.user + d.system) / 1e6).toFixed(2), kind, s.seed, s.stepSeconds, s.durationMinutes, hash, test];
  appendFileSync(log, `${cols.join('\t')}\n`);
}

/** The whole run, every buffer recorded: for tests that read series, samples or host arrays. */
export function fullRun(s: Scenario): SimResult {
  const key = keyOf(s);
  const done = full.get(key);
  if (done) {
    runStats.reused++;
    return done;
  }
  const r = shared(key, ['full'], 'full', () => {
    const sim = new Simulation(s);
    complete(sim, key, 'full');
    runStats.full++;
    const result = sim.result();
    put(key, 'lean', { summary: result.summary, events: result.events });
    return result;
  });
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
  if (WHOLE_ANYWAY.has(key)) return fullRun(s);
  const r = shared<LeanRun>(key, ['lean', 'full'], 'lean', () => {
    const sim = new Simulation(s, { record: 'summary' });
    complete(sim, key, 'lean');
    runStats.lean++;
    return { summary: sim.summary(), events: sim.log.events };
  });
  lean.set(key, r);
  return r;
}

/** The summary of a whole run. */
export const summaryOf = (s: Scenario): Summary => leanRun(s).summary;

/**
 * Hosts panicked by `minute` in a run (its events) and over the whole run (its summary): a claim about
 * the panics of a storm read from a whole-day run another test needs anyway, where other worlds of the
 * same claim run only to that minute (a run cut short is the first part of the whole run, event for event).
 */
export function panickedBy(r: LeanRun, minute: number): { by: number; all: number } {
  const panics = r.events.filter(isPanic);
  const by = new Set(panics.filter((e) => e.t <= minute * 60).map((e) => e.hv)).size;
  return { by, all: r.summary.hypervisors.panicked };
}

/**
 * For a model test that needs more than the tier's MODEL_TIMEOUT (vitest.config.ts): tens of whole
 * runs, or runs at a 1 s step (five times the steps of the presets' 5 s). A hang guard, not a measurement.
 */
export const MANY_RUNS = { timeout: 600_000 };
