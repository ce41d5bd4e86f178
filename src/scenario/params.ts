// The property table: every scenario parameter, once. Validation, defaults, the CLI's --set,
// the playground's controls and (later) scenario links are all driven from this table.
// Each default names where it comes from; "typical" marks a value chosen as representative
// where no public figure fixes it, and such a number row carries its plausible range
// (`typical: { lo, hi, why }`, listed by assumptions.ts). docs/MODEL.md is generated from it.

import {
  LOG_SOURCES,
  BUFFER_TYPES,
  WHEN_FULL,
  VM_SIZES,
  BROKER_VERSIONS,
  LOAD_MANAGERS,
  SHEDDING_STRATEGIES,
  PLACEMENTS,
  type VmSize,
} from './types.ts';
import { OPS_PARAMS } from './params-ops.ts';

export type ParamGroup =
  | 'run'
  | 'fleet'
  | 'vmSizes'
  | 'telemetry'
  | 'memory'
  | 'hypervisor'
  | 'messaging'
  | 'controlPlane'
  | 'hvAgent'
  | 'proxy'
  | 'tasks'
  | 'maintenance'
  | 'migration';

interface ParamBase {
  path: string;
  group: ParamGroup;
  label: string;
  help: string;
  /**
   * Where the default comes from: a doc or code file (kernel/hung_task.c, pulsar conf/broker.conf,
   * a seed), "scenario choice: ..." for what to simulate rather than a claim about a real system
   * (seed, duration, fleet size), or "typical ..." for a value no public figure fixes; a typical
   * number row carries `typical` (a test enforces both).
   */
  source: string;
}
/**
 * The plausible range of a typical (unsourced) default: min <= lo <= default <= hi <= max, whole
 * numbers for an int row. `why` says what real systems span. The ensemble samples inside it; see
 * assumptions.ts.
 */
export interface Typical {
  lo: number;
  hi: number;
  why: string;
}
export interface NumberParam extends ParamBase {
  kind: 'int' | 'number';
  min: number;
  max: number;
  step?: number;
  unit: string;
  default: number;
  /** present exactly when the default has no source: its plausible range and why */
  typical?: Typical;
}
export interface BoolParam extends ParamBase {
  kind: 'bool';
  default: boolean;
}
export interface EnumParam extends ParamBase {
  kind: 'enum';
  options: readonly string[];
  default: string;
}
export interface StringParam extends ParamBase {
  kind: 'string';
  pattern: RegExp;
  maxLength: number;
  default: string;
}
export type Param = NumberParam | BoolParam | EnumParam | StringParam;

export const GROUP_LABELS: Record<ParamGroup, string> = {
  run: 'Run',
  fleet: 'Fleet',
  vmSizes: 'VM sizes',
  telemetry: 'Telemetry agent',
  memory: 'Guest memory',
  hypervisor: 'Hypervisor',
  messaging: 'Messaging (Pulsar)',
  controlPlane: 'Control plane',
  hvAgent: 'Hypervisor agent',
  proxy: 'Notification proxy',
  tasks: 'Tasks and threads',
  maintenance: 'Maintenance',
  migration: 'Live migration',
};

const TYPICAL_SIZES = "typical cloud flavour (the seeds do not give Clever Cloud's exact figures; editable)";

/** VM flavours: vCPUs and RAM are typical values; RSS and working set are typical guesses. */
const SIZE_DEFAULTS: Record<
  VmSize,
  [vcpus: number, memoryMiB: number, appRssMiB: number, workingSetMiB: number, perHv: number]
> = {
  pico: [1, 256, 120, 60, 40],
  nano: [1, 512, 240, 100, 20],
  XS: [1, 1024, 450, 160, 10],
  S: [2, 2048, 900, 250, 4],
  M: [4, 4096, 1800, 400, 2],
  L: [6, 8192, 3600, 600, 0],
  XL: [8, 16384, 7200, 900, 0],
};

