// A host's background-read noise: the one per-host random figure of a disk step.
import type { SimState } from '../../sim-state.ts';
import { BACKGROUND_READ_MIN, BACKGROUND_READ_RANGE } from '../../settings.ts';
import { keyedFloat } from '../../rng.ts';
import { TICKED } from '../../streams.ts';

/** Seconds over which a host's background-read noise holds one value (a function of time, not of the step). */
const BACKGROUND_NOISE_SECONDS = 60;

/**
 * Host h's background-read multiplier for the step, x0.8 to x1.2: a keyed draw per host and
 * minute of the run (TICKED.hostBackground), so a finer step sees the same noise and draws nothing
 * from the run's generator (a step-dependent number of draws would reshuffle every later choice).
 */
export function backgroundNoise(st: SimState, h: number): number {
  const minute = Math.floor((st.t + st.dt / 2) / BACKGROUND_NOISE_SECONDS);
  return (
    BACKGROUND_READ_MIN +
    BACKGROUND_READ_RANGE * keyedFloat(st.scenario.seed, TICKED.hostBackground.keyBase - h, minute)
  );
}
