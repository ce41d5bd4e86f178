// What each host shows on the map, worst first: hung, saturated or swapping (thrashing),
// pressured, healthy. A panicked or rebooting host keeps the state its events set.

import type { SimState } from '../../sim-state.ts';
import { HV_HEALTHY, HV_HUNG, HV_PRESSURED, HV_THRASHING } from '../../types.ts';
import { HOST_PRESSURED_PSI, QUEUE_BLOCK_SECONDS } from '../../settings.ts';

export function hostStateSystem(st: SimState): void {
  // imported bindings read once, not per host (under tsx, the bench's runtime, each read of one
  // in the loop cost more than the rest of it: ARCHITECTURE.md "Where the time goes")
  const hung = HV_HUNG,
    thrashing = HV_THRASHING,
    pressured = HV_PRESSURED,
    healthy = HV_HEALTHY,
    blockQ = QUEUE_BLOCK_SECONDS,
    pressuredPsi = HOST_PRESSURED_PSI;
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0) continue; // panicked / rebooting are set by events
    st.hvState[h] = st.hungThisEpisode[h]
      ? hung
      : st.diskQueueSeconds[h] > blockQ
        ? thrashing
        : st.maintOn && st.hostSwapping[h]
          ? thrashing
          : st.hostThrashing[h] > 0 || st.hostPsi[h] > pressuredPsi
            ? pressured
            : healthy;
  }
}
