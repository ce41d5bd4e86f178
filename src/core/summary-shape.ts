// The one description of a run's summary. The `Summary` type is derived from SUMMARY_SHAPE, the
// persist layer checks stored summaries against it (persist/records.ts), and a test checks that
// every preset's summary has exactly these fields. A new summary field is one line here: the
// core then fails to compile until it fills it, and a stored run without it still loads if the
// field's path is in ADDED_LATER.

/** 'counts': an object of numbers with open keys (e.g. deployments by kind) */
export type FieldShape =
  'number' | 'string' | 'boolean' | 'number|null' | 'counts' | { readonly [key: string]: FieldShape };

export const SUMMARY_SHAPE = {
  schema: 'number',
  /** the scenario's preset name ("custom" when edited) */
  scenario: 'string',
  seed: 'number',
  simulatedMinutes: 'number',
  hypervisors: {
    total: 'number',
    /** hosts that panicked at least once */
    panicked: 'number',
    /** panic episodes (a host that comes back may panic again) */
    panics: 'number',
    firstPanicMinute: 'number|null',
    peakDiskReadGBps: 'number',
    peakHostDiskReadGBps: 'number',
    hungTaskHosts: 'number',
  },
  vms: {
    total: 'number',
    crashed: 'number',
    oomKills: 'number',
    thrashedAtLeastOnce: 'number',
    /** VMs whose QEMU aborted at the pids limit (seed 000) */
    threadExhaustionCrashes: 'number',
    /** distinct VMs rebooted by the host OOM killer on an overcommitted host (seed 001; an OOM loop is one VM) */
    rebooted: 'number',
    /** VMs that hung at least once on a swapping host */
    unresponsive: 'number',
    /**
     * distinct VMs of the starting fleet that went down at least once (crashed, died with their
     * host, rebooted); never more than `total` (`crashed` counts episodes)
     */
    down: 'number',
  },
  /** hypervisor agents and the pids limit */
  tasks: {
    limit: 'number',
    maxTasks: 'number',
    hostsWithCrashes: 'number',
    notificationsLost: 'number',
    forksRejected: 'number',
    firstCrashMinute: 'number|null',
  },
  migrations: {
    completed: 'number',
    failed: 'number',
    maxConcurrent: 'number',
    hostsMaintained: 'number',
    firstRebootMinute: 'number|null',
  },
  telemetry: { produced: 'number', delivered: 'number', buffered: 'number', dropped: 'number', lost: 'number' },
  messaging: { unavailableMinutes: 'number', peakPendingLookups: 'number' },
  /** monitoring and orchestrator; baselineDeployments: what the same fleet deploys over the same span on a quiet day */
  controlPlane: {
    deployments: 'number',
    baselineDeployments: 'number',
    byKind: 'counts',
    peakQueue: 'number',
    failedNoCapacity: 'number',
  },
  /** one line: the chain that led to the first panic, or why nothing panicked */
  verdict: 'string',
  perf: { vmSteps: 'number', wallMs: 'number' },
} as const satisfies FieldShape;

/**
 * Fields (dotted paths) that runs saved by earlier builds may lack: they were added after the
 * first stored format. A reader of a stored summary must allow these to be missing; every other
 * field is required. Add a path here when you add a field to SUMMARY_SHAPE.
 */
export const ADDED_LATER: readonly string[] = [
  'vms.threadExhaustionCrashes',
  'vms.rebooted',
  'vms.unresponsive',
  'vms.down',
  'tasks',
  'migrations',
  'messaging.peakPendingLookups',
  'controlPlane',
];

type ValueOf<S> = S extends 'number'
  ? number
  : S extends 'string'
    ? string
    : S extends 'boolean'
      ? boolean
      : S extends 'number|null'
        ? number | null
        : S extends 'counts'
          ? Record<string, number>
          : { -readonly [K in keyof S]: ValueOf<S[K]> };

/** A run's summary, as the core computes it (stored ones may lack the ADDED_LATER fields). */
export type Summary = ValueOf<typeof SUMMARY_SHAPE>;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The first place where `v` does not match `shape`, or null. Fields whose paths are in `skip` are
 * not looked at (the caller checks them on their own). Never throws.
 */
export function shapeProblem(v: unknown, shape: FieldShape, path: string, skip: readonly string[] = []): string | null {
  if (skip.includes(path)) return null;
  if (shape === 'number|null') return v === null || typeof v === 'number' ? null : `${path} must be a number or null`;
  if (shape === 'counts') {
    if (!isObject(v)) return `${path} must be an object of numbers`;
    for (const [k, x] of Object.entries(v)) if (typeof x !== 'number') return `${path}.${k} must be a number`;
    return null;
  }
  if (typeof shape === 'string') return typeof v === shape ? null : `${path} must be a ${shape}`;
  if (!isObject(v)) return `${path || 'record'} must be an object`;
  for (const [key, sub] of Object.entries(shape)) {
    const p = shapeProblem(v[key], sub, path ? `${path}.${key}` : key, skip);
    if (p) return p;
  }
  return null;
}

/** Every leaf path of a shape ("hypervisors.panicked", ...), for tests and docs. */
export function shapePaths(shape: FieldShape, prefix = ''): string[] {
  if (typeof shape === 'string') return [prefix];
  return Object.entries(shape).flatMap(([k, sub]) => shapePaths(sub, prefix ? `${prefix}.${k}` : k));
}
