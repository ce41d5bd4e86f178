// The page's "How sure?" result and where it is kept: the EnsembleRun beside the verdict, the
// band it shades on the charts (only while the scenario on screen is the one it ran), the result
// kept with the newest saved run of its scenario, and shown again (not re-run) after a reload.

import type { ValidScenario } from '../../scenario/index.ts';
import type { StoredRun } from '../../persist/index.ts';
import { EnsembleRun } from '../ensemble/ensemble-run.svelte.ts';
import type { Workspace } from '../saved/workspace.svelte.ts';
import { fromSaved, runOf, runWithEnsemble, scenarioKey, toSaved } from './kept-ensemble.ts';

/** What the kept ensembles read of the session. */
export interface OnScreen {
  readonly scenario: ValidScenario;
  /** a run from the history shown instead of the live one */
  readonly past: StoredRun | null;
}

export class KeptEnsembles {
  readonly run = new EnsembleRun();
  readonly #ws: Workspace;
  readonly #screen: OnScreen;

  constructor(ws: Workspace, screen: OnScreen) {
    this.#ws = ws;
    this.#screen = screen;
  }

  /** the spread shaded on the charts: a past run's own, or this page's for the scenario on screen */
  readonly band = $derived.by(() => {
    const { past, scenario } = this.#screen;
    if (past) return past.ensemble?.band ?? null;
    const view = this.run.view;
    return view && this.run.key === scenarioKey(scenario) ? view.band : null;
  });

  /** Sets up keeping and restoring; call once while the root component initialises. */
  start(): void {
    const ensemble = this.run;
    const ws = this.#ws;
    // a finished result is kept with the newest saved run of its scenario
    const kept = new WeakSet<object>();
    $effect(() => {
      const view = ensemble.view,
        req = ensemble.request,
        key = ensemble.key;
      if (ensemble.status !== 'done' || !view || !req || !key || ensemble.savedFrom || kept.has(view)) return;
      const run = runOf(ws.runs, key);
      if (!run) return; // the run is not saved yet: ws.runs changes when it is, and this runs again
      kept.add(view);
      void ws.setRunEnsemble(run.id, toSaved(view, req, run.scenario.clockStart, Date.now())).then((ok) => {
        if (ok && ensemble.view === view)
          ensemble.savedFrom = `Saved with run #${run.id}: it is still here after a reload.`;
      });
    });
    // after a reload: the kept result of the scenario on screen, when nothing newer is on screen
    let restoredFor = '';
    $effect(() => {
      const { past, scenario } = this.#screen;
      if (past || ensemble.view || ensemble.status === 'running') return;
      const key = scenarioKey(scenario);
      const run = runWithEnsemble(ws.runs, key);
      if (!run || restoredFor === key) return;
      restoredFor = key;
      void ws.getRun(run.id).then((r) => {
        if (!r?.ensemble || ensemble.view || ensemble.status === 'running') return;
        const { view, request } = fromSaved(r.ensemble);
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- formatted once, never kept
        const when = new Date(r.ensemble.savedAt || r.createdAt).toLocaleString();
        ensemble.restore(view, key, request, `Saved with run #${r.id} on ${when} (not re-run).`);
      });
    });
  }
}
