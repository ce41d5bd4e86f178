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

/** Each run's multipliers for one minute: backgroundNoise of every host, drawn once that minute. */
interface MinuteNoise {
  minute: number;
  values: Float64Array;
}
const noises = new WeakMap<SimState, MinuteNoise>();

/**
 * Every host's backgroundNoise for the step, as an array: the values change once a simulated
 * minute, so they are drawn when the minute changes (the same keyed draws, the same doubles) and
 * read from the array in the disk systems' per-host loops.
 */
export function backgroundNoises(st: SimState): Float64Array {
  const minute = Math.floor((st.t + st.dt / 2) / BACKGROUND_NOISE_SECONDS);
  let n = noises.get(st);
  if (n === undefined || n.values.length !== st.hosts) {
    n = { minute: -1, values: new Float64Array(st.hosts) };
    noises.set(st, n);
  }
  if (n.minute !== minute) {
    for (let h = 0; h < st.hosts; h++) n.values[h] = backgroundNoise(st, h);
    n.minute = minute;
  }
  return n.values;
}
