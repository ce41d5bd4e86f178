// An ensemble on a pool of workers (never on the main thread): scenario A over N worlds, and
// optionally B on the same worlds (same seeds, same assumption draws) for a paired comparison.
// "How sure?" pairs the preset (A) with the scenario on screen (B); the config panel pairs the
// current configs (A) with the proposed ones (B). Members fill in as they finish ("done of
// total"); Cancel or a new request drops the pool. Pure combination lives in the core
// (planPaired, summarizeEnsemble, comparePaired); this class only schedules and keeps the state.

import {
  assumptionRanges,
  changedPaths,
  comparePaired,
  describeComparison,
  describeEnsemble,
  memberOutcome,
  memberScenario,
  planPaired,
  summarizeEnsemble,
  type Change,
  type EnsembleSummary,
  type MemberOutcome,
  type PairedComparison,
} from '../../core/index.ts';
import { loadPreset, type Scenario, type ValidScenario } from '../../scenario/index.ts';
import { SimPool, type ChartData } from '../../worker/index.ts';
import { poolSize } from '../sweep/sweep-run.svelte.ts';
import { ensembleBand, type EnsembleBand } from '../charts/band.ts';

/** points per chart series of a member (the band needs fewer than the live run's 1000) */
const BAND_POINTS = 500;

export type EnsembleStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface EnsembleRequest {
  members: number;
  varyAssumptions: boolean;
  /** paths never drawn (the user's own settings) */
  fixed?: string[];
}

/** A request as kept with a saved run: againstPreset says the result pairs the preset (A) with it (B). */
export interface KeptRequest {
  members: number;
  varyAssumptions: boolean;
  againstPreset: boolean;
}

export interface EnsembleView {
  /** A over the worlds */
  a: EnsembleSummary;
  /** B over the same worlds; null when no B was given or B is A */
  b: EnsembleSummary | null;
  compare: PairedComparison | null;
  /** what B changes from A (empty with no B, or when B sets every parameter as A does) */
  diff: Change[];
  /** a B was given and it sets every parameter as A does: it was not run */
  identical: boolean;
  /** the spread of the scenario on screen (B when it ran, else A) per time point, for the charts */
  band: EnsembleBand | null;
}

/** The odds of the scenario the result is for: B when it was paired with A, else A. */
export function shownOdds(v: EnsembleView): EnsembleSummary {
  return v.b ?? v.a;
}

/** The result in words, as the page shows and a saved run keeps it: the odds, then the pairing. */
export function ensembleWords(v: EnsembleView, clockStart: string): string[] {
  return [describeEnsemble(shownOdds(v), clockStart), ...(v.compare ? [describeComparison(v.compare)] : [])];
}

/** The scenario's preset with the scenario's seed (null for a custom scenario). */
export function presetOf(s: Scenario): Scenario | null {
  const base = loadPreset(s.preset);
  return base ? { ...base, seed: s.seed } : null;
}

/** What differs from the preset (empty for a custom scenario or an untouched preset). */
export function presetChanges(s: Scenario): Change[] {
  const base = presetOf(s);
  return base ? changedPaths(base, s) : [];
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

  async run(a: Scenario, b: Scenario | null, req: EnsembleRequest): Promise<void> {
    this.cancel();
    const { plan, diff } = planPaired(
      a,
      b,
      { members: req.members, varyAssumptions: req.varyAssumptions, fixed: req.fixed ?? [] },
      assumptionRanges(),
    );
    const runB = b !== null && diff.length > 0;
    const ac = new AbortController();
    const pool = new SimPool(poolSize());
    this.#abort = ac;
    this.#pool = pool;
    this.key = JSON.stringify(b ?? a);
    this.savedFrom = null;
    this.request = { members: req.members, varyAssumptions: req.varyAssumptions, againstPreset: b !== null };
    this.view = null;
    this.error = null;
    this.done = 0;
    this.total = plan.members.length * (runB ? 2 : 1);
    this.status = 'running';
    const outA: MemberOutcome[] = new Array(plan.members.length);
    const outB: MemberOutcome[] = new Array(plan.members.length);
    // the band is drawn for the scenario on screen: B when it runs, else A
    const onScreen = runB ? outB : outA;
    const series: ChartData[] = new Array(plan.members.length);
    let failed: string | null = null;
    const one = (s: ValidScenario, into: MemberOutcome[], i: number) =>
      pool.run(s, { summaryOnly: true, signal: ac.signal, maxPoints: BAND_POINTS }).then((o) => {
        if (this.#abort !== ac || o.type === 'cancelled') return;
        if (o.type === 'error') failed ??= o.message;
        else {
          into[i] = memberOutcome(plan.members[i].index, plan.members[i].seed, plan.members[i].draws, o.summary);
          if (into === onScreen) series[i] = o.series;
        }
        this.done++;
      });
    const jobs: Promise<void>[] = [];
    plan.members.forEach((m, i) => {
      jobs.push(one(memberScenario(a, m), outA, i));
      if (runB) jobs.push(one(memberScenario(b, m), outB, i));
    });
    await Promise.all(jobs);
    if (this.#abort !== ac) return; // cancelled or superseded
    this.#release();
    if (failed) {
      this.error = failed;
      this.status = 'failed';
      return;
    }
    this.view = {
      a: summarizeEnsemble(plan, outA, req.varyAssumptions),
      b: runB ? summarizeEnsemble(plan, outB, req.varyAssumptions) : null,
      compare: runB ? comparePaired(diff, outA, outB) : null,
      diff,
      identical: b !== null && !runB,
      band: ensembleBand(series),
    };
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
