// Maintenance group (seed 001, issue 6): how hosts are scheduled into maintenance.
// Each default names its source or says "typical".

import type { Param } from './row.ts';

export const MAINTENANCE_POLICIES = ['fixed-window', 'include-evacuation'] as const;

export const MAINTENANCE_PARAMS = [
  {
    path: 'maintenance.maxConcurrentHosts',
    group: 'maintenance',
    label: 'Seatbelt: hosts at once',
    kind: 'int',
    min: 0,
    max: 5000,
    unit: 'hosts',
    default: 0,
    help: 'At most this many hosts evacuate or sit in maintenance at once (0: no limit).',
    source: 'seed 001 fix: a "safety seatbelt"; 0 = the 2017 behaviour',
  },
  {
    path: 'maintenance.policy',
    group: 'maintenance',
    label: 'Scheduling policy',
    kind: 'enum',
    options: MAINTENANCE_POLICIES,
    default: 'fixed-window',
    help: 'fixed-window: hosts start one after another, evenly spread over the window, whatever evacuation takes. include-evacuation: the next host starts when the previous one has evacuated.',
    source: 'seed 001: the schedule ignored evacuation time; its fix includes it',
  },
] as const satisfies readonly Param[];
