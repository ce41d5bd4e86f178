// One parameter sweep at a time (one parameter, or two for a heatmap), run in a pool of workers
// (never on the main thread). The pool exists only while a sweep runs: it is disposed when the
// sweep ends, is cancelled, or the page leaves. Rows fill in as runs finish ("done of total").
// With worlds > 1 each value runs as an ensemble (seeds seed.., and the typical constants drawn
// when asked), the same worlds for every value (the swept parameters are never drawn), and a row
// says in how many worlds a hypervisor panicked.

import {
  assumptionRanges,
  EnsembleRunner,
  presetChanges,
  type EnsembleSummary,
  type Summary,
} from '../../core/index.ts';
import type { ValidScenario } from '../../scenario/index.ts';
import { SimPool } from '../../worker/index.ts';
import { runOnPool } from '../ensemble/pool-members.ts';
import { fingerprint, type Fingerprint } from './cliff.ts';

export type SweepValue = number | string | boolean;
export interface SweepRow {
  value: SweepValue;
  /** the second parameter's value in a 2-D sweep */
  b?: SweepValue;
  /** null until its run finishes (or when it failed / was cancelled) */
  summary: Summary | null;
  /** the run's event log, counted by wording (to explain a cliff) */
  fingerprint: Fingerprint | null;
  error: string | null;
  /** with several worlds per value: their odds and spreads (summary is then the first world's) */
  ensemble?: EnsembleSummary | null;
}

/** Worlds per swept value: 1 is the plain sweep. */
export interface SweepWorlds {
  members: number;
  varyAssumptions: boolean;
}
export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled';

/** The worlds one value of a sweep runs in: the user's own settings and the swept parameters are never drawn. */
export function worldsRunner(
  s: ValidScenario,
  path: string,
  pathB: string | undefined,
  worlds: SweepWorlds,
  rows = assumptionRanges(),
): EnsembleRunner {
  const own = presetChanges(s).map((c) => c.path);
  const fixed = [...own, path, ...(pathB ? [pathB] : [])];
  return new EnsembleRunner(s, { ...worlds, fixed }, rows);
}

/** Every scenario a sweep value runs (its worlds, or itself alone): what the huge-fleet question weighs. */
export function worldScenarios(
  s: ValidScenario,
  path: string,
  pathB: string | undefined,
  worlds: SweepWorlds,
): ValidScenario[] {
  if (worlds.members <= 1) return [s];
  const runner = worldsRunner(s, path, pathB, worlds);
  return runner.jobs.map((job) => runner.scenario(job));
}

export interface SweepJob {
  value: SweepValue;
  b?: SweepValue;
  scenario: ValidScenario;
}

export class SweepRun {
  status = $state<SweepStatus>('idle');
  done = $state(0);
  total = $state(0);
  path = $state('');
  /** the second parameter of a 2-D sweep, or '' */
  pathB = $state('');
  valuesA = $state.raw<SweepValue[]>([]);
  valuesB = $state.raw<SweepValue[]>([]);
  clockStart = $state('00:00');
  rows = $state.raw<SweepRow[]>([]);
  /** worlds per value of the sweep on screen (1: one run each) */
  worlds = $state(1);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  async run(
    path: string,
    jobs: SweepJob[],
    clockStart: string,
    grid?: { pathB: string; valuesA: SweepValue[]; valuesB: SweepValue[] },
    worlds: SweepWorlds = { members: 1, varyAssumptions: false },
  ): Promise<void> {
    this.cancel();
    const ac = new AbortController();
    // a worker per core, at most 4 (SimPool's default): the page only draws rows meanwhile, and if
    // the live run's worker is busy too (an edit during the sweep) the OS shares the cores
    const pool = new SimPool();
    this.#abort = ac;
    this.#pool = pool;
    this.path = path;
    this.pathB = grid?.pathB ?? '';
    this.valuesA = grid?.valuesA ?? [];
    this.valuesB = grid?.valuesB ?? [];
    this.clockStart = clockStart;
    this.rows = jobs.map((p) => ({ value: p.value, b: p.b, summary: null, fingerprint: null, error: null }));
    this.done = 0;
    this.worlds = Math.max(1, worlds.members);
    this.total = jobs.length * this.worlds;
    this.status = 'running';
    if (worlds.members > 1) await this.#worlds(pool, ac, path, grid?.pathB, jobs, worlds);
    else
      await Promise.all(
        jobs.map((p, i) =>
          pool.run(p.scenario, { summaryOnly: true, signal: ac.signal }).then((o) => {
            if (this.#abort !== ac || o.type === 'cancelled') return;
            this.done++;
            const row: SweepRow =
              o.type === 'results'
                ? { value: p.value, b: p.b, summary: o.summary, fingerprint: fingerprint(o.events), error: null }
                : { value: p.value, b: p.b, summary: null, fingerprint: null, error: o.message };
            this.rows = this.rows.map((r, j) => (j === i ? row : r));
          }),
        ),
      );
    if (this.#abort !== ac) return; // cancelled or superseded: cancel() has cleaned up
    this.#release();
    this.status = 'done';
  }

  /**
   * Every value as an ensemble on the same worlds, through the core's member runner (the one
   * "How sure?" and the CLI use); a row fills in when all its worlds are done.
   */
  async #worlds(
    pool: SimPool,
    ac: AbortController,
    path: string,
    pathB: string | undefined,
    jobs: SweepJob[],
    worlds: SweepWorlds,
  ): Promise<void> {
    const rows = assumptionRanges();
    await Promise.all(
      jobs.map(async (p, i) => {
        const runner = worldsRunner(p.scenario, path, pathB, worlds, rows);
        let first: { summary: Summary; fingerprint: Fingerprint } | null = null;
        const error = await runOnPool(runner, pool, {
          signal: ac.signal,
          onRun: (job, o) => {
            this.done += runner.membersOf(job).length; // a run of a repeated world counts for each member
            if (o && job.member.index === 0) first = { summary: o.summary, fingerprint: fingerprint(o.events) };
          },
        });
        if (this.#abort !== ac) return;
        const done = first as { summary: Summary; fingerprint: Fingerprint } | null;
        const row: SweepRow =
          !error && done
            ? {
                value: p.value,
                b: p.b,
                summary: done.summary,
                fingerprint: done.fingerprint,
                error: null,
                ensemble: runner.result().a,
              }
            : { value: p.value, b: p.b, summary: null, fingerprint: null, error: error ?? 'no result' };
        this.rows = this.rows.map((r, j) => (j === i ? row : r));
      }),
    );
  }

  /** Stops the runs in flight and frees the workers; finished rows stay. */
  cancel(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#release();
    if (this.status === 'running') this.status = 'cancelled';
  }

  #release(): void {
    this.#pool?.dispose();
    this.#pool = null;
    this.#abort = null;
  }
}
