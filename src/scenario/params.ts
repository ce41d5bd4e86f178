// The property table: every scenario parameter, once. Validation, defaults, the CLI's --set,
// the playground's controls and (later) scenario links are all driven from this table.
// Each default names where it comes from; "typical" marks a value chosen as representative
// where no public figure fixes it (MODEL.md asks for those to be labelled as such).

import { LOG_SOURCES, BUFFER_TYPES, WHEN_FULL, VM_SIZES, type VmSize } from './types.ts';
import { OPS_PARAMS } from './params-ops.ts';

export type ParamGroup = 'run' | 'fleet' | 'vmSizes' | 'telemetry' | 'memory' | 'hypervisor'
  | 'hvAgent' | 'proxy' | 'tasks' | 'maintenance' | 'migration';

interface ParamBase {
  path: string;
  group: ParamGroup;
  label: string;
  help: string;
  source: string;
}
export interface NumberParam extends ParamBase {
  kind: 'int' | 'number';
  min: number;
  max: number;
  step?: number;
  unit: string;
  default: number;
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
  hvAgent: 'Hypervisor agent',
  proxy: 'Notification proxy',
  tasks: 'Tasks and threads',
  maintenance: 'Maintenance',
  migration: 'Live migration',
};

const TYPICAL_SIZES = 'typical cloud flavour (Clever Cloud does not publish exact figures; editable)';

/** VM flavours: vCPUs and RAM are typical values; RSS and working set are typical guesses. */
const SIZE_DEFAULTS: Record<VmSize, [vcpus: number, memoryMiB: number, appRssMiB: number, workingSetMiB: number, perHv: number]> = {
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
      { path: `fleet.vmMix.${size}`, group: 'fleet', label: `${size} VMs per hypervisor`, kind: 'int', min: 0, max: 400, unit: 'VMs', default: perHv,
        help: `How many ${size} VMs each hypervisor runs at the start.`, source: 'typical mix, small VMs dominate (seed 002: "mostly small VMs (pico/nano)")' },
      { path: `vmSizes.${size}.vcpus`, group: 'vmSizes', label: `${size} vCPUs`, kind: 'int', min: 1, max: 128, unit: 'vCPU', default: vcpus,
        help: `Virtual CPUs of a ${size} VM.`, source: TYPICAL_SIZES },
      { path: `vmSizes.${size}.memoryMiB`, group: 'vmSizes', label: `${size} RAM`, kind: 'int', min: 64, max: 1048576, unit: 'MiB', default: memoryMiB,
        help: `RAM of a ${size} VM.`, source: TYPICAL_SIZES },
      { path: `vmSizes.${size}.appRssMiB`, group: 'vmSizes', label: `${size} application RSS`, kind: 'int', min: 0, max: 1048576, unit: 'MiB', default: rss,
        help: `Anonymous memory the application and guest system use in a ${size} VM, before any log backlog.`, source: 'typical (about 47% of RAM)' },
      { path: `vmSizes.${size}.workingSetMiB`, group: 'vmSizes', label: `${size} file working set`, kind: 'int', min: 0, max: 1048576, unit: 'MiB', default: ws,
        help: `Program text, libraries and hot files a ${size} VM needs in page cache; what does not fit is re-read from disk.`, source: 'typical' },
    );
  }
  return out;
}

