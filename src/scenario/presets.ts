// Presets: named starting points, each a partial scenario read through parseScenario like any
// other input. A preset must parse with no issues (a test checks every one).

import { parseScenario } from './validate.ts';
import type { Scenario } from './types.ts';

export interface PresetInfo {
  name: string;
  title: string;
  description: string;
  /** the partial scenario: only what differs from the table defaults */
  overrides: Record<string, unknown>;
}

export const PRESETS: readonly PresetInfo[] = [
  {
    name: 'workshop-outage',
    title: 'Workshop: a 2 h messaging outage',
    description:
      'A small fleet of small VMs. Messaging goes down for two hours; agents block, the backlog piles up in RAM, ' +
      'small VMs thrash and re-read their programs from disk, hypervisor disks saturate, khungtaskd panics hosts.',
    overrides: {
      durationMinutes: 240,
      // a plain scripted outage: nothing redeploys, so the lesson stays the telemetry chain
      controlPlane: { enabled: false },
      events: [{ atMinute: 10, kind: 'messagingOutage', durationMinutes: 120 }],
    },
  },
  {
    name: 'clevercloud-2024-08-02',
    title: 'Clever Cloud, 2024-08-02 (messaging part scripted)',
    description:
      'The Pulsar upgrade at 10:06 took messaging down until all brokers were restarted around 12:28 (seed 002). ' +
      'Here the outage is a scripted event; the broker model that makes it emerge comes later.',
    overrides: {
      durationMinutes: 360,
      clockStart: '10:00',
      fleet: { zones: 3, hypervisors: 60 },
      events: [{ atMinute: 8, kind: 'messagingOutage', durationMinutes: 140 }],
    },
  },
];

export const DEFAULT_PRESET = 'workshop-outage';

export function presetNames(): string[] {
  return PRESETS.map((p) => p.name);
}

/** The preset as a full scenario; undefined if no preset has that name. */
export function loadPreset(name: string): Scenario | undefined {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) return undefined;
  const { scenario } = parseScenario({ ...p.overrides, preset: p.name, title: p.title });
  return scenario;
}