function sizeParams(): Param[] {
  const out: Param[] = [];
  for (const size of VM_SIZES) {
    const [vcpus, memoryMiB, rss, ws, perHv] = SIZE_DEFAULTS[size];
    out.push(
      {
        path: `fleet.vmMix.${size}`,
        group: 'fleet',
        label: `${size} VMs per hypervisor`,
        kind: 'int',
        min: 0,
        max: 400,
        unit: 'VMs',
        default: perHv,
        typical: {
          lo: Math.floor(perHv / 2),
          hi: Math.max(1, perHv * 2),
          why: 'seed 002 says the fleet is "mostly small VMs (pico/nano)"; how many of a size share a host depends on its RAM and the customers: half to twice this',
        },
        help: `How many ${size} VMs each hypervisor runs at the start.`,
        source: 'typical mix, small VMs dominate (seed 002: "mostly small VMs (pico/nano)")',
      },
      {
        path: `vmSizes.${size}.vcpus`,
        group: 'vmSizes',
        label: `${size} vCPUs`,
        kind: 'int',
        min: 1,
        max: 128,
        unit: 'vCPU',
        default: vcpus,
        typical: {
          lo: Math.max(1, Math.ceil(vcpus / 2)),
          hi: vcpus * 2,
          why: 'flavours of the same RAM come with half to twice these vCPUs across providers',
        },
        help: `Virtual CPUs of a ${size} VM.`,
        source: TYPICAL_SIZES,
      },
      {
        path: `vmSizes.${size}.memoryMiB`,
        group: 'vmSizes',
        label: `${size} RAM`,
        kind: 'int',
        min: 64,
        max: 1048576,
        unit: 'MiB',
        default: memoryMiB,
        typical: {
          lo: Math.round(memoryMiB * 0.75),
          hi: memoryMiB * 1.5,
          why: 'the flavour names a RAM size (pico 256 MiB up to XL 16 GiB); other platforms size the same class 0.75 to 1.5 times that',
        },
        help: `RAM of a ${size} VM.`,
        source: TYPICAL_SIZES,
      },
      {
        path: `vmSizes.${size}.appRssMiB`,
        group: 'vmSizes',
        label: `${size} application RSS`,
        kind: 'int',
        min: 0,
        max: 1048576,
        unit: 'MiB',
        default: rss,
        typical: {
          lo: Math.round(memoryMiB * 0.25),
          hi: Math.round(memoryMiB * 0.7),
          why: 'an app sized to its flavour keeps a quarter to 70% of RAM as anonymous memory (heap, runtime, guest system); more and it would not have run healthy before the outage',
        },
        help: `Anonymous memory the application and guest system use in a ${size} VM, before any log backlog.`,
        source: 'typical (about 47% of RAM)',
      },
      {
        path: `vmSizes.${size}.workingSetMiB`,
        group: 'vmSizes',
        label: `${size} file working set`,
        kind: 'int',
        min: 0,
        max: 1048576,
        unit: 'MiB',
        default: ws,
        typical: {
          lo: Math.round(ws / 2),
          hi: ws * 2,
          why: 'program text, shared libraries and hot files: a runtime (JVM, Node, PHP) maps tens to hundreds of MiB; half to twice this',
        },
        help: `Program text, libraries and hot files a ${size} VM needs in page cache; what does not fit is re-read from disk.`,
        source: 'typical',
      },
    );
  }
  return out;
}

