// A "How sure?" result kept with the run it was computed for: to and from the stored form, and
// the key that says a stored run and the scenario on screen are the same scenario.

import type { ValidScenario } from '../../scenario/index.ts';
import type { RunInfo, SavedEnsemble } from '../../persist/index.ts';
import { ensembleWords, shownOdds, type EnsembleView, type KeptRequest } from '../ensemble/ensemble-run.svelte.ts';
import type { EnsembleBand } from '../charts/band.ts';

/**
 * A scenario's identity. Every ValidScenario came out of parseScenario, which writes the keys in
 * the table's order: the JSON of two equal scenarios is the same text, whether one was read back
 * from a saved run and the other edited on the page. No second validation is needed to compare.
 */
export function scenarioKey(s: ValidScenario): string {
  return JSON.stringify(s);
}

/**
 * The stored form keeps the odds of the scenario the result was for (B when it was paired with
 * its preset, else A), the paired comparison, and the words the page showed.
 */
export function toSaved(view: EnsembleView, request: KeptRequest, clockStart: string, now: number): SavedEnsemble {
  return {
    request: { ...request },
    summary: shownOdds(view),
    compare: view.compare,
    words: ensembleWords(view, clockStart),
    band: view.band as SavedEnsemble['band'],
    savedAt: now,
  };
}

/** Back to a view: the saved odds as A (the paired side, when there was one, is in `compare`). */
export function fromSaved(e: SavedEnsemble): { view: EnsembleView; request: KeptRequest } {
  return {
    view: {
      a: e.summary,
      b: null,
      compare: e.compare,
      diff: e.compare?.against ?? [],
      identical: false,
      band: e.band as EnsembleBand | null,
    },
    request: e.request,
  };
}

/** The newest saved run of this scenario that has an ensemble (runs are listed newest first). */
export function runWithEnsemble(runs: readonly RunInfo[], key: string): RunInfo | undefined {
  return runs.find((r) => r.ensemble && scenarioKey(r.scenario) === key);
}

/** The newest saved run of this scenario. */
export function runOf(runs: readonly RunInfo[], key: string): RunInfo | undefined {
  return runs.find((r) => scenarioKey(r.scenario) === key);
}
