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
    title: 'Clever Cloud, 2024-08-02',
    description:
      'A rolling Pulsar upgrade to 3.3.1 that also switches to the extensible load manager (10:06) leaves every lookup waiting ' +
      'for an owner; messaging stays down through the rollback until all brokers are stopped and one is started alone (12:22 to 12:28). ' +
      'Agents hold logs in RAM meanwhile; the catch-up and a storm of redeploys and upscales from monitoring then push thrashing ' +
      'hosts over the edge. Operator actions follow the seed 002 timeline.',
    overrides: {
      durationMinutes: 360,
      clockStart: '10:00',
      fleet: { zones: 3, hypervisors: 60 },
      // faster disks than the workshop (NVMe random reads, below the ~3 GB/s PCIe 3 sequential figure): the outage alone
      // leaves hosts pressured but not hung (typical; chosen so the outage alone does not panic)
      hypervisor: { diskReadMBps: 2600 },
      messaging: { brokerVersion: '3.3.1', loadManager: 'extensible', sheddingStrategy: 'TransferShedder' },
      // minute 0 is 10:00 CEST; times from the seed 002 timeline
      events: [
        { atMinute: 6, kind: 'rollingUpgrade', minutesPerBroker: 1.5 },
        { atMinute: 58, kind: 'rollback', minutesPerBroker: 1.5 },
        { atMinute: 96, kind: 'stopProxies' },
        { atMinute: 110, kind: 'enableFallbackBus' },
        { atMinute: 142, kind: 'stopAllBrokers' },
        { atMinute: 142, kind: 'startOneBroker' },
        { atMinute: 143, kind: 'startAllBrokers', minutesPerBroker: 0.6 },
        { atMinute: 148, kind: 'startProxies' },
        { atMinute: 159, kind: 'stopWatchdog' },
        { atMinute: 215, kind: 'pauseMonitoring' },
      ],
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
