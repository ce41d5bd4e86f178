// The scenario: a plain JSON object, the only input of the simulation core.
// Every field is described (range, unit, default, source) in params/; this file only
// names the shapes. Units are in the names: MiB, MBps (10^6 bytes/s), Seconds, Minutes.

import type {
  VmSize,
  LogSource,
  BufferType,
  WhenFull,
  BrokerVersion,
  LoadManager,
  SheddingStrategy,
  Placement,
} from './params/index.ts';

export const SCHEMA_VERSION = 1 as const;

// the option lists live with their group's rows (params/<group>.ts)
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

export interface VmSizeSpec {
  vcpus: number;
  memoryMiB: number;
  /** resident anonymous memory of the guest's application and system, MiB */
  appRssMiB: number;
  /** file-backed working set (program text, libraries, hot files), MiB */
  workingSetMiB: number;
}

export interface MessagingOutageEvent {
  atMinute: number;
  kind: 'messagingOutage';
  durationMinutes: number;
}

/** Broker and control-plane events (issue 4): operator actions and their timing. */
export interface RollingEvent {
  atMinute: number;
  kind: 'rollingUpgrade' | 'rollback' | 'startAllBrokers';
  minutesPerBroker: number;
}
export interface StallEvent {
  atMinute: number;
  kind: 'lookupStall';
  durationMinutes: number;
}
/** A partial loss of broker capacity for a while (a GC pause, a slow bookie, CPU starvation). */
export interface SlowdownEvent {
  atMinute: number;
  kind: 'brokerSlowdown';
  durationSeconds: number;
  capacityPercent: number;
}
export interface ActionEvent {
  atMinute: number;
  kind:
    | 'stopProxies'
    | 'startProxies'
    | 'stopAllBrokers'
    | 'startOneBroker'
    | 'shedLookups'
    | 'enableFallbackBus'
    | 'pauseMonitoring'
    | 'stopWatchdog';
}

/** Every host takes a short maintenance within the window, evacuating its VMs first (seed 001). */
export interface MaintenanceWindowEvent {
  atMinute: number;
  kind: 'maintenanceWindow';
  durationMinutes: number;
  maintenanceMinutes: number;
}

export type ScenarioEvent =
  MessagingOutageEvent | RollingEvent | StallEvent | SlowdownEvent | ActionEvent | MaintenanceWindowEvent;
export type EventKind = ScenarioEvent['kind'];