/** Apache Pulsar brokers, proxies and clients (issue 4). Sources: MODEL.md, Messaging section. */
const MESSAGING_PARAMS: readonly Param[] = [
  {
    path: 'messaging.brokers',
    group: 'messaging',
    label: 'Brokers',
    kind: 'int',
    min: 1,
    max: 64,
    unit: 'brokers',
    default: 9,
    help: 'Pulsar brokers behind the proxies; lookups are spread evenly over the brokers that are up.',
    source: 'seed 002 logs name brokers c3-n1 to c3-n9',
  },
  {
    path: 'messaging.brokerIngestEventsPerSecond',
    group: 'messaging',
    label: 'Ingest per broker',
    kind: 'number',
    min: 1000,
    max: 100000000,
    unit: 'events/s',
    default: 150000,
    typical: {
      lo: 50000,
      hi: 1000000,
      why: 'Pulsar benchmarks reach ~1M small messages/s per broker with large batches; many small producers batch little and bookies fsync',
    },
    help: 'Events one broker (with its bookies) can take per second: the ceiling of a fleet-wide catch-up.',
    source: 'typical Pulsar broker throughput for small messages',
  },
  {
    path: 'messaging.clients',
    group: 'messaging',
    label: 'Client topics',
    kind: 'int',
    min: 1,
    max: 10000000,
    unit: 'topics',
    default: 750000,
    typical: {
      lo: 450000,
      hi: 2000000,
      why: "more than 9 brokers x 50,000 lookup slots, since every broker's queue was full (seed 002, 11:36); a few topics per VM and load balancer across the regions",
    },
    help: 'Producer and consumer topics the clients (agents, load balancers, control plane) keep open; each needs a lookup after its bundle moves.',
    source: "typical; more than 9 x 50,000, since every broker's lookup queue was full (seed 002, 11:36)",
  },
  {
    path: 'messaging.brokerVersion',
    group: 'messaging',
    label: 'Broker version (upgrade target)',
    kind: 'enum',
    options: BROKER_VERSIONS,
    default: '3.3.1',
    help: '3.3.1: a broker whose extensible load manager fails to start stays up and fails every lookup. 3.3.2: it shuts down, so the rolling upgrade stops there.',
    source: 'seed 002 (upgrade to 3.3.1); apache/pulsar PR #23297 (fixed in 3.0.7 / 3.3.2)',
  },
  {
    path: 'messaging.loadManager',
    group: 'messaging',
    label: 'Load manager (upgrade target)',
    kind: 'enum',
    options: LOAD_MANAGERS,
    default: 'modular',
    help: 'The load manager a rolling upgrade switches to (the cluster starts on modular). There is no rolling path to extensible: a broker that starts it beside modular brokers fails to start it.',
    source:
      'pulsar-broker-common ServiceConfiguration.java loadManagerClassName = ModularLoadManagerImpl; pulsar-site migration doc (full restart needed)',
  },
  {
    path: 'messaging.sheddingStrategy',
    group: 'messaging',
    label: 'Shedding strategy',
    kind: 'enum',
    options: SHEDDING_STRATEGIES,
    default: 'ThresholdShedder',
    help: 'Which bundles move, every shedding interval: Overload (brokers above 85% usage), Threshold (above the mean + 10%), Uniform (halve the max-min gap), Transfer (extensible only; in the 2024 switch it created the system topic that later could not be loaded).',
    source: 'pulsar-site concepts-broker-load-balancing (ThresholdShedder is the default); seed 002 (TransferShedder)',
  },
  {
    path: 'messaging.sheddingIntervalSeconds',
    group: 'messaging',
    label: 'Shedding interval',
    kind: 'int',
    min: 10,
    max: 3600,
    unit: 's',
    default: 60,
    help: 'How often the leader broker decides which bundles to unload.',
    source: 'pulsar conf/broker.conf loadBalancerSheddingIntervalMinutes = 1',
  },
  {
    path: 'messaging.maxConcurrentLookupRequest',
    group: 'messaging',
    label: 'maxConcurrentLookupRequest',
    kind: 'int',
    min: 1,
    max: 10000000,
    unit: 'lookups',
    default: 50000,
    help: 'Pending lookups one broker accepts; beyond it a lookup is refused at once with TooManyRequests.',
    source:
      'pulsar conf/broker.conf maxConcurrentLookupRequest = 50000 (ServiceConfiguration.java); seed 002 11:36 (50k pending)',
  },
  {
    path: 'messaging.maxConcurrentTopicLoadRequest',
    group: 'messaging',
    label: 'maxConcurrentTopicLoadRequest',
    kind: 'int',
    min: 1,
    max: 1000000,
    unit: 'loads',
    default: 5000,
    help: 'Topic loads one broker runs at once: with the load time it sets how many lookups per second a broker answers after bundles moved.',
    source: 'pulsar conf/broker.conf maxConcurrentTopicLoadRequest = 5000 (ServiceConfiguration.java)',
  },
  {
    path: 'messaging.topicLoadSeconds',
    group: 'messaging',
    label: 'Topic load time',
    kind: 'number',
    min: 0.01,
    max: 600,
    unit: 's',
    default: 4,
    typical: {
      lo: 0.5,
      hi: 20,
      why: 'opening a managed ledger costs tens of ms idle; with thousands of loads at once against the metadata store and bookies, seconds',
    },
    help: 'Time to load one topic (open its managed ledger) under a lookup storm. Lookup service rate per broker = loads at once / load time.',
    source: 'typical under load',
  },
  {
    path: 'messaging.ownerWaitSeconds',
    group: 'messaging',
    label: 'Owner wait (extensible)',
    kind: 'number',
    min: 1,
    max: 600,
    unit: 's',
    default: 30,
    help: 'How long a lookup holds its slot waiting for a bundle owner when ownership cannot be settled, before it fails.',
    source:
      'pulsar ServiceConfiguration.java loadBalancerInFlightServiceUnitStateWaitingTimeInMillis = 30000 (ServiceUnitStateChannelImpl)',
  },
  {
    path: 'messaging.operationTimeoutSeconds',
    group: 'messaging',
    label: 'Client operation timeout',
    kind: 'number',
    min: 1,
    max: 600,
    unit: 's',
    default: 30,
    help: 'A client gives up on a lookup after this long and retries; the lookup it left stays queued on the broker.',
    source: 'pulsar-client ClientConfigurationData.java operationTimeoutMs = 30000',
  },
  {
    path: 'messaging.clientBackoffInitialSeconds',
    group: 'messaging',
    label: 'Client backoff, first',
    kind: 'number',
    min: 0.01,
    max: 60,
    unit: 's',
    default: 0.1,
    help: 'First retry delay after a failed lookup; it doubles on every failure (with jitter).',
    source: 'pulsar-client ClientConfigurationData.java initialBackoffIntervalNanos = 100 ms (Backoff.java doubles it)',
  },
  {
    path: 'messaging.clientBackoffMaxSeconds',
    group: 'messaging',
    label: 'Client backoff, cap',
    kind: 'number',
    min: 0.1,
    max: 3600,
    unit: 's',
    default: 30,
    typical: {
      lo: 30,
      hi: 60,
      why: "the Java client's backoffs cap at 30 to 60 s depending on the path (ClientConfigurationData maxBackoffIntervalNanos 60 s; producer and lookup retries inside the 30 s operation timeout)",
    },
    help: 'The retry delay stops doubling here.',
    source: 'typical: Java client Backoff caps at 30 to 60 s (MODEL.md)',
  },
  {
    path: 'messaging.brokerRestartSeconds',
    group: 'messaging',
    label: 'Broker restart time',
    kind: 'number',
    min: 1,
    max: 3600,
    unit: 's',
    default: 45,
    typical: {
      lo: 20,
      hi: 180,
      why: 'a JVM broker stops (brokerShutdownTimeoutMs 60 s at most), starts, joins the metadata store and is ready in tens of seconds to a few minutes',
    },
    help: 'From stopping a broker to it serving again during a rolling restart.',
    source: 'typical JVM broker start',
  },
];

