// The one protocol between the page and a simulation worker (through comlink).
//
//   page                                   worker
//   start(request, onProgress) ──────────▶ readStartRequest: a message is a boundary, so the
//                                          scenario goes through parseScenario here, once; then
//                                          advance in chunks of ~50 ms, yielding between them
//   onProgress(progress)       ◀────────── every ~120 ms: partial series, downsampled here
//   cancel(id)                 ──────────▶ sets a flag the chunk loop checks
//   start() resolves with an Outcome: results | cancelled | error
//                              ◀────────── Heartbeat (plain postMessage) on load and every ~1 s
//
// The worker answers with what parseScenario changed (`issues`), never a copy of the scenario:
// the page keeps the one it sent. What comes back is checked where it enters the page
// (readProgress, readOutcome): a message that is not one of these shapes settles the run as an
// error instead of reaching the charts.
//
// A worker that dies (its script fails to load, an uncaught error, or it stops answering for
// STALL_MS) settles the run in flight as 'error' with a plain message; the page side replaces it
// before the next run (runner.ts).
//
// A newer start() on the same worker supersedes the one in flight (it resolves 'cancelled').
// Typed arrays in progress and results are transferred (Comlink.transfer), never cloned.

import type { ProxyMarked } from 'comlink';
import { parseScenario, type ScenarioIssue, type ValidScenario } from '../scenario/index.ts';
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
  /** what parseScenario changed in the scenario it was sent (empty for a scenario the page validated) */
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

/** A start request as the worker reads it: every field checked, the scenario validated. */
export interface CheckedStart {
  id: number;
  scenario: ValidScenario;
  /** what parseScenario changed (sent back with the results) */
  issues: ScenarioIssue[];
  maxPoints: number;
  progressEveryMs: number;
  summaryOnly: boolean;
}

const finite = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * Where a request enters the worker: the one validation of its scenario, and numbers that are
 * not finite (or out of range) fall back to the defaults. Never throws.
 */
export function readStartRequest(raw: unknown): CheckedStart {
  const req = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof StartRequest, unknown>>;
  const { scenario, issues } = parseScenario(req.scenario);
  return {
    id: finite(req.id, -1),
    scenario,
    issues,
    maxPoints: Math.max(50, Math.min(5000, finite(req.maxPoints, 1000))),
    progressEveryMs: Math.max(16, Math.min(10_000, finite(req.progressEveryMs, 120))),
    summaryOnly: req.summaryOnly === true,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function chartProblem(series: unknown): string | null {
  if (!isObj(series)) return 'no series';
  for (const key of CHART_SERIES) {
    const p = series[key];
    if (!isObj(p) || !(p.t instanceof Float32Array) || !(p.y instanceof Float32Array) || p.t.length !== p.y.length)
      return `series ${key} missing or malformed`;
  }
  return null;
}

function fleetProblem(fleet: unknown): string | null {
  if (fleet === null) return null;
  if (!isObj(fleet) || !isCount(fleet.hosts) || !(fleet.state instanceof Uint8Array)) return 'fleet data malformed';
  return null;
}

/** What is wrong with a progress or results message's common part, or null. */
function liveProblem(v: Record<string, unknown>): string | null {
  if (!isCount(v.stepsDone) || !isCount(v.totalSteps)) return 'step counts missing';
  if (!isObj(v.summary) || !isObj(v.summary.hypervisors)) return 'no summary';
  return chartProblem(v.series);
}

/** A progress message as it enters the page; null when it is not one (it is then ignored). */
export function readProgress(raw: unknown): Progress | null {
  if (!isObj(raw) || raw.type !== 'progress' || typeof raw.id !== 'number') return null;
  return liveProblem(raw) === null ? (raw as unknown as Progress) : null;
}

/**
 * An outcome as it enters the page: the worker's own when it has the shape of one, else an
 * error outcome for run `id` saying what was wrong (the page shows it, nothing else reads it).
 */
export function readOutcome(raw: unknown, id: number): Outcome {
  const bad = (what: string): Failed => ({
    type: 'error',
    id,
    message: `the simulation worker sent an answer the page could not read (${what}). Run it again.`,
  });
  if (!isObj(raw)) return bad('not an object');
  switch (raw.type) {
    case 'cancelled':
      return isCount(raw.stepsDone) && isCount(raw.totalSteps)
        ? { type: 'cancelled', id, stepsDone: raw.stepsDone as number, totalSteps: raw.totalSteps as number }
        : bad('step counts missing');
    case 'error':
      return { type: 'error', id, message: typeof raw.message === 'string' ? raw.message : 'unknown error' };
    case 'results': {
      const problem =
        liveProblem(raw) ??
        (!Array.isArray(raw.issues) ? 'no issues list' : null) ??
        (!Array.isArray(raw.events) ? 'no event log' : null) ??
        (!(finite(raw.stepSeconds, 0) > 0) ? 'no step length' : null) ??
        fleetProblem(raw.fleet);
      return problem ? bad(problem) : (raw as unknown as Results);
    }
    default:
      return bad('unknown answer');
  }
}
