// The run's own part of the state: the scenario, the one seeded generator, the step and the clock.

import type { Scenario } from '../scenario/index.ts';
import { Rng } from './rng.ts';

export type RunState = ReturnType<typeof createRunState>;

export function createRunState(s: Scenario) {
  const dt = s.stepSeconds;
  return {
    scenario: s,
    rng: new Rng(s.seed),
    dt,
    totalSteps: Math.ceil((s.durationMinutes * 60) / dt),
    step: 0,
    /** seconds since minute 0 at the start of the current step */
    t: 0,
  };
}

/** Number fields of this part that hold doubles during a run (state.ts: DOUBLE_FIELDS). */
export const RUN_DOUBLES = ['t'] as const;
