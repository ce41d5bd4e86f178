// Early rejection for a calibration's later waves (smc.ts): a moved world only matters when its
// distance is within the wave's tolerance (else its parent stays), so its run can stop as soon as
// the distance cannot end within it. While the run goes, three figures are already settled or
// bounded: the first panic (fixed once it happens; once the run is past the interval's end with
// none, the figure is later or never), the hosts that panicked (only grows) and when messaging is
// first back (as the first panic). The bound is the sum of these observations' distance terms
// that no later step can lower (smc.ts observationDistance); the others count 0. A world stopped
// early is rejected, exactly as its whole run would be: the waves' result is the same, cheaper.

import { incidentOf, type Observation } from '../../scenario/index.ts';
import { Simulation } from '../simulation.ts';
import { measureFigures, type Figures } from './observe.ts';
import { MISSING_PENALTY, observationDistance } from './smc.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { Summary } from '../types.ts';

/** sim-time between two looks at the bound (seconds) */
export const EARLY_LOOK_SECONDS = 300;
/** the bound must pass the tolerance by this much (figures are rounded to 1/100 minute) */
const MARGIN = 1e-3;

const minute = (t: number) => Math.round((t / 60) * 100) / 100;

/** The part of an observation's distance no later step can lower, `now` seconds into the run. */
function settled(o: Observation, sim: Simulation, now: number, back: number | null): number {
  const st = sim.state;
  const pending = (x: number | null) =>
    x !== null
      ? observationDistance(o, x)
      : o.hi !== null && minute(now) > o.hi
        ? Math.min(MISSING_PENALTY, observationDistance(o, minute(now)))
        : 0;
  switch (o.figure) {
    case 'firstPanicMinute':
      return pending(st.firstPanicT >= 0 ? minute(st.firstPanicT) : null);
    case 'messagingBackMinute':
      return pending(back);
    case 'hostsPanicked': {
      let n = 0;
      for (let h = 0; h < st.hosts; h++) n += st.panickedEver[h];
      return o.hi !== null && n > o.hi ? observationDistance(o, n) : 0;
    }
    default:
      return 0;
  }
}

export interface ObservedWithin {
  summary: Summary;
  figures: Figures;
  /** the minute the run stopped because its distance could no longer be within the tolerance, else null */
  stopped: number | null;
}

/**
 * Runs a scenario recording only its summary, stopping early once the incident's observations
 * cannot end within `tolerance` (null or Infinity: never), and measures its figures (a stopped
 * run's figures are those of the part it ran).
 */
export function runObservedWithin(scenario: Scenario, tolerance: number | null): ObservedWithin {
  const sim = new Simulation(scenario, { record: 'summary' });
  const incident = incidentOf(scenario.preset);
  const watch =
    incident && tolerance !== null && Number.isFinite(tolerance) ? incident.observations.filter((o) => o.measured) : [];
  const chunk = Math.max(1, Math.round(EARLY_LOOK_SECONDS / sim.state.dt));
  let stopped: number | null = null,
    back: number | null = null,
    seen = 0;
  while (!sim.advance(watch.length ? chunk : sim.totalSteps)) {
    if (!watch.length) continue;
    const events = sim.log.events;
    for (; seen < events.length && back === null; seen++)
      if (events[seen].code === 'messaging-back') back = minute(events[seen].t);
    const now = sim.state.step * sim.state.dt;
    let bound = 0;
    for (const o of watch) bound += settled(o, sim, now, back);
    if (bound > tolerance! + MARGIN) {
      stopped = minute(now);
      break;
    }
  }
  const summary = sim.summary();
  return { summary, figures: measureFigures(summary, sim.log.events), stopped };
}
