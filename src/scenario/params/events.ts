// Scenario events, per kind: what an event does, the model it acts on, and its fields (the same
// row shape as the property table, relative to the event: `durationMinutes` of a lookupStall).
// `ScenarioEvent` (types.ts) is derived from this list; a new kind is one entry here plus its
// handling in the core (see CONTRIBUTING.md, "Add an event kind").

import type { NumberParam, Typical } from './row.ts';

/** The model an event acts on: what the panel opens, which charts show, what an ensemble draws. */
export type EventModel = 'messaging' | 'brokers' | 'controlPlane' | 'maintenance' | 'agents';

export interface EventKindSpec {
  kind: string;
  label: string;
  help: string;
  model: EventModel;
  fields: readonly NumberParam[];
}

const minutesPerBroker = (
  dflt: number,
  source: string,
  typical?: Typical,
): NumberParam & { path: 'minutesPerBroker' } => ({
  path: 'minutesPerBroker',
  group: 'messaging',
  label: 'Minutes per broker',
  kind: 'number',
  min: 0.1,
  max: 120,
  unit: 'min',
  default: dflt,
  ...(typical ? { typical } : {}),
  help: 'Time between one broker and the next.',
  source,
});
const hostCount = (dflt: number, source: string, help: string, typical?: Typical): NumberParam & { path: 'count' } => ({
  path: 'count',
  group: 'controlPlane',
  label: 'Hosts',
  kind: 'int',
  min: 1,
  max: 1000,
  unit: 'hosts',
  default: dflt,
  ...(typical ? { typical } : {}),
  help,
  source,
});
const action = <const K extends string>(kind: K, label: string, help: string, model: EventModel = 'brokers') =>
  ({
    kind,
    label,
    help,
    model,
    fields: [],
  }) as const satisfies EventKindSpec;

/** Broker and control-plane events (issue 4), appended to EVENT_KINDS. */
const BROKER_EVENT_KINDS = [
  {
    kind: 'rollingUpgrade',
    label: 'Rolling broker upgrade',
    help: 'Brokers restart one at a time into messaging.brokerVersion and messaging.loadManager.',
    model: 'brokers',
    fields: [minutesPerBroker(1.5, 'seed 002: started 10:06, cluster defective by 10:20 with 9 brokers')],
  },
  {
    kind: 'rollback',
    label: 'Roll back the load manager',
    help: 'Brokers restart one at a time back on the modular load manager (the version stays).',
    model: 'brokers',
    fields: [
      minutesPerBroker(1.5, 'typical: the same pace as the upgrade', {
        lo: 0.5,
        hi: 5,
        why: 'operators roll back at the pace of the upgrade, or faster when the cluster is already down',
      }),
    ],
  },
  action(
    'stopProxies',
    'Shut down the proxies',
    'Every client connection drops; lookups in flight are shed; clients back off until the proxies return.',
  ),
  action('startProxies', 'Start the proxies', 'Clients reconnect at their next retry.'),
  action('stopAllBrokers', 'Stop all brokers', 'Every broker stops: queues and loaded topics are gone.'),
  action(
    'startOneBroker',
    'Start one broker',
    'One broker starts alone: with no peer to conflict with, it can load (and delete) a stuck system topic.',
  ),
  {
    kind: 'startAllBrokers',
    label: 'Start the other brokers',
    help: 'The stopped brokers start one after the other.',
    model: 'brokers',
    fields: [minutesPerBroker(0.6, 'seed 002: started progressively 12:22 to 12:28')],
  },
  {
    kind: 'lookupStall',
    label: 'Lookup stall',
    help: 'Bundle ownership cannot be settled for a while (a metadata store stall): every lookup holds its slot for the owner wait, then fails.',
    model: 'brokers',
    fields: [
      {
        path: 'durationMinutes',
        group: 'messaging',
        label: 'Duration',
        kind: 'number',
        min: 0.1,
        max: 2880,
        unit: 'min',
        default: 10,
        help: 'How long ownership is stuck.',
        typical: {
          lo: 1,
          hi: 60,
          why: 'metadata-store stalls (a ZooKeeper session expiry, a slow bookie, a GC pause) last from a minute to an hour',
        },
        source: 'typical',
      },
    ],
  },
  {
    kind: 'brokerSlowdown',
    label: 'Broker slowdown',
    help: 'Every broker runs at a share of its capacity for a while (a GC pause, a slow bookie, CPU starvation): requests queue, clients time out and look their topics up again. A small or short one heals; a large, long one can leave a retry storm that outlives it.',
    model: 'brokers',
    fields: [
      {
        path: 'durationSeconds',
        group: 'messaging',
        label: 'Duration',
        kind: 'number',
        min: 1,
        max: 86400,
        unit: 's',
        default: 120,
        help: 'How long the brokers run slow.',
        source: 'typical',
        typical: {
          lo: 5,
          hi: 1800,
          why: 'a stop-the-world GC pause lasts seconds; a slow bookie or a starved CPU, minutes to half an hour',
        },
      },
      {
        path: 'capacityPercent',
        group: 'messaging',
        label: 'Capacity left',
        kind: 'number',
        min: 0,
        max: 100,
        unit: '%',
        default: 20,
        help: 'Share of its normal work a broker still gets through (0: a full pause).',
        source: 'typical',
        typical: {
          lo: 0,
          hi: 90,
          why: 'a full GC pause leaves nothing; a slow bookie or noisy neighbours leave a part of the throughput',
        },
      },
    ],
  },
  action(
    'shedLookups',
    'Shed pending lookups',
    'Brokers drop every pending lookup at once (load shedding of retries).',
  ),
  action(
    'enableFallbackBus',
    'Switch notifications to the fallback bus',
    'The orchestrator stops depending on messaging (seed 002 11:50: RabbitMQ).',
    'controlPlane',
  ),
  action(
    'pauseMonitoring',
    'Pause monitoring actions',
    'Monitoring stops sending redeploys and upscales (seed 002 13:35).',
    'controlPlane',
  ),
  action(
    'stopWatchdog',
    'Stop the watchdog',
    'Crashed VMs are no longer redeployed at once (seed 002 12:39).',
    'controlPlane',
  ),
] as const satisfies readonly EventKindSpec[];