export const PARAMS: readonly Param[] = [
  // --- run
  { path: 'seed', group: 'run', label: 'Seed', kind: 'int', min: 0, max: 4294967295, unit: '', default: 1,
    help: 'Seed of the one random generator; same scenario and seed give the same run.', source: 'any' },
  { path: 'durationMinutes', group: 'run', label: 'Duration', kind: 'int', min: 10, max: 2880, unit: 'min', default: 240,
    help: 'Simulated time.', source: 'long enough for a 2 h outage and its aftermath' },
  { path: 'stepSeconds', group: 'run', label: 'Time step', kind: 'int', min: 1, max: 30, unit: 's', default: 5,
    help: 'Fixed step for flows (logs, bytes, I/O); discrete events land on step boundaries.', source: 'MODEL.md: default 5 s, 1 to 30 s' },
  { path: 'clockStart', group: 'run', label: 'Clock at minute 0', kind: 'string', pattern: /^([01]\d|2[0-3]):[0-5]\d$/, maxLength: 5, default: '10:00',
    help: 'Wall-clock time shown for minute 0 (HH:MM).', source: 'display only' },
  // --- fleet
  { path: 'fleet.zones', group: 'fleet', label: 'Zones', kind: 'int', min: 1, max: 32, unit: 'zones', default: 3,
    help: 'Availability zones; hypervisors are spread evenly across them.', source: 'typical region' },
  { path: 'fleet.hypervisors', group: 'fleet', label: 'Hypervisors', kind: 'int', min: 1, max: 5000, unit: 'hosts', default: 12,
    help: 'Hypervisors in the fleet (all zones).', source: 'a small workshop fleet' },
  ...sizeParams(),
  // --- telemetry agent (Vector) and log source
  { path: 'telemetry.eventsPerSecond', group: 'telemetry', label: 'Log rate per VM', kind: 'number', min: 0, max: 100000, unit: 'events/s', default: 25,
    help: 'Mean log events each VM produces per second.', source: 'typical' },
  { path: 'telemetry.eventBytes', group: 'telemetry', label: 'Event size', kind: 'int', min: 16, max: 1048576, unit: 'B', default: 600,
    help: 'Bytes one log event takes while held (in RAM or on disk).', source: 'typical structured log line' },
  { path: 'telemetry.rateSpread', group: 'telemetry', label: 'Log rate spread', kind: 'number', min: 0, max: 0.9, step: 0.05, unit: '×', default: 0.4,
    help: 'How much log rates differ between VMs (0: all equal; 0.4: most within ±40%).', source: 'typical' },
  { path: 'telemetry.source', group: 'telemetry', label: 'Log source', kind: 'enum', options: LOG_SOURCES, default: 'socket',
    help: 'Where backpressure lands under "block": tmpfs journal (RAM), journal on disk, the app logger\'s heap (socket), or a file on disk.',
    source: 'MODEL.md, log source section' },
  { path: 'telemetry.agentRssMiB', group: 'telemetry', label: 'Agent base RSS', kind: 'int', min: 0, max: 4096, unit: 'MiB', default: 25,
    help: 'Memory of the idle telemetry agent, before buffers.', source: 'typical Vector idle RSS' },
  { path: 'telemetry.journalRuntimeMaxUsePercentOfRam', group: 'telemetry', label: 'Runtime journal cap', kind: 'number', min: 0.1, max: 50, unit: '% of RAM', default: 2,
    help: 'journald-volatile only: the tmpfs journal stops growing here and vacuums its oldest entries (counted as dropped).',
    source: 'journald.conf(5) RuntimeMaxUse = 10% of /run (cap 4 GiB); systemd mounts /run at 20% of RAM' },
  { path: 'telemetry.sinkEventsPerSecond', group: 'telemetry', label: 'Sink throughput per VM', kind: 'number', min: 1, max: 1000000, unit: 'events/s', default: 1000,
    help: 'How fast one agent can deliver when messaging is up: the drain rate of a backlog.', source: 'typical Vector sink batch throughput' },
  { path: 'telemetry.retryMaxSeconds', group: 'telemetry', label: 'Sink retry backoff cap', kind: 'number', min: 1, max: 3600, unit: 's', default: 30,
    help: 'Fibonacci retry backoff (1, 1, 2, 3, 5 ... s) stops growing here.', source: 'vector src/sinks/util/service.rs: Fibonacci 1 s to 30 s' },
  { path: 'telemetry.drainCpuMicrosPerEvent', group: 'telemetry', label: 'CPU per delivered event', kind: 'number', min: 0, max: 10000, unit: 'µs', default: 20,
    help: 'CPU time to encode and send one event: the cost of the catch-up burst.', source: 'typical' },
  { path: 'telemetry.buffer.type', group: 'telemetry', label: 'Agent buffer type', kind: 'enum', options: BUFFER_TYPES, default: 'memory',
    help: 'memory: in RAM, lost on crash. disk: survives the agent, costs hypervisor disk writes.', source: 'vector lib/vector-buffers/src/config.rs (default memory)' },
  { path: 'telemetry.buffer.maxEvents', group: 'telemetry', label: 'Memory buffer size', kind: 'int', min: 1, max: 100000000, unit: 'events', default: 500,
    help: 'Memory buffer capacity in events (not bytes).', source: 'vector config.rs memory_buffer_default_max_events = 500' },
  { path: 'telemetry.buffer.maxSizeBytes', group: 'telemetry', label: 'Disk buffer size', kind: 'int', min: 268435488, max: 1099511627776, unit: 'B', default: 268435488,
    help: 'Disk buffer capacity in bytes (minimum 268,435,488).', source: 'vector variants/disk_v2/common.rs minimum' },
  { path: 'telemetry.buffer.whenFull', group: 'telemetry', label: 'When the buffer is full', kind: 'enum', options: WHEN_FULL, default: 'block',
    help: 'block: backpressure piles data up at the source. drop_newest: drop incoming events.', source: 'vector lib/vector-buffers/src/lib.rs (default block)' },
  // --- guest memory
  { path: 'memory.refaultTouchPerSecond', group: 'memory', label: 'Working-set touch rate', kind: 'number', min: 0, max: 100, step: 0.1, unit: '/s', default: 1,
    help: 'Share of the missing working set the VM faults back in each second while thrashing.', source: 'typical: hot program text is touched about every second' },
  { path: 'memory.readaheadFactor', group: 'memory', label: 'Readahead factor', kind: 'number', min: 1, max: 32, step: 0.5, unit: '×', default: 2,
    help: 'Bytes read from disk per byte refaulted (readahead reads more than the 4 KiB page).', source: 'typical; read_ahead_kb 128 default' },
  // --- hypervisor
  { path: 'hypervisor.cores', group: 'hypervisor', label: 'CPU cores', kind: 'int', min: 1, max: 1024, unit: 'cores', default: 64,
    help: 'Physical cores (threads) per hypervisor.', source: 'typical 2-socket host' },
  { path: 'hypervisor.memoryGiB', group: 'hypervisor', label: 'RAM', kind: 'int', min: 1, max: 16384, unit: 'GiB', default: 512,
    help: 'Hypervisor RAM.', source: 'typical' },
  { path: 'hypervisor.diskReadMBps', group: 'hypervisor', label: 'Disk read bandwidth', kind: 'number', min: 10, max: 100000, unit: 'MB/s', default: 2000,
    help: 'Random-read throughput of the local disk (NVMe PCIe 3 ~3,000 MB/s sequential; PCIe 4 ~6,500; SATA SSD ~550).', source: 'vendor data (MODEL.md); random 4 KiB reads below sequential' },
  { path: 'hypervisor.diskWriteMBps', group: 'hypervisor', label: 'Disk write bandwidth', kind: 'number', min: 10, max: 100000, unit: 'MB/s', default: 1500,
    help: 'Write throughput of the local disk.', source: 'vendor data, typical NVMe PCIe 3' },
  { path: 'hypervisor.baseReadMBps', group: 'hypervisor', label: 'Background reads', kind: 'number', min: 0, max: 100000, unit: 'MB/s', default: 200,
    help: 'Reads the healthy VMs of one hypervisor make anyway.', source: 'typical' },
  { path: 'hypervisor.hungTaskTimeoutSeconds', group: 'hypervisor', label: 'hung_task_timeout_secs', kind: 'int', min: 0, max: 86400, unit: 's', default: 120,
    help: 'A task in D state longer than this is a hung task (0 disables detection).', source: 'kernel/hung_task.c default 120' },
  { path: 'hypervisor.hungTaskCheckIntervalSeconds', group: 'hypervisor', label: 'hung_task_check_interval_secs', kind: 'int', min: 0, max: 86400, unit: 's', default: 0,
    help: 'How often khungtaskd scans; 0 means every timeout.', source: 'kernel/hung_task.c default 0 (= timeout)' },
  { path: 'hypervisor.hungTaskPanic', group: 'hypervisor', label: 'hung_task_panic', kind: 'bool', default: true,
    help: 'Panic the hypervisor when khungtaskd finds a hung task.', source: 'kernel default off; Clever Cloud runs with it on (seed 002)' },
  { path: 'hypervisor.rebootMinutes', group: 'hypervisor', label: 'Reboot time', kind: 'number', min: 0.5, max: 240, unit: 'min', default: 10,
    help: 'From panic to the hypervisor back up (it returns empty).', source: 'typical server POST + boot' },
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

export const EVENT_KINDS: readonly EventKindSpec[] = [
  {
    kind: 'messagingOutage',
    label: 'Messaging outage',
    help: 'The message broker refuses all producers for a while (the plain outage of simple lessons).',
    fields: [
      { path: 'durationMinutes', group: 'run', label: 'Duration', kind: 'number', min: 1, max: 2880, unit: 'min', default: 120,
        help: 'How long messaging is unavailable.', source: 'seed 002: messaging down ~2.5 h' },
    ],
  },
  {
    kind: 'maintenanceWindow',
    label: 'Maintenance on every host',
    help: 'Every hypervisor must take a short maintenance within the window; each first evacuates its VMs by live migration.',
    fields: [
      { path: 'durationMinutes', group: 'maintenance', label: 'Window', kind: 'number', min: 1, max: 2880, unit: 'min', default: 120,
        help: 'The scheduler spreads every host\'s start over this window (policy fixed-window).', source: 'seed 001: "consecutively within 2 hours"' },
      { path: 'maintenanceMinutes', group: 'maintenance', label: 'Maintenance itself', kind: 'number', min: 0.1, max: 600, unit: 'min', default: 1,
        help: 'How long the host is in maintenance once it is empty.', source: 'seed 001: "a short window of 1 minute"' },
    ],
  },
];

export const MAX_EVENTS = 200;
/** Fleets beyond this many VMs are refused: the page cannot simulate them in seconds. */
export const MAX_TOTAL_VMS = 250_000;
