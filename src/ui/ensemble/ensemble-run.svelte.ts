// "How sure?": the scenario on screen run as an ensemble on a pool of workers (never on the main
// thread), optionally paired with its preset on the same worlds. Members fill in as they finish
// ("done of total"); Cancel or a new request drops the pool. Pure combination lives in the core
// (summarizeEnsemble, comparePaired); this class only schedules and keeps the state on screen.

import {
  assumptionRanges,
  changedPaths,
  comparePaired,
  describeComparison,
  describeEnsemble,
  memberOutcome,
  memberScenario,
  planEnsemble,
  summarizeEnsemble,
  type Change,
  type EnsembleSummary,
  type MemberOutcome,
  type PairedComparison,
} from '../../core/index.ts';
import { loadPreset, type Scenario } from '../../scenario/index.ts';
import { SimPool, type ChartData } from '../../worker/index.ts';
import { poolSize } from '../sweep/sweep-run.svelte.ts';
import { ensembleBand, type EnsembleBand } from '../charts/band.ts';

/** points per chart series of a member (the band needs fewer than the live run's 1000) */
const BAND_POINTS = 500;

export type EnsembleStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface EnsembleRequest {
  members: number;
  varyAssumptions: boolean;
  /** pair with the scenario's preset (A) on the same worlds; the scenario on screen is B */
  againstPreset: boolean;
}

export interface EnsembleView {
  ensemble: EnsembleSummary;
  compare: PairedComparison | null;
  words: string[];
  /** the spread of the scenario on screen (B) per time point, for the charts */
  band: EnsembleBand | null;
}

/** What differs from the preset (empty for a custom scenario or an untouched preset). */
export function presetChanges(s: Scenario): Change[] {
  const base = loadPreset(s.preset);
  return base ? changedPaths({ ...base, seed: s.seed }, s) : [];
}

export class EnsembleRun {
  status = $state<EnsembleStatus>('idle');
  done = $state(0);
  total = $state(0);
  view = $state.raw<EnsembleView | null>(null);
  error = $state<string | null>(null);
  /** JSON of the scenario the latest request was for (the charts show its band only on that scenario) */
  key = $state<string | null>(null);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  async run(scenario: Scenario, req: EnsembleRequest): Promise<void> {
    this.cancel();
    const ac = new AbortController();
    const pool = new SimPool(poolSize());
    this.#abort = ac;
    this.#pool = pool;
    const changes = req.againstPreset ? presetChanges(scenario) : [];
    const preset = req.againstPreset && changes.length ? loadPreset(scenario.preset) : undefined;
    const plan = planEnsemble(
      scenario,
      { members: req.members, varyAssumptions: req.varyAssumptions, fixed: changes.map((c) => c.path) },
      assumptionRanges(),
    );
    const sides = preset ? 2 : 1;
    this.key = JSON.stringify(scenario);
    this.view = null;
    this.error = null;
    this.done = 0;
    this.total = plan.members.length * sides;
    this.status = 'running';
    const a: MemberOutcome[] = new Array(plan.members.length);
    const b: MemberOutcome[] = new Array(plan.members.length);
    const seriesB: ChartData[] = new Array(plan.members.length);
    let failed: string | null = null;
    const one = (s: Scenario, into: MemberOutcome[], i: number) =>
      pool.run(s, { summaryOnly: true, signal: ac.signal, maxPoints: BAND_POINTS }).then((o) => {
        if (this.#abort !== ac || o.type === 'cancelled') return;
        if (o.type === 'error') failed ??= o.message;
        else {
          into[i] = memberOutcome(plan.members[i].index, plan.members[i].seed, plan.members[i].draws, o.summary);
          if (into === b) seriesB[i] = o.series;
        }
        this.done++;
      });
    const jobs: Promise<void>[] = [];
    plan.members.forEach((m, i) => {
      // B is the scenario on screen; A (when paired) is its preset on the same world
      jobs.push(one(memberScenario(scenario, m), b, i));
      if (preset) jobs.push(one(memberScenario({ ...preset, seed: scenario.seed }, m), a, i));
    });
    await Promise.all(jobs);
    if (this.#abort !== ac) return; // cancelled or superseded
    this.#release();
    if (failed) {
      this.error = failed;
      this.status = 'failed';
      return;
    }
    const ensemble = summarizeEnsemble(plan, b, req.varyAssumptions);
    const compare = preset ? comparePaired(changes, a, b) : null;
    this.view = {
      ensemble,
      compare,
      words: [describeEnsemble(ensemble, scenario.clockStart), ...(compare ? [describeComparison(compare)] : [])],
      band: ensembleBand(seriesB),
    };
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
