// The run's own part of the state: the scenario, the one seeded generator, the step and the clock.

import type { Scenario } from '../scenario/index.ts';
import { Rng } from './rng.ts';

export type RunState = ReturnType<typeof createRunState>;

export function createRunState(s: Scenario) {
  const dt = s.stepSeconds;
  return {
    // a shallow copy (same values, same nested objects but controlPlane's): the validated scenario is
    // built key by key, and past a dozen keyed stores V8 keeps an object in dictionary mode, where
    // every `st.scenario.x` of the systems' per-host loops is a hash lookup; a spread is a fast object
    scenario: { ...s, controlPlane: { ...s.controlPlane } } as Scenario,
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
