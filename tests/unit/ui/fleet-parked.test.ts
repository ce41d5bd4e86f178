// The fleet map with hosts the operators add during the run (addHosts): the hosts parked in the
// first frame are counted apart in the map's heading, whatever they do later.
import { describe, expect, it } from 'vitest';
import { HV_HEALTHY, HV_PANICKED, HV_PARKED } from '../../../src/core/index.ts';
import { parkedAtStart } from '../../../src/ui/fleet/fleet.ts';
import type { FleetData } from '../../../src/worker/index.ts';

/** a fleet of `hosts` with the given frames of states (frame-major) */
function fleetOf(hosts: number, frames: number[][]): FleetData {
  return { hosts, frames: frames.length, state: Uint8Array.from(frames.flat()) } as unknown as FleetData;
}

describe('parkedAtStart', () => {
  it('counts the hosts parked in the first frame, not those parked later or never', () => {
    const f = fleetOf(4, [
      [HV_HEALTHY, HV_HEALTHY, HV_PARKED, HV_PARKED],
      [HV_PANICKED, HV_HEALTHY, HV_HEALTHY, HV_PARKED],
      [HV_HEALTHY, HV_HEALTHY, HV_HEALTHY, HV_HEALTHY],
    ]);
    expect(parkedAtStart(f)).toBe(2);
    expect(parkedAtStart(fleetOf(3, [[HV_HEALTHY, HV_HEALTHY, HV_HEALTHY]]))).toBe(0);
    expect(parkedAtStart(fleetOf(2, []))).toBe(0);
  });
});