/** Monitoring, orchestrator, scheduler and mitigations (issue 4). Sources: MODEL.md control plane section, seed 002. */
const CONTROL_PLANE_PARAMS: readonly Param[] = [
  {
    path: 'controlPlane.enabled',
    group: 'controlPlane',
    label: 'Model the control plane',
    kind: 'bool',
    default: false,
    help: 'Monitoring, customers and the orchestrator redeploy and upscale VMs; off: nothing is ever redeployed (the plain lessons).',
    source: 'scenario choice: on in the 2024 replay, off elsewhere',
  },
  {
    path: 'controlPlane.checkIntervalSeconds',
    group: 'controlPlane',
    label: 'Monitoring check interval',
    kind: 'int',
    min: 5,
    max: 3600,
    unit: 's',
    default: 60,
    typical: {
      lo: 10,
      hi: 300,
      why: 'Kubernetes probes every 10 s; Prometheus scrapes every 15 to 60 s; platform VM checks run every 30 s to 5 min',
    },
    help: 'How often monitoring checks every VM.',
    source: 'typical (Kubernetes probe periodSeconds = 10)',
  },
  {
    path: 'controlPlane.failuresBeforeUnreachable',
    group: 'controlPlane',
    label: 'Failures before unreachable',
    kind: 'int',
    min: 1,
    max: 100,
    unit: 'checks',
    default: 3,
    help: 'Consecutive failed checks before a VM is declared unreachable and redeployed elsewhere.',
    source: 'Kubernetes Probe failureThreshold default 3 (k8s.io/api core/v1 types.go)',
  },
  {
    path: 'controlPlane.unresponsivePsi',
    group: 'controlPlane',
    label: 'Unresponsive above PSI',
    kind: 'number',
    min: 0.01,
    max: 1,
    step: 0.01,
    unit: '0..1',
    default: 0.5,
    typical: {
      lo: 0.2,
      hi: 0.8,
      why: 'a health check times out when the VM makes too little progress: somewhere between a fifth and most of the time stalled',
    },
    help: 'A VM stalled on memory more than this share of the time misses its health check.',
    source: 'typical',
  },
  {
    path: 'controlPlane.lateDataIsFailure',
    group: 'controlPlane',
    label: 'Late data counts as failure',
    kind: 'bool',
    default: true,
    help: 'A check that arrives late (its monitoring instance runs on an overloaded host) counts as failed. Off: late data is no data, not a failure (Prometheus up=0 is not data=0).',
    source: 'seed 002 ("missing data interpreted as unreachable")',
  },
  {
    path: 'controlPlane.monitorConcurrentChecks',
    group: 'controlPlane',
    label: 'Monitoring checks at once',
    kind: 'int',
    min: 1,
    max: 100000,
    unit: 'checks',
    default: 64,
    help: "Checks one zone's monitoring instance runs at once. A check of a healthy VM takes 0.1 s, one of an unresponsive VM the check timeout, so it gets through concurrent / mean check time checks per second (Little's law), times its share of CPU (it is a VM on the fleet). VMs it cannot reach in an interval have late data.",
    source: 'typical (plausible 8 to 512); seed 002: "monitoring instances took more time to do their checks"',
  },
  {
    path: 'controlPlane.checkTimeoutSeconds',
    group: 'controlPlane',
    label: 'Check timeout',
    kind: 'number',
    min: 0.1,
    max: 600,
    unit: 's',
    default: 10,
    help: 'How long a check of an unresponsive VM waits before it fails.',
    source: 'Prometheus scrape_timeout = 10 s',
  },

  {
    path: 'controlPlane.upscaleLoadPerCore',
    group: 'controlPlane',
    label: 'Upscale above load per core',
    kind: 'number',
    min: 0.1,
    max: 100,
    unit: 'load/core',
    default: 1.5,
    typical: {
      lo: 1,
      hi: 3,
      why: 'autoscalers act at 70 to 100% CPU; load per core above 1 means runnable tasks wait',
    },
    help: 'Autoscaled VMs on a host whose load average per core is above this read as needing more CPU.',
    source: 'typical',
  },
  {
    path: 'controlPlane.upscaleSteal',
    group: 'controlPlane',
    label: 'Upscale above steal',
    kind: 'number',
    min: 0.01,
    max: 1,
    step: 0.01,
    unit: '0..1',
    default: 0.3,
    typical: {
      lo: 0.1,
      hi: 0.5,
      why: 'steal above 10% is where CPU-bound apps visibly slow down; above 50% every check reads as overload',
    },
    help: 'Autoscaled VMs seeing more CPU steal than this read as needing more CPU (steal = 1 - 1/load per core).',
    source: 'typical',
  },
  {
    path: 'controlPlane.upscaleCooldownMinutes',
    group: 'controlPlane',
    label: 'Upscale cooldown',
    kind: 'number',
    min: 0,
    max: 1440,
    unit: 'min',
    default: 10,
    typical: {
      lo: 3,
      hi: 30,
      why: 'AWS ASG default cooldown 300 s; Kubernetes HPA scale-down stabilization 5 min; platforms use 3 to 30 min',
    },
    help: 'An app is not upscaled again within this time.',
    source: 'typical autoscaler cooldown',
  },
  {
    path: 'controlPlane.autoscaledShare',
    group: 'controlPlane',
    label: 'Autoscaled apps',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    unit: 'share',
    default: 0.2,
    typical: {
      lo: 0.05,
      hi: 0.5,
      why: 'a minority of apps enable autoscaling; seed 002 says VMs were upscaled "if they were configured to"',
    },
    help: 'Share of VMs whose app is configured to upscale.',
    source: 'typical',
  },
  {
    path: 'controlPlane.deploymentsPerMinute',
    group: 'controlPlane',
    label: 'Orchestrator throughput',
    kind: 'number',
    min: 0.1,
    max: 100000,
    unit: 'deploys/min',
    default: 20,
    typical: {
      lo: 5,
      hi: 100,
      why: 'an orchestrator starting a VM takes seconds of its own work per deployment; seed 002 shows queues of ~100k events taking an hour',
    },
    help: 'Deployments the orchestrator starts per minute with all its VMs up and notifications flowing.',
    source: 'typical',
  },
  {
    path: 'controlPlane.orchestratorHosts',
    group: 'controlPlane',
    label: 'Orchestrator hosts',
    kind: 'int',
    min: 1,
    max: 1000,
    unit: 'hosts',
    default: 6,
    typical: {
      lo: 3,
      hi: 12,
      why: 'a replicated orchestrator with its bus and API on a handful of hosts, spread over zones',
    },
    help: "Hypervisors that run the orchestrator's own VMs (spread over the fleet): its throughput falls with the share of them down or overloaded.",
    source: 'typical; seed 002: "Clever Cloud runs on top of Clever Cloud"',
  },
  {
    path: 'controlPlane.fallbackBus',
    group: 'controlPlane',
    label: 'Fallback notification bus',
    kind: 'bool',
    default: false,
    help: 'The orchestrator sends notifications over a second bus (RabbitMQ) when messaging is down; off: it waits for messaging.',
    source: 'seed 002 11:50 (switched on as a workaround)',
  },
  {
    path: 'controlPlane.baselineDeploymentsPerVmHour',
    group: 'controlPlane',
    label: 'Baseline deploys',
    kind: 'number',
    min: 0,
    max: 10,
    step: 0.001,
    unit: '/VM/h',
    default: 0.01,
    typical: {
      lo: 0.002,
      hi: 0.05,
      why: "a VM is replaced every 20 h to 3 weeks by customers' deployments (git pushes, restarts, scaling)",
    },
    help: 'Deployments customers make on a quiet day, per VM per hour (a new VM replaces an old one).',
    source: 'typical',
  },
  {
    path: 'controlPlane.customerRedeployPerMinute',
    group: 'controlPlane',
    label: 'Customers redeploy',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.001,
    unit: '/min',
    default: 0.02,
    typical: { lo: 0.005, hi: 0.1, why: 'a customer whose app looks down redeploys it within 10 min to a few hours' },
    help: 'Chance per minute that the customer of a VM that looks down (unresponsive or crashed) redeploys it by hand.',
    source: 'typical',
  },
  {
    path: 'controlPlane.imageMiB',
    group: 'controlPlane',
    label: 'Image read per deployment',
    kind: 'int',
    min: 0,
    max: 100000,
    unit: 'MiB',
    default: 2048,
    typical: {
      lo: 200,
      hi: 8192,
      why: 'a runtime image and build cache: a few hundred MiB (static binary, Node app) to several GiB (JVM with dependencies)',
    },
    help: "Bytes a deployment reads from the target hypervisor's disk (image, build cache).",
    source: 'typical',
  },
  {
    path: 'controlPlane.deployReadMBps',
    group: 'controlPlane',
    label: 'Deployment read rate',
    kind: 'number',
    min: 1,
    max: 100000,
    unit: 'MB/s',
    default: 150,
    typical: {
      lo: 50,
      hi: 500,
      why: 'one deployment reads its image in large sequential chunks, throttled by decompression and the guest boot',
    },
    help: 'How fast one deployment reads its image.',
    source: 'typical',
  },
  {
    path: 'controlPlane.deployCpuCores',
    group: 'controlPlane',
    label: 'Deployment CPU',
    kind: 'number',
    min: 0,
    max: 64,
    unit: 'cores',
    default: 2,
    typical: {
      lo: 0.5,
      hi: 8,
      why: 'a build and boot keep one to a few cores busy; a cached image needs less than a core',
    },
    help: 'CPU one deployment burns on its target hypervisor while it runs (build, boot).',
    source: 'typical',
  },
  {
    path: 'controlPlane.deploySeconds',
    group: 'controlPlane',
    label: 'Deployment duration',
    kind: 'number',
    min: 1,
    max: 3600,
    unit: 's',
    default: 120,
    typical: { lo: 30, hi: 600, why: 'a cached image boots in tens of seconds; a build from source takes minutes' },
    help: 'How long a deployment keeps costing CPU on its target.',
    source: 'typical',
  },
  {
    path: 'controlPlane.coldBootReads',
    group: 'controlPlane',
    label: 'Cold page cache after boot',
    kind: 'bool',
    default: true,
    help: "A new VM boots with an empty page cache and reads its whole working set from the target's disk once. Off: it starts warm (a memory snapshot restore).",
    source: 'Linux page cache: a booted guest starts empty (Documentation/admin-guide/mm/concepts.rst, page cache)',
  },
  {
    path: 'controlPlane.placement',
    group: 'controlPlane',
    label: 'Scheduler placement',
    kind: 'enum',
    options: PLACEMENTS,
    default: 'least-loaded',
    help: 'spread: the host with the fewest VMs; least-loaded: the lowest load per core. Both only where the VM fits in memory and a slot is free.',
    source:
      "kube-scheduler NodeResourcesFit default scoring strategy LeastAllocated (the usual scheduler default; Clever Cloud's own policy is not public)",
  },
  {
    path: 'controlPlane.spareSlotShare',
    group: 'controlPlane',
    label: 'Spare VM slots per host',
    kind: 'number',
    min: 0,
    max: 4,
    step: 0.05,
    unit: '× VMs',
    default: 0.5,
    typical: {
      lo: 0.2,
      hi: 1,
      why: 'hosts run with 20 to 100% more room than they start with, so redeploys and upscales have somewhere to go',
    },
    help: 'How many more VMs a host can take than it starts with (as a share of its initial count).',
    source: 'typical headroom',
  },
  {
    path: 'controlPlane.evictionDamping',
    group: 'controlPlane',
    label: 'Eviction damping',
    kind: 'bool',
    default: false,
    help: "When at least 55% of a zone's hosts are unhealthy, redeploy unreachable VMs at only 0.01 per second in that zone (the Kubernetes node-lifecycle rule).",
    source: 'kube-controller-manager nodelifecycle: unhealthyZoneThreshold 0.55, secondaryNodeEvictionRate 0.01',
  },
  {
    path: 'controlPlane.pauseMonitoringActions',
    group: 'controlPlane',
    label: 'Pause monitoring actions',
    kind: 'bool',
    default: false,
    help: 'Monitoring sends no redeploy or upscale actions (a global maintenance, as at 13:35 in seed 002).',
    source: 'seed 002 13:35',
  },
  {
    path: 'controlPlane.watchdog',
    group: 'controlPlane',
    label: 'Watchdog',
    kind: 'bool',
    default: true,
    help: 'A watchdog redeploys crashed VMs at once, without waiting for monitoring to call them unreachable.',
    source: 'seed 002 12:36 (watchdog reloads every impacted service), stopped at 12:39',
  },
];