/**
 * The operators' own actions in the seeds (issue 24 finding 5), appended to EVENT_KINDS. Each is
 * skipped, or changes nothing, on a cluster that does not need it, and logs what it did with its
 * cause so the verdict can read it.
 */
const OPERATOR_EVENT_KINDS = [
  action(
    'revertChange',
    'Revert the agent update',
    'The hypervisor agents go back to a version that does not open a connection per notification (hvAgent.mode single-driver, seed 000 03:45): no new process per notification; the processes already waiting finish or time out.',
    'agents',
  ),
  {
    kind: 'stopAutomation',
    label: 'Stop the maintenance automation',
    help: 'No host starts a maintenance by itself any more and hosts stop evacuating (migrations in flight finish); the rest is done by hand, a few hosts at a time (seed 001: "stabilized by stopping our automation and manually cleaning up").',
    model: 'maintenance',
    fields: [
      {
        path: 'hostsAtOnce',
        group: 'maintenance',
        label: 'Hosts at once, by hand',
        kind: 'int',
        min: 0,
        max: 1000,
        unit: 'hosts',
        default: 1,
        help: 'Hosts the operators evacuate and maintain at once afterwards (0: no more maintenance in the run).',
        source:
          'typical: seed 001 "manually performing the required maintenance windows ... ensuring that no accidental overload happens again"',
        typical: { lo: 0, hi: 3, why: 'operators cleaning up by hand take one host, a few at most, at a time' },
      },
    ],
  },
  {
    kind: 'drainHosts',
    label: 'Drain the busiest hosts',
    help: "The most loaded hosts stop receiving placements and their VMs are redeployed elsewhere at the orchestrator's rate (seed 002 13:50).",
    model: 'controlPlane',
    fields: [
      hostCount(
        12,
        'seed 002 13:50: "Some hypervisors (12) are flagged to drain some workload out"',
        'How many hosts, the most loaded first.',
      ),
    ],
  },
  action(
    'undrainHosts',
    'Undrain the hosts',
    'Drained hosts take placements again (seed 002 17:05: "Previously flagged HV are back to schedule").',
    'controlPlane',
  ),
  action(
    'cleanZombieVms',
    'Clean zombie VMs',
    'VMs whose stop is stuck (their QEMU waits in D state and cannot exit) are destroyed by hand: their memory and slots are freed (seed 002 14:08).',
    'controlPlane',
  ),
  {
    kind: 'stopNoisyVms',
    label: 'Stop noisy VMs',
    help: 'The operators stop the VMs that thrash or burn CPU the most, one by one, and the orchestrator redeploys them fresh (seed 002 16:24 to 18:30).',
    model: 'controlPlane',
    fields: [
      {
        path: 'durationMinutes',
        group: 'controlPlane',
        label: 'For',
        kind: 'number',
        min: 1,
        max: 2880,
        unit: 'min',
        default: 126,
        help: 'How long the operators keep cleaning.',
        source: 'seed 002: noisy VMs identified from 16:24, "a few hundreds ... being cleaned" at 18:30',
      },
      {
        path: 'perMinute',
        group: 'controlPlane',
        label: 'VMs per minute',
        kind: 'number',
        min: 0.1,
        max: 1000,
        unit: '/min',
        default: 3,
        help: 'How many VMs the operators stop per minute.',
        source: 'typical: seed 002 "one by one by the SRE team"',
        typical: { lo: 1, hi: 10, why: 'a few engineers stopping VMs by hand or with a short script' },
      },
    ],
  },
  action(
    'dropMonitoringQueue',
    'Drop queued monitoring actions',
    'Monitoring actions already queued for the orchestrator are dropped (seed 002 15:45); new ones stop only while monitoring is paused.',
    'controlPlane',
  ),
  action(
    'resumeMonitoring',
    'Resume monitoring',
    'Monitoring checks and sends actions again (seed 002 18:36: "Maintenance is removed on Monitoring").',
    'controlPlane',
  ),
  {
    kind: 'addHosts',
    label: 'Add hypervisors',
    help: 'Empty hypervisors join the fleet and take placements (seed 002 16:05: parked hypervisors delivered "to add capacity").',
    model: 'controlPlane',
    fields: [
      hostCount(4, 'typical: seed 002 16:05 gives no count', 'How many empty hosts join.', {
        lo: 1,
        hi: 12,
        why: 'a rack of parked hypervisors is a handful to a dozen hosts',
      }),
    ],
  },
] as const satisfies readonly EventKindSpec[];

