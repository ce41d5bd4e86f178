// The one protocol between the page and a simulation worker (through comlink).
//
//   page                                   worker
//   start(request, onProgress) ──────────▶ parseScenario (a message is a boundary), then
//                                          advance in chunks of ~50 ms, yielding between them
//   onProgress(progress)       ◀────────── every ~120 ms: partial series, downsampled here
//   cancel(id)                 ──────────▶ sets a flag the chunk loop checks
//   start() resolves with an Outcome: results | cancelled | error
//                              ◀────────── Heartbeat (plain postMessage) on load and every ~1 s
//
// A worker that dies (its script fails to load, an uncaught error, or it stops answering for
// STALL_MS) settles the run in flight as 'error' with a plain message; the page side replaces it
// before the next run (runner.ts).
//
// A newer start() on the same worker supersedes the one in flight (it resolves 'cancelled').
// Typed arrays in progress and results are transferred (Comlink.transfer), never cloned.

import type { ProxyMarked } from 'comlink';
import type { Scenario, ScenarioIssue } from '../scenario/index.ts';
import type { SeriesKey, SimEvent, Summary } from '../core/index.ts';

/** The fleet-wide series the page charts; the worker downsamples only these. */
export const CHART_SERIES = [
  'messagingAvailability',
  'backlogRamMiB',
  'backlogDiskMiB',
  'vmPsiFullMean',
  'hvPsiFullMax',
  'thrashingVms',
  'diskReadGBps',
  'diskReadDemandGBps',
  'diskReadCapacityGBps',
  'dStateMaxSeconds',
  'hungTaskHosts',
  'panickedHosts',
  'rebootingHosts',
  'vmsDown',
  'oomKills',
  'produced',
  'delivered',
  'dropped',
  'lost',
  // broker model and control plane (issue 4)
  'pendingLookups',
  'rejectedLookups',
  'loadedTopics',
  'brokersUp',
  'deploymentQueue',
  'deployments',
  // hypervisor agents and the pids limit (seed 000)
  'tasksMaxHost',
  'tasksLimit',
  'agentProcessesBlocked',
  'poolConnections',
  'poolMax',
  'threadExhaustionCrashes',
  // maintenance and live migration (seed 001)
  'migrationsInFlight',
  'migrationQueue',
  'hostMemBookedMaxPct',
  'hostMemUsedMaxPct',
  'vmsUnresponsive',
  'vmsRebooted',
] as const satisfies readonly SeriesKey[];
export type ChartSeriesKey = (typeof CHART_SERIES)[number];

export interface StartRequest {
  /** request id: the page ignores anything about an older id */
  id: number;
  /** any JSON value: the worker validates it with parseScenario */
  scenario: unknown;
  /** points per chart series after downsampling (default 1000) */
  maxPoints?: number;
  /** minimum wall time between progress messages (default 120 ms) */
  progressEveryMs?: number;
  /**
   * record no per-host or per-VM arrays and send no fleet map and no progress (sweep points,
   * ensemble members); the summary, the series and the events are the same as a full run's
   */
  summaryOnly?: boolean;
}

/** One downsampled series: times in seconds since minute 0, and values. */
export interface Points {
  t: Float32Array;
  y: Float32Array;
}
export type ChartData = Record<ChartSeriesKey, Points>;

export interface Progress {
  type: 'progress';
  id: number;
  stepsDone: number;
  totalSteps: number;
  /** the scenario as the worker validated it */
  scenario: Scenario;
  series: ChartData;
  /** summary of the steps done so far */
  summary: Summary;
}

/** The arrays behind the fleet map and a hypervisor's story, sized for the page. */
export interface FleetData {
  hosts: number;
  zones: number;
  zoneOf: Uint16Array;
  /** map frames: frame k covers steps [k * framesEvery, (k + 1) * framesEvery) */
  frames: number;
  framesEvery: number;
  /** worst HV state (index into HV_STATES) of host h in frame k, at [k * hosts + h] */
  state: Uint8Array;
  /** per-host series, bucket maxima: point p of host h at [p * hosts + h], time hostT[p] */
  hostPoints: number;
  hostT: Float32Array;
  diskReadMBps: Float32Array;
  dStateSeconds: Float32Array;
  /** per-VM samples (possibly thinned): sample k of VM v at [k * vms + v], recorded after step k * vmEverySteps */
  vms: number;
  vmSamples: number;
  vmEverySteps: number;
  hostOf: Uint32Array;
  sizeOf: Uint8Array;
  anonMiB: Float32Array;
  cacheMiB: Float32Array;
  down: Uint8Array;
}

export interface Results {
  type: 'results';
  id: number;
  scenario: Scenario;
  /** what parseScenario changed in the scenario it was sent */
  issues: ScenarioIssue[];
  stepSeconds: number;
  stepsDone: number;
  totalSteps: number;
  series: ChartData;
  summary: Summary;
  events: SimEvent[];
  /** null when the request asked for summaryOnly */
  fleet: FleetData | null;
  /** wall time in the worker, validation to results built */
  wallMs: number;
}

export interface Cancelled {
  type: 'cancelled';
  id: number;
  stepsDone: number;
  totalSteps: number;
}

export interface Failed {
  type: 'error';
  id: number;
  message: string;
}

export type Outcome = Results | Cancelled | Failed;

/**
 * Sent by the worker itself (not through comlink) when it has loaded and then at most every
 * HEARTBEAT_MS while it works, so the page can tell a dead worker from a busy one. A worker
 * whose script never loaded (a 404 after a deploy) sends nothing and fires 'error' instead.
 */
export const HEARTBEAT = 'cascade-worker-alive' as const;
export const HEARTBEAT_MS = 1000;
export interface Heartbeat {
  type: typeof HEARTBEAT;
}

export type ProgressSink = ((progress: Progress) => void) & ProxyMarked;

/** What the worker exposes. */
export interface SimWorkerApi {
  start(request: StartRequest, onProgress: ProgressSink): Promise<Outcome>;
  cancel(id: number): void;
}
