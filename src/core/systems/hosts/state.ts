// The hosts' lifecycle part of the state: which hypervisors are up, the state each shows on the
// map, and the run's panic counters (lifecycle.ts panics and reboots hosts, map.ts sets the state).

import type { Scenario } from '../../../scenario/index.ts';
import { HV_HEALTHY, HV_PARKED } from '../../types.ts';

export type HostsState = ReturnType<typeof createHostsState>;

/** `hosts`: the starting hosts (up) and the parked ones addHosts can add (down, HV_PARKED, until added). */
export function createHostsState(s: Scenario, hosts: number) {
  const start = s.fleet.hypervisors;
  return {
    /** 1 while the host runs (0: panicked, rebooting, parked) */
    up: new Uint8Array(hosts).fill(1, 0, start),
    /** what the map shows: HV_HEALTHY .. HV_PARKED (types.ts) */
    hvState: new Uint8Array(hosts).fill(HV_HEALTHY).fill(HV_PARKED, start),
    panickedEver: new Uint8Array(hosts),
    panics: 0,
    /** seconds of the first panic (-1: none yet) */
    firstPanicT: -1,
  };
}

export const HOSTS_DOUBLES = ['firstPanicT'] as const;
