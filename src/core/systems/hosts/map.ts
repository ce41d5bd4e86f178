// What each host shows on the map, worst first: hung, saturated or swapping (thrashing),
// pressured, healthy. A panicked or rebooting host keeps the state its events set.

import type { SimState } from '../../sim-state.ts';
import { HV_HEALTHY, HV_HUNG, HV_PRESSURED, HV_THRASHING } from '../../types.ts';
import { HOST_PRESSURED_PSI, QUEUE_BLOCK_SECONDS } from '../../settings.ts';

export function hostStateSystem(st: SimState): void {
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0) continue; // panicked / rebooting are set by events
    st.hvState[h] = st.hungThisEpisode[h]
      ? HV_HUNG
      : st.diskQueueSeconds[h] > QUEUE_BLOCK_SECONDS
        ? HV_THRASHING
        : st.maintOn && st.hostSwapping[h]
          ? HV_THRASHING
          : st.hostThrashing[h] > 0 || st.hostPsi[h] > HOST_PRESSURED_PSI
            ? HV_PRESSURED
            : HV_HEALTHY;
  }
}
