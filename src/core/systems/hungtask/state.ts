// khungtaskd's part of the state (system.ts): the scan interval, each host's next scan and
// whether the host's current D-state episode has been reported.

import type { Scenario } from '../../../scenario/index.ts';
import type { Rng } from '../../rng.ts';

export type HungTaskState = ReturnType<typeof createHungTaskState>;

/**
 * Each starting host's first scan at a phase of its own: one draw per host from the run's
 * generator (the run's first draws). A parked host (`hosts` past the starting ones) has none
 * until it is added (operator/actions.ts draws its phase then).
 */
export function createHungTaskState(s: Scenario, rng: Rng, hosts: number) {
  const scanInterval = s.hypervisor.hungTaskCheckIntervalSeconds || s.hypervisor.hungTaskTimeoutSeconds;
  const nextScan = new Float64Array(hosts).fill(Infinity);
  for (let h = 0; h < s.fleet.hypervisors; h++) nextScan[h] = scanInterval > 0 ? rng.float() * scanInterval : Infinity;
  return {
    scanInterval,
    nextScan,
    /** 1 once this D-state episode of the host has been logged as a hung task */
    hungThisEpisode: new Uint8Array(hosts),
  };
}