export interface Scenario {
  schema: typeof SCHEMA_VERSION;
  /** the preset this scenario started from ('custom' when none) */
  preset: string;
  title: string;
  seed: number;
  durationMinutes: number;
  stepSeconds: number;
  /** wall-clock time of minute 0, "HH:MM" (display only) */
  clockStart: string;
  fleet: {
    zones: number;
    hypervisors: number;
    /** VMs of each size per hypervisor */
    vmMix: Record<VmSize, number>;
    /** sigma of the lognormal spread of application RSS between VMs of a size */
    rssSpread: number;
    /** sigma of the lognormal spread of the file working set between VMs of a size */
    workingSetSpread: number;
    /** share of each host's slots whose size is drawn from the fleet-wide mix */
    mixSpread: number;
  };
  vmSizes: Record<VmSize, VmSizeSpec>;
  hypervisor: {
    cores: number;
    memoryGiB: number;
    diskReadMBps: number;
    diskWriteMBps: number;
    /** sigma of the lognormal spread of disk bandwidth between hosts */
    diskSpread: number;
    /** background read load of healthy VMs, MB/s per hypervisor */
    baseReadMBps: number;
    hungTaskTimeoutSeconds: number;
    hungTaskCheckIntervalSeconds: number;
    hungTaskPanic: boolean;
    rebootMinutes: number;
  };
  memory: {
    /** share of a VM's missing working set faulted back in per second */
    refaultTouchPerSecond: number;
    /** bytes read from disk per byte refaulted (readahead) */
    readaheadFactor: number;
  };
  telemetry: {
    eventsPerSecond: number;
    eventBytes: number;
    /** sigma of the lognormal spread of per-VM log rates (mean kept), 0 = all equal */
    rateSpread: number;
    source: LogSource;
    agentRssMiB: number;
    journalRuntimeMaxUsePercentOfRam: number;
    sinkEventsPerSecond: number;
    retryMaxSeconds: number;
    drainCpuMicrosPerEvent: number;
    buffer: {
      type: BufferType;
      maxEvents: number;
      maxSizeBytes: number;
      whenFull: WhenFull;
    };
  };
  /** Apache Pulsar: brokers, proxies, lookups, clients (issue 4) */
  messaging: {
    brokers: number;
    brokerIngestEventsPerSecond: number;
    clients: number;
    brokerVersion: BrokerVersion;
    loadManager: LoadManager;
    sheddingStrategy: SheddingStrategy;
    sheddingIntervalSeconds: number;
    maxConcurrentLookupRequest: number;
    maxConcurrentTopicLoadRequest: number;
    topicLoadSeconds: number;
    ownerWaitSeconds: number;
    operationTimeoutSeconds: number;
    clientBackoffInitialSeconds: number;
    clientBackoffMaxSeconds: number;
    brokerRestartSeconds: number;
  };
  /** monitoring, orchestrator, scheduler and mitigations (issue 4) */
  controlPlane: {
    enabled: boolean;
    checkIntervalSeconds: number;
    failuresBeforeUnreachable: number;
    unresponsivePsi: number;
    lateDataIsFailure: boolean;
    monitorConcurrentChecks: number;
    checkTimeoutSeconds: number;
    upscaleLoadPerCore: number;
    upscaleSteal: number;
    upscaleCooldownMinutes: number;
    autoscaledShare: number;
    deploymentsPerMinute: number;
    orchestratorHosts: number;
    fallbackBus: boolean;
    baselineDeploymentsPerVmHour: number;
    customerRedeployPerMinute: number;
    imageMiB: number;
    deployReadMBps: number;
    deployCpuCores: number;
    deploySeconds: number;
    coldBootReads: boolean;
    placement: Placement;
    spareSlotShare: number;
    evictionDamping: boolean;
    pauseMonitoringActions: boolean;
    watchdog: boolean;
  };
  /** hypervisor agents receiving notifications (seed 000) */
  hvAgent: {
    mode: 'process-per-notification' | 'single-driver';
    notificationsPerSecond: number;
    notificationSpread: number;
    processSeconds: number;
    tasksPerProcess: number;
    connectTimeoutSeconds: number;
  };
  /** the proxy between agents and messaging, and its connection pooler */
  proxy: { poolMaxConnections: number; leakPercent: number };
  /** tasks against the cgroup pids limit */
  tasks: {
    pidMax: number;
    defaultTasksMaxPercent: number;
    qemuExtraThreads: number;
    ioWorkersMax: number;
    ioMBpsPerWorker: number;
    qemuThreadSpawnsPerHour: number;
  };
  maintenance: { maxConcurrentHosts: number; policy: 'fixed-window' | 'include-evacuation' };
  migration: {
    linkGbps: number;
    bandwidthMiBps: number;
    maxParallelPerHost: number;
    downtimeLimitMs: number;
    autoConverge: boolean;
    timeoutMinutes: number;
    admissionLock: boolean;
    bookedCapPercent: number;
    hostReserveGiB: number;
    hostSwapGiB: number;
    dirtyMiBps: number;
    busyPercent: number;
    busyDirtyMiBps: number;
    guestWatchdog: boolean;
    watchdogSeconds: number;
  };
  events: ScenarioEvent[];
}

/** One problem found while reading a scenario: which path, what was wrong, what was kept. */
export interface ScenarioIssue {
  path: string;
  message: string;
  /** 'clamped': a value was replaced by a valid one; 'ignored': dropped; 'error': cannot be used */
  action: 'clamped' | 'ignored' | 'defaulted';
}
