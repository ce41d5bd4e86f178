// The student's checklist after every run: world 1 is the run on screen (its summary, as the
// worker computed it); a challenge in N worlds runs worlds 2..N in a pool of workers (summary
// only), then the goal is judged over all of them. A newer run replaces a check in flight.

import type { Summary } from '../../core/index.ts';
import type { ValidScenario } from '../../scenario/index.ts';
import { SimPool } from '../../worker/index.ts';
import { figuresOf, worldScenarios, type WorldFigures } from './goals.ts';

export type CheckStatus = 'idle' | 'checking' | 'done' | 'error';

export class ChallengeCheck {
  status = $state<CheckStatus>('idle');
  /** the worlds checked so far, world 1 first */
  worlds = $state.raw<WorldFigures[]>([]);
  /** JSON of the scenario the worlds are for */
  key = $state<string | null>(null);
  error = $state<string | null>(null);
  #pool: SimPool | null = null;
  #abort: AbortController | null = null;

  /** A finished run of `scenario` (as the worker validated it): check it in `worlds` worlds. */
  async check(scenario: ValidScenario, summary: Summary, worlds: number): Promise<void> {
    const key = JSON.stringify(scenario);
    if (key === this.key && this.status !== 'error') return;
    this.cancel();
    this.key = key;
    this.error = null;
    this.worlds = [figuresOf(summary)];
    if (worlds <= 1) {
      this.status = 'done';
      return;
    }
    this.status = 'checking';
    const ac = new AbortController();
    // a worker per core, at most 4 (SimPool's default): it starts after the run on screen is done,
    // and a newer run (the live worker busy again) cancels it
    const pool = new SimPool();
    this.#abort = ac;
    this.#pool = pool;
    const rest = worldScenarios(scenario, worlds).slice(1);
    const found: (WorldFigures | undefined)[] = new Array(rest.length);
    await Promise.all(
      rest.map((s, i) =>
        pool.run(s, { summaryOnly: true, signal: ac.signal, maxPoints: 2 }).then((o) => {
          if (this.#abort !== ac || o.type === 'cancelled') return;
          if (o.type === 'error') this.error ??= o.message;
          else {
            found[i] = figuresOf(o.summary);
            this.worlds = [this.worlds[0], ...found.filter((w): w is WorldFigures => w !== undefined)];
          }
        }),
      ),
    );
    if (this.#abort !== ac) return;
    this.#release();
    this.status = this.error ? 'error' : 'done';
  }

  /** The scenario on screen changed (an edit, a run in flight): the checklist waits for its run. */
  pending(): void {
    this.cancel();
    this.key = null;
    this.status = 'idle';
  }

  cancel(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#release();
  }

  #release(): void {
    this.#pool?.dispose();
    this.#pool = null;
    this.#abort = null;
  }
}
