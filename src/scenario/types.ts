// The scenario: a plain JSON object, the only input of the simulation core. Its parameters are
// described (range, unit, default, source) by the property table in params/, and the `Scenario`
// type is derived from those rows (params/derive.ts): a row's path is where its value sits, its
// kind the value's type. Only the identity fields and the event list are written here. Units are
// in the names: MiB, MBps (10^6 bytes/s), Seconds, Minutes.

import type { EventKindRow, ParamRow, ValuesOf, EventOf, VmSize } from './params/index.ts';

export const SCHEMA_VERSION = 1 as const;

export {
  VM_SIZES,
  LOG_SOURCES,
  BUFFER_TYPES,
  WHEN_FULL,
  BROKER_VERSIONS,
  LOAD_MANAGERS,
  SHEDDING_STRATEGIES,
  PLACEMENTS,
  type VmSize,
  type LogSource,
  type BufferType,
  type WhenFull,
  type BrokerVersion,
  type LoadManager,
  type SheddingStrategy,
  type Placement,
} from './params/index.ts';

/** Every parameter of a scenario, nested by path, typed by kind: derived from the rows. */
export type ScenarioParams = ValuesOf<ParamRow>;

/** One event per kind of EVENT_KINDS: `{ atMinute, kind, ...its fields }`. */
export type ScenarioEvent = EventOf<EventKindRow>;
export type EventKind = ScenarioEvent['kind'];

export interface Scenario extends ScenarioParams {
  schema: typeof SCHEMA_VERSION;
  /** the preset this scenario started from ('custom' when none) */
  preset: string;
  title: string;
  events: ScenarioEvent[];
}

/** A VM size's flavour: vCPUs, RAM, application RSS and file working set (MiB). */
export type VmSizeSpec = Scenario['vmSizes'][VmSize];

// Event shapes by name (each derived from its EVENT_KINDS row).
export type MessagingOutageEvent = Extract<ScenarioEvent, { kind: 'messagingOutage' }>;
/** Broker and control-plane events (issue 4): operator actions and their timing. */
export type RollingEvent = Extract<ScenarioEvent, { kind: 'rollingUpgrade' | 'rollback' | 'startAllBrokers' }>;
export type StallEvent = Extract<ScenarioEvent, { kind: 'lookupStall' }>;
/** A partial loss of broker capacity for a while (a GC pause, a slow bookie, CPU starvation). */
export type SlowdownEvent = Extract<ScenarioEvent, { kind: 'brokerSlowdown' }>;
/** Every host takes a short maintenance within the window, evacuating its VMs first (seed 001). */
export type MaintenanceWindowEvent = Extract<ScenarioEvent, { kind: 'maintenanceWindow' }>;
/** Events with no field beyond their minute. */
export type ActionEvent = Exclude<
  ScenarioEvent,
  MessagingOutageEvent | RollingEvent | StallEvent | SlowdownEvent | MaintenanceWindowEvent
>;

/** One problem found while reading a scenario: which path, what was wrong, what was kept. */
export interface ScenarioIssue {
  path: string;
  message: string;
  /** 'clamped': a value was replaced by a valid one; 'ignored': dropped; 'error': cannot be used */
  action: 'clamped' | 'ignored' | 'defaulted';
}