const KINDS = [
  {
    kind: 'messagingOutage',
    label: 'Messaging outage',
    help: 'The message broker refuses all producers for a while (the plain outage of simple lessons).',
    model: 'messaging',
    fields: [
      {
        path: 'durationMinutes',
        group: 'run',
        label: 'Duration',
        kind: 'number',
        min: 1,
        max: 2880,
        unit: 'min',
        default: 120,
        help: 'How long messaging is unavailable.',
        source: 'seed 002: messaging down about 2.5 h (10:10 to 12:54)',
      },
    ],
  },
  ...BROKER_EVENT_KINDS,
  {
    kind: 'maintenanceWindow',
    label: 'Maintenance on every host',
    help: 'Every hypervisor must take a short maintenance within the window; each first evacuates its VMs by live migration.',
    model: 'maintenance',
    fields: [
      {
        path: 'durationMinutes',
        group: 'maintenance',
        label: 'Window',
        kind: 'number',
        min: 1,
        max: 2880,
        unit: 'min',
        default: 120,
        help: "The scheduler spreads every host's start over this window (policy fixed-window).",
        source: 'seed 001: "consecutively within 2 hours"',
      },
      {
        path: 'maintenanceMinutes',
        group: 'maintenance',
        label: 'Maintenance itself',
        kind: 'number',
        min: 0.1,
        max: 600,
        unit: 'min',
        default: 1,
        help: 'How long the host is in maintenance once it is empty.',
        source: 'seed 001: "a short window of 1 minute"',
      },
    ],
  },
  ...OPERATOR_EVENT_KINDS,
] as const satisfies readonly EventKindSpec[];

/** The union of every kind's literal row type: what derive.ts builds `ScenarioEvent` from. */
export type EventKindRow = (typeof KINDS)[number];

export const EVENT_KINDS: readonly EventKindSpec[] = KINDS;

export const MAX_EVENTS = 200;
