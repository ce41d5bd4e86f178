// A challenge's goal checked against the verdict's own figures, world by world. Pure: the
// student's checklist and the class board both judge through evaluate(), from summaries the page
// computed itself (a link's claim is never read).

import { memberScenario, planEnsemble, type Summary } from '../../core/index.ts';
import { PARAM_BY_PATH, type Challenge, type ValidScenario } from '../../scenario/index.ts';

/** What a goal reads from one world's summary. */
export interface WorldFigures {
  seed: number;
  hosts: number;
  panicked: number;
  produced: number;
  dropped: number;
  lost: number;
}

export function figuresOf(s: Summary): WorldFigures {
  return {
    seed: s.seed,
    hosts: s.hypervisors.total,
    panicked: s.hypervisors.panicked,
    produced: s.telemetry.produced,
    dropped: s.telemetry.dropped,
    lost: s.telemetry.lost,
  };
}

/** `part` in percent of the events produced (0 when none were produced). */
export function percent(part: number, produced: number): number {
  return produced > 0 ? (100 * part) / produced : 0;
}

/**
 * A percent for a goal's line: two decimals, or more when two would round across the limit
 * (4.996 % is not "5.00 %" when the limit is 5 %).
 */
export function showPercent(p: number, limit: number | null = null): string {
  for (const digits of [2, 4, 6]) {
    const text = p.toFixed(digits);
    if (limit === null || p <= limit === Number(text) <= limit) return `${text}%`;
  }
  return `${p}%`;
}

/** The worlds of a challenge: its scenario on seeds seed .. seed + n - 1 (the core's ensemble worlds, nothing drawn). */
export function worldScenarios(s: ValidScenario, n: number): ValidScenario[] {
  const plan = planEnsemble(s, { members: Math.max(1, n), varyAssumptions: false }, []);
  return plan.members.map((m) => (m.index === 0 ? s : memberScenario(s, m)));
}

export type GoalId = 'nopanic' | 'dropped' | 'lost' | 'budget';

export interface GoalCheck {
  id: GoalId;
  /** the goal in words ("No hypervisor panics in 4 of 4 worlds") */
  label: string;
  /** true only when every world was checked and each meets it */
  met: boolean;
  /** what the figures say ("2 of 12 hypervisors panicked", "held in 3 of 4 worlds; worst 12.50%") */
  detail: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One goal over the worlds: met in how many, and the worst world's line. */
function overWorlds(
  c: Challenge,
  worlds: readonly WorldFigures[],
  ok: (w: WorldFigures) => boolean,
  value: (w: WorldFigures) => number,
  line: (w: WorldFigures) => string,
): { met: boolean; detail: string } {
  if (worlds.length === 0) return { met: false, detail: 'not run yet' };
  const held = worlds.filter(ok).length;
  const worst = worlds.reduce((a, b) => (value(b) > value(a) ? b : a));
  const met = worlds.length >= c.worlds && held === worlds.length;
  if (c.worlds === 1) return { met, detail: line(worlds[0]) };
  const checked = worlds.length < c.worlds ? ` (${worlds.length} of ${c.worlds} checked so far)` : '';
  return { met, detail: `held in ${held} of ${worlds.length} worlds${checked}; worst: ${line(worst)}` };
}

/**
 * The checklist: each goal of the challenge, and its budget, against the worlds checked so far
 * (`worlds[0]` is the run on screen) and the answer's changes (allowed paths changed from the start).
 */
export function evaluate(c: Challenge, worlds: readonly WorldFigures[], changed: readonly string[]): GoalCheck[] {
  const inWorlds = c.worlds > 1 ? ` in ${c.worlds} of ${c.worlds} worlds` : '';
  const out: GoalCheck[] = [];
  if (c.goal.noPanic)
    out.push({
      id: 'nopanic',
      label: `No hypervisor panics${inWorlds}`,
      ...overWorlds(
        c,
        worlds,
        (w) => w.panicked === 0,
        (w) => w.panicked,
        (w) => `${w.panicked} of ${w.hosts} hypervisors panicked`,
      ),
    });
  for (const [id, limit, what] of [
    ['dropped', c.goal.maxDroppedPct, 'dropped'],
    ['lost', c.goal.maxLostPct, 'lost'],
  ] as const) {
    if (limit === null) continue;
    const share = (w: WorldFigures) => percent(w[id], w.produced);
    out.push({
      id,
      label: `Telemetry events ${what}: at most ${limit}%${inWorlds}`,
      ...overWorlds(
        c,
        worlds,
        (w) => share(w) <= limit,
        share,
        (w) => `${showPercent(share(w), limit)} ${what}`,
      ),
    });
  }
  if (c.budget !== null) {
    const names = changed.map((p) => PARAM_BY_PATH.get(p)?.label ?? p);
    out.push({
      id: 'budget',
      label: `At most ${plural(c.budget, 'change')}`,
      met: changed.length <= c.budget,
      detail: changed.length ? `${plural(changed.length, 'change')}: ${names.join(', ')}` : 'no change yet',
    });
  }
  return out;
}

/** True when every goal of the checklist is met. */
export function allMet(checks: readonly GoalCheck[]): boolean {
  return checks.length > 0 && checks.every((g) => g.met);
}

/** The worst world's figures (most panicked, then most dropped): what a board row and its dot show. */
export function worstWorld(worlds: readonly WorldFigures[]): WorldFigures | null {
  if (worlds.length === 0) return null;
  return worlds.reduce((a, b) =>
    b.panicked > a.panicked ||
    (b.panicked === a.panicked && percent(b.dropped, b.produced) > percent(a.dropped, a.produced))
      ? b
      : a,
  );
}
