// Run group: seed, duration, time step, clock. Scenario choices, not claims about a system.

import type { Param } from './row.ts';

export const RUN_PARAMS = [
  {
    path: 'seed',
    group: 'run',
    label: 'Seed',
    kind: 'int',
    min: 0,
    max: 4294967295,
    unit: '',
    default: 1,
    help: 'Seed of the one random generator; same scenario and seed give the same run.',
    source: 'scenario choice: any seed; the same seed gives the same run',
  },
  {
    path: 'durationMinutes',
    group: 'run',
    label: 'Duration',
    kind: 'int',
    min: 10,
    max: 2880,
    unit: 'min',
    default: 240,
    help: 'Simulated time.',
    source: 'scenario choice: long enough for a 2 h outage and its aftermath',
  },
  {
    path: 'stepSeconds',
    group: 'run',
    label: 'Time step',
    kind: 'int',
    min: 1,
    max: 30,
    unit: 's',
    default: 5,
    help: 'Fixed step for flows (logs, bytes, I/O); discrete events land on step boundaries.',
    source: 'scenario choice (numerics): MODEL.md asks for 5 s, 1 to 30 s; results must not depend on it',
  },
  {
    path: 'clockStart',
    group: 'run',
    label: 'Clock at minute 0',
    kind: 'string',
    pattern: /^([01]\d|2[0-3]):[0-5]\d$/,
    maxLength: 5,
    default: '10:00',
    help: 'Wall-clock time shown for minute 0 (HH:MM).',
    source: 'scenario choice: display only',
  },
] as const satisfies readonly Param[];