export const PARAMS: readonly Param[] = [
  // --- run
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
  // --- fleet
  {
    path: 'fleet.zones',
    group: 'fleet',
    label: 'Zones',
    kind: 'int',
    min: 1,
    max: 32,
    unit: 'zones',
    default: 3,
    help: 'Availability zones; hypervisors are spread evenly across them.',
    source: 'seed 002: monitoring runs in three zones of the region (PAR6, PAR7, PAR8 at 18:13 to 18:24)',
  },
  {
    path: 'fleet.hypervisors',
    group: 'fleet',
    label: 'Hypervisors',
    kind: 'int',
    min: 1,
    max: 5000,
    unit: 'hosts',
    default: 12,
    help: 'Hypervisors in the fleet (all zones).',
    source: 'scenario choice: a small workshop fleet',
  },
  ...sizeParams(),
  // --- telemetry agent (Vector) and log source
  {
    path: 'telemetry.eventsPerSecond',
    group: 'telemetry',
    label: 'Log rate per VM',
    kind: 'number',
    min: 0,
    max: 100000,
    unit: 'events/s',
    default: 25,
    typical: {
      lo: 5,
      hi: 100,
      why: "an app that logs a line or two per request at a few to ~50 requests/s; the spread and heavy tails are the rate spread's business",
    },
    help: 'Mean log events each VM produces per second.',
    source: 'typical mean log rate of a small web app',
  },
  {
    path: 'telemetry.eventBytes',
    group: 'telemetry',
    label: 'Event size',
    kind: 'int',
    min: 16,
    max: 1048576,
    unit: 'B',
    default: 600,
    typical: {
      lo: 200,
      hi: 2000,
      why: 'a structured line plus the fields the agent adds (host, app id, timestamps, labels): a few hundred bytes to 2 KB',
    },
    help: 'Bytes one log event takes while held (in RAM or on disk).',
    source: 'typical structured log line',
  },
  {
    path: 'telemetry.rateSpread',
    group: 'telemetry',
    label: 'Log rate spread',
    kind: 'number',
    min: 0,
    max: 0.9,
    step: 0.05,
    unit: '×',
    default: 0.4,
    typical: {
      lo: 0.2,
      hi: 0.8,
      why: 'apps of one flavour log at very different rates; 0.2 is a uniform fleet, 0.8 close to the cap where the normal model clips at x0.1',
    },
    help: 'How much log rates differ between VMs (0: all equal; 0.4: most within ±40%).',
    source: 'typical',
  },
  {
    path: 'telemetry.source',
    group: 'telemetry',
    label: 'Log source',
    kind: 'enum',
    options: LOG_SOURCES,
    default: 'socket',
    help: 'Where backpressure lands under "block": tmpfs journal (RAM), journal on disk, the app logger\'s heap (socket), or a file on disk.',
    source:
      'seed 002 ("agents started to buffer in memory"): socket keeps the backlog in the app\'s RAM (MODEL.md, log source)',
  },
  {
    path: 'telemetry.agentRssMiB',
    group: 'telemetry',
    label: 'Agent base RSS',
    kind: 'int',
    min: 0,
    max: 4096,
    unit: 'MiB',
    default: 25,
    typical: {
      lo: 10,
      hi: 80,
      why: 'Vector with a small pipeline idles at tens of MiB; issue reports (vectordotdev/vector#23861) show much more for large configurations',
    },
    help: 'Memory of the idle telemetry agent, before buffers.',
    source: 'typical Vector idle RSS',
  },
  {
    path: 'telemetry.journalRuntimeMaxUsePercentOfRam',
    group: 'telemetry',
    label: 'Runtime journal cap',
    kind: 'number',
    min: 0.1,
    max: 50,
    unit: '% of RAM',
    default: 2,
    help: 'journald-volatile only: the tmpfs journal stops growing here and vacuums its oldest entries (counted as dropped).',
    source:
      'journald.conf(5) RuntimeMaxUse = 10% of /run (cap 4 GiB); systemd src/shared/mount-setup.c mounts /run as tmpfs size=20% of RAM',
  },
  {
    path: 'telemetry.sinkEventsPerSecond',
    group: 'telemetry',
    label: 'Sink throughput per VM',
    kind: 'number',
    min: 1,
    max: 1000000,
    unit: 'events/s',
    default: 1000,
    typical: {
      lo: 200,
      hi: 10000,
      why: "one agent's sink with batching; Vector moves tens of thousands of events/s per core, a small VM's CPU share and the per-producer broker path keep it lower",
    },
    help: 'How fast one agent can deliver when messaging is up: the drain rate of a backlog.',
    source: 'typical Vector sink batch throughput',
  },
  {
    path: 'telemetry.retryMaxSeconds',
    group: 'telemetry',
    label: 'Sink retry backoff cap',
    kind: 'number',
    min: 1,
    max: 3600,
    unit: 's',
    default: 30,
    help: 'Fibonacci retry backoff (1, 1, 2, 3, 5 ... s) stops growing here.',
    source: 'vector src/sinks/util/service.rs: retry_max_duration_secs = 30, Fibonacci backoff from 1 s',
  },
  {
    path: 'telemetry.drainCpuMicrosPerEvent',
    group: 'telemetry',
    label: 'CPU per delivered event',
    kind: 'number',
    min: 0,
    max: 10000,
    unit: 'µs',
    default: 20,
    typical: { lo: 5, hi: 100, why: 'encode, compress and send one event: 10k to 200k events per core-second' },
    help: 'CPU time to encode and send one event: the cost of the catch-up burst.',
    source: 'typical',
  },
  {
    path: 'telemetry.buffer.type',
    group: 'telemetry',
    label: 'Agent buffer type',
    kind: 'enum',
    options: BUFFER_TYPES,
    default: 'memory',
    help: 'memory: in RAM, lost on crash. disk: survives the agent, costs hypervisor disk writes.',
    source: 'vector lib/vector-buffers/src/config.rs: BufferType default memory',
  },
  {
    path: 'telemetry.buffer.maxEvents',
    group: 'telemetry',
    label: 'Memory buffer size',
    kind: 'int',
    min: 1,
    max: 100000000,
    unit: 'events',
    default: 500,
    help: 'Memory buffer capacity in events (not bytes).',
    source: 'vector lib/vector-buffers/src/config.rs: memory_buffer_default_max_events = 500',
  },
  {
    path: 'telemetry.buffer.maxSizeBytes',
    group: 'telemetry',
    label: 'Disk buffer size',
    kind: 'int',
    min: 268435488,
    max: 1099511627776,
    unit: 'B',
    default: 268435488,
    help: 'Disk buffer capacity in bytes (minimum 268,435,488).',
    source: 'vector lib/vector-buffers/src/variants/disk_v2/common.rs: minimum max_size 268,435,488 B',
  },
  {
    path: 'telemetry.buffer.whenFull',
    group: 'telemetry',
    label: 'When the buffer is full',
    kind: 'enum',
    options: WHEN_FULL,
    default: 'block',
    help: 'block: backpressure piles data up at the source. drop_newest: drop incoming events.',
    source: 'vector lib/vector-buffers/src/lib.rs: WhenFull default block',
  },
  // --- guest memory
  {
    path: 'memory.refaultTouchPerSecond',
    group: 'memory',
    label: 'Working-set touch rate',
    kind: 'number',
    min: 0,
    max: 100,
    step: 0.1,
    unit: '/s',
    default: 1,
    typical: {
      lo: 0.2,
      hi: 5,
      why: 'hot text is executed continuously: each evicted page of it is needed again within a fraction of a second to a few seconds',
    },
    help: 'Share of the missing working set the VM faults back in each second while thrashing.',
    source: 'typical: hot program text is touched about every second',
  },
  {
    path: 'memory.readaheadFactor',
    group: 'memory',
    label: 'Readahead factor',
    kind: 'number',
    min: 1,
    max: 32,
    step: 0.5,
    unit: '×',
    default: 2,
    typical: {
      lo: 1,
      hi: 8,
      why: "a page-cache miss on a mapping reads around the fault (mm/filemap.c do_sync_mmap_readahead, read_ahead_kb 128 KiB = 32 pages) until the mapping's mmap_miss count turns read-around off (MMAP_LOTSAMISS 100): under thrashing close to 1, a few x at first",
    },
    help: 'Bytes read from disk per byte refaulted (readahead reads more than the 4 KiB page).',
    source: 'typical; read_ahead_kb 128 default (mm/filemap.c read-around)',
  },
  // --- hypervisor
  {
    path: 'hypervisor.cores',
    group: 'hypervisor',
    label: 'CPU cores',
    kind: 'int',
    min: 1,
    max: 1024,
    unit: 'cores',
    default: 64,
    typical: { lo: 32, hi: 256, why: 'two-socket x86 hosts of 2017-2024 have 32 to 256 hardware threads' },
    help: 'Physical cores (threads) per hypervisor.',
    source: 'typical 2-socket host',
  },
  {
    path: 'hypervisor.memoryGiB',
    group: 'hypervisor',
    label: 'RAM',
    kind: 'int',
    min: 1,
    max: 16384,
    unit: 'GiB',
    default: 512,
    typical: { lo: 128, hi: 1024, why: 'two-socket KVM hosts carry 128 GiB (2017, seed 001 preset: 192) to 1 TiB' },
    help: 'Hypervisor RAM.',
    source: 'typical',
  },
  {
    path: 'hypervisor.diskReadMBps',
    group: 'hypervisor',
    label: 'Disk read bandwidth',
    kind: 'number',
    min: 10,
    max: 100000,
    unit: 'MB/s',
    default: 2000,
    typical: {
      lo: 550,
      hi: 6500,
      why: 'random reads of the local SSD: SATA SSD ~550 MB/s (link limit) to NVMe PCIe 4 ~6,500 MB/s sequential (vendor data); 4 KiB random reads land below sequential',
    },
    help: 'Random-read throughput of the local disk (NVMe PCIe 3 ~3,000 MB/s sequential; PCIe 4 ~6,500; SATA SSD ~550).',
    source: 'typical between vendor data for SATA and NVMe (MODEL.md)',
  },
  {
    path: 'hypervisor.diskWriteMBps',
    group: 'hypervisor',
    label: 'Disk write bandwidth',
    kind: 'number',
    min: 10,
    max: 100000,
    unit: 'MB/s',
    default: 1500,
    typical: {
      lo: 500,
      hi: 4000,
      why: 'sustained writes of a SATA SSD (~500 MB/s) to a PCIe 4 NVMe (~4,000 MB/s) after its cache fills',
    },
    help: 'Write throughput of the local disk.',
    source: 'typical NVMe PCIe 3 (vendor data)',
  },
  {
    path: 'hypervisor.baseReadMBps',
    group: 'hypervisor',
    label: 'Background reads',
    kind: 'number',
    min: 0,
    max: 100000,
    unit: 'MB/s',
    default: 200,
    typical: {
      lo: 20,
      hi: 500,
      why: "reads a host's healthy VMs make anyway (logs, databases, builds): a few percent of the disk",
    },
    help: 'Reads the healthy VMs of one hypervisor make anyway.',
    source: 'typical',
  },
  {
    path: 'hypervisor.hungTaskTimeoutSeconds',
    group: 'hypervisor',
    label: 'hung_task_timeout_secs',
    kind: 'int',
    min: 0,
    max: 86400,
    unit: 's',
    default: 120,
    help: 'A task in D state longer than this is a hung task (0 disables detection).',
    source: 'kernel/hung_task.c sysctl_hung_task_timeout_secs = CONFIG_DEFAULT_HUNG_TASK_TIMEOUT (120)',
  },
  {
    path: 'hypervisor.hungTaskCheckIntervalSeconds',
    group: 'hypervisor',
    label: 'hung_task_check_interval_secs',
    kind: 'int',
    min: 0,
    max: 86400,
    unit: 's',
    default: 0,
    help: 'How often khungtaskd scans; 0 means every timeout.',
    source: 'kernel/hung_task.c sysctl_hung_task_check_interval_secs = 0 (watchdog() then sleeps the timeout)',
  },
  {
    path: 'hypervisor.hungTaskPanic',
    group: 'hypervisor',
    label: 'hung_task_panic',
    kind: 'bool',
    default: true,
    help: 'Panic the hypervisor when khungtaskd finds a hung task.',
    source:
      'kernel/hung_task.c default 0 (CONFIG_BOOTPARAM_HUNG_TASK_PANIC); Clever Cloud runs with panic on (seed 002)',
  },
  {
    path: 'hypervisor.rebootMinutes',
    group: 'hypervisor',
    label: 'Reboot time',
    kind: 'number',
    min: 0.5,
    max: 240,
    unit: 'min',
    default: 10,
    typical: {
      lo: 3,
      hi: 20,
      why: 'server firmware POST (memory training, RAID and NIC option ROMs) takes 2 to 10 min, then kernel boot and services',
    },
    help: 'From panic to the hypervisor back up (it returns empty).',
    source: 'typical server POST + boot',
  },
  ...MESSAGING_PARAMS,
  ...CONTROL_PLANE_PARAMS,
  // --- hypervisor agents, tasks, maintenance and migration (params-ops.ts)
  ...OPS_PARAMS,
];

