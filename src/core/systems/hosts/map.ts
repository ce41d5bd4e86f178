// What each host shows on the map, worst first: hung, saturated or swapping (thrashing),
// pressured, healthy. A panicked or rebooting host keeps the state its events set.

import type { SimState } from '../../sim-state.ts';
import { HV_HEALTHY, HV_HUNG, HV_PRESSURED, HV_THRASHING } from '../../types.ts';
import { HOST_PRESSURED_PSI, QUEUE_BLOCK_SECONDS } from '../../settings.ts';

export function hostStateSystem(st: SimState): void {
  // imported bindings and the arrays read once, not per host (under tsx, the bench's runtime, each
  // read of an imported binding in the loop costs, and each st.x one more check: ARCHITECTURE.md)
  const hung = HV_HUNG,
    thrashing = HV_THRASHING,
    pressured = HV_PRESSURED,
    healthy = HV_HEALTHY,
    blockQ = QUEUE_BLOCK_SECONDS,
    pressuredPsi = HOST_PRESSURED_PSI;
  const { up, hvState, hungThisEpisode, diskQueueSeconds, hostSwapping, hostThrashing, hostPsi } = st,
    maintOn = st.maintOn;
  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) continue; // panicked / rebooting are set by events
    hvState[h] = hungThisEpisode[h]
      ? hung
      : diskQueueSeconds[h] > blockQ
        ? thrashing
        : maintOn && hostSwapping[h]
          ? thrashing
          : hostThrashing[h] > 0 || hostPsi[h] > pressuredPsi
            ? pressured
            : healthy;
  }
}
