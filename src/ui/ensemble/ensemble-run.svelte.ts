// An ensemble on a pool of workers (never on the main thread): scenario A over N worlds, and
// optionally B on the same worlds (same seeds, same assumption draws) for a paired comparison.
// "How sure?" pairs the preset (A) with the scenario on screen (B); the config panel pairs the
// current configs (A) with the proposed ones (B). Members fill in as they finish ("done of
// total"); Cancel or a new request drops the pool. The core's EnsembleRunner plans the members,
// reduces and combines them (the CLI drives the same one); this class only keeps the state.

import {
  assumptionRanges,
  EnsembleRunner,
  worldValues,
  type EnsembleResult,
  type EnsembleSummary,
  type WorldValues,
} from '../../core/index.ts';
import type { ValidScenario, WorldSource } from '../../scenario/index.ts';
import { SimPool, type ChartData } from '../../worker/index.ts';
import { ensembleBand, type EnsembleBand } from '../charts/band.ts';
import { HeavyGate } from '../link/heavy-gate.svelte.ts';
import { runOnPool } from './pool-members.ts';
import { changesText } from '../words.ts';
import { oddsText, pairedText } from './words.ts';

/** points per chart series of a member (the band needs fewer than the live run's 1000) */
const BAND_POINTS = 500;

export type EnsembleStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface EnsembleRequest {
  members: number;
  varyAssumptions: boolean;
  /** paths never drawn (the user's own settings) */
  fixed?: string[];
  /** which worlds (absent: the prior with varyAssumptions, else seeds) */
  worlds?: WorldSource;
}

/** A request as kept with a saved run: againstPreset says the result pairs the preset (A) with it (B). */
export interface KeptRequest {
  members: number;
  varyAssumptions: boolean;
  againstPreset: boolean;
}

export interface EnsembleView extends EnsembleResult {
  /** the spread of the scenario on screen (B when it ran, else A) per time point, for the charts */
  band: EnsembleBand | null;
  /**
   * each world's figures, of the same side as the band (where the run on screen sits among them);
   * absent in a result read back from saved work, which keeps the spreads only
   */
  values?: WorldValues | null;
}

/** The odds of the scenario the result is for: B when it was paired with A, else A. */
export function shownOdds(v: EnsembleView): EnsembleSummary {
  return v.b ?? v.a;
}

/** The result in words, as the page shows and a saved run keeps it: the odds, then the pairing. */
export function ensembleWords(v: EnsembleView, clockStart: string): string[] {
  const odds = oddsText(shownOdds(v), clockStart);
  if (!v.compare) return [odds];
  return [odds, `Against the preset (${changesText(v.diff)}), on the same worlds: ${pairedText(v.compare)}.`];
}

export class EnsembleRun {
  status = $state<EnsembleStatus>('idle');
  done = $state(0);
  total = $state(0);
  view = $state.raw<EnsembleView | null>(null);
  error = $state<string | null>(null);
  /** JSON of the scenario the latest request was for (the charts show its band only on that scenario) */
  key = $state<string | null>(null);
  /** the result on screen came from saved work, not this page's run: where from, in words */
  savedFrom = $state<string | null>(null);
  /** the request behind the result on screen, as it is kept with a saved run */
  request = $state.raw<KeptRequest | null>(null);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  /** a request with a huge fleet among its worlds waits here for a yes (HeavyGate) */
  gate = new HeavyGate();

  /**
   * Runs A over the worlds (and B on the same worlds). When any world is a fleet the page asks
   * about (needsConfirmation), nothing starts until `gate.confirm()`: then it runs; a new request
   * or cancel() drops the question.
   */
  run(a: ValidScenario, b: ValidScenario | null, req: EnsembleRequest): Promise<void> {
    this.cancel();
    const runner = new EnsembleRunner(
      a,
      {
        members: req.members,
        varyAssumptions: req.varyAssumptions,
        fixed: req.fixed ?? [],
        b,
        ...(req.worlds ? { worlds: req.worlds } : {}),
      },
      assumptionRanges(),
    );
    // every world either side would run (a varied VM mix can make one bigger than the scenario)
    const worlds = runner.jobs.map((job) => runner.scenario(job));
    return new Promise<void>((resolve) =>
      this.gate.start(worlds, () => void this.#go(runner, a, b, req).then(resolve)),
    );
  }

  async #go(runner: EnsembleRunner, a: ValidScenario, b: ValidScenario | null, req: EnsembleRequest): Promise<void> {
    const ac = new AbortController();
    // a worker per core, at most 4 (SimPool's default): the page only draws progress meanwhile, and
    // if the live run's worker is busy too (an edit during the ensemble) the OS shares the cores
    const pool = new SimPool();
    this.#abort = ac;
    this.#pool = pool;
    this.key = JSON.stringify(b ?? a);
    this.savedFrom = null;
    this.request = { members: req.members, varyAssumptions: req.varyAssumptions, againstPreset: b !== null };
    this.view = null;
    this.error = null;
    this.done = 0;
    // progress counts members (a run of a world that several members repeat counts for each)
    this.total = runner.jobs.reduce((n, job) => n + runner.membersOf(job).length, 0);
    this.status = 'running';
    // the band is drawn for the scenario on screen: B when it runs, else A
    const onScreen = runner.runsB ? 'b' : 'a';
    const series: ChartData[] = new Array(runner.plan.members.length);
    const failed = await runOnPool(runner, pool, {
      signal: ac.signal,
      maxPoints: BAND_POINTS,
      onRun: (job, o) => {
        this.done += runner.membersOf(job).length;
        // a run stands for every member that repeats its world (EnsembleRunner.membersOf)
        if (o && job.side === onScreen) for (const m of runner.membersOf(job)) series[m.index] = o.series;
      },
    });
    if (this.#abort !== ac) return; // cancelled or superseded
    this.#release();
    if (failed) {
      this.error = failed;
      this.status = 'failed';
      return;
    }
    const shown = runner.lines().map((l) => (onScreen === 'b' ? l.b! : l.a));
    this.view = { ...runner.result(), band: ensembleBand(series), values: worldValues(shown) };
    this.status = 'done';
  }

  /** Shows a saved result (a run's ensemble read back) for the scenario `key`, when none is on screen. */
  restore(view: EnsembleView, key: string, request: KeptRequest, savedFrom: string): void {
    if (this.status === 'running') return;
    this.view = view;
    this.key = key;
    this.request = request;
    this.savedFrom = savedFrom;
    this.status = 'done';
  }

  cancel(): void {
    this.gate.dismiss();
    if (!this.#abort) return;
    this.#abort.abort();
    this.#release();
    this.status = 'cancelled';
  }

  #release(): void {
    this.#abort = null;
    this.#pool?.dispose();
    this.#pool = null;
  }
}