export const PARAM_BY_PATH: ReadonlyMap<string, Param> = new Map(PARAMS.map((p) => [p.path, p]));

/** Fields of scenario events, per kind: the same table shape as PARAMS, relative to the event. */
export interface EventKindSpec {
  kind: string;
  label: string;
  help: string;
  fields: readonly NumberParam[];
}

const minutesPerBroker = (dflt: number, source: string, typical?: Typical): NumberParam => ({
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
const action = (kind: string, label: string, help: string): EventKindSpec => ({ kind, label, help, fields: [] });

/** Broker and control-plane events (issue 4), appended to EVENT_KINDS. */
const BROKER_EVENT_KINDS: readonly EventKindSpec[] = [
  {
    kind: 'rollingUpgrade',
    label: 'Rolling broker upgrade',
    help: 'Brokers restart one at a time into messaging.brokerVersion and messaging.loadManager.',
    fields: [minutesPerBroker(1.5, 'seed 002: started 10:06, cluster defective by 10:20 with 9 brokers')],
  },
  {
    kind: 'rollback',
    label: 'Roll back the load manager',
    help: 'Brokers restart one at a time back on the modular load manager (the version stays).',
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
    fields: [minutesPerBroker(0.6, 'seed 002: started progressively 12:22 to 12:28')],
  },
  {
    kind: 'lookupStall',
    label: 'Lookup stall',
    help: 'Bundle ownership cannot be settled for a while (a metadata store stall): every lookup holds its slot for the owner wait, then fails.',
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
  action(
    'shedLookups',
    'Shed pending lookups',
    'Brokers drop every pending lookup at once (load shedding of retries).',
  ),
  action(
    'enableFallbackBus',
    'Switch notifications to the fallback bus',
    'The orchestrator stops depending on messaging (seed 002 11:50: RabbitMQ).',
  ),
  action(
    'pauseMonitoring',
    'Pause monitoring actions',
    'Monitoring stops sending redeploys and upscales (seed 002 13:35).',
  ),
  action('stopWatchdog', 'Stop the watchdog', 'Crashed VMs are no longer redeployed at once (seed 002 12:39).'),
];

export const EVENT_KINDS: readonly EventKindSpec[] = [
  {
    kind: 'messagingOutage',
    label: 'Messaging outage',
    help: 'The message broker refuses all producers for a while (the plain outage of simple lessons).',
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
];

export const MAX_EVENTS = 200;
/** Fleets beyond this many VMs are refused: the page cannot simulate them in seconds. */
export const MAX_TOTAL_VMS = 250_000;
