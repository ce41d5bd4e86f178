// Parameters of the 2022 and 2017 chains (issue 6): hypervisor agents and the notification proxy,
// tasks against the cgroup pids limit, host maintenance and live migration. Same row shape as
// PARAMS (params.ts spreads this array into it); each default names its source or says "typical".

import type { Param } from './params.ts';

export const HV_AGENT_MODES = ['process-per-notification', 'single-driver'] as const;
export const MAINTENANCE_POLICIES = ['fixed-window', 'include-evacuation'] as const;

export const OPS_PARAMS: readonly Param[] = [
  // --- hypervisor agents (seed 000)
  { path: 'hvAgent.mode', group: 'hvAgent', label: 'Agent mode', kind: 'enum', options: HV_AGENT_MODES, default: 'process-per-notification',
    help: 'process-per-notification: every notification spawns a process that opens its own connection. single-driver: one long-lived process with one connection handles them all.',
    source: 'seed 000: the agent spawned a process per notification until the 2022 fix (a single driver)' },
  { path: 'hvAgent.notificationsPerSecond', group: 'hvAgent', label: 'Notifications per hypervisor', kind: 'number', min: 0, max: 1000, step: 0.1, unit: '/s', default: 1.5,
    help: 'Mean rate of notifications each hypervisor agent receives (hosts differ by up to ± the spread below).', source: 'typical' },
  { path: 'hvAgent.notificationSpread', group: 'hvAgent', label: 'Notification rate spread', kind: 'number', min: 0, max: 0.9, step: 0.05, unit: '×', default: 0.5,
    help: 'How much notification rates differ between hypervisors (0: all equal).', source: 'typical' },
  { path: 'hvAgent.processSeconds', group: 'hvAgent', label: 'Work per notification', kind: 'number', min: 0.1, max: 600, unit: 's', default: 2,
    help: 'How long a notification process holds its connection once it has one.', source: 'typical' },
  { path: 'hvAgent.tasksPerProcess', group: 'hvAgent', label: 'Tasks per agent process', kind: 'int', min: 1, max: 256, unit: 'tasks', default: 8,
    help: 'Threads of one agent process (a language runtime starts several); each counts against the pids limit.', source: 'typical (a Go or JVM runtime starts several threads)' },
  { path: 'hvAgent.connectTimeoutSeconds', group: 'hvAgent', label: 'Connection wait timeout', kind: 'number', min: 1, max: 86400, unit: 's', default: 300,
    help: 'How long a process waits for a connection from a full pooler before it gives up (its notification is lost).', source: 'typical' },
  // --- the proxy in front of messaging and its pooler
  { path: 'proxy.poolMaxConnections', group: 'proxy', label: 'Pooler maximum', kind: 'int', min: 1, max: 10000000, unit: 'connections', default: 20000,
    help: 'Connections the pooler behind the proxy holds at most; past it new connections wait.', source: 'typical' },
  { path: 'proxy.leakPercent', group: 'proxy', label: 'Connections leaked', kind: 'number', min: 0, max: 100, step: 0.01, unit: '%', default: 0,
    help: 'Share of closed connections the proxy never releases in the pooler (0: the proxy is fixed).', source: 'seed 000: "did not properly close connections"; 0 = fixed' },
  // --- tasks and threads on the hypervisor (MODEL.md, Tasks and threads)
  { path: 'tasks.pidMax', group: 'tasks', label: 'kernel.pid_max', kind: 'int', min: 301, max: 4194304, unit: 'pids', default: 32768,
    help: 'Largest pid; with threads-max it sets systemd\'s DefaultTasksMax.', source: 'include/linux/threads.h PID_MAX_DEFAULT 32,768 (systemd >= 243 raises it to 4,194,304)' },
  { path: 'tasks.defaultTasksMaxPercent', group: 'tasks', label: 'DefaultTasksMax', kind: 'number', min: 0.1, max: 100, step: 0.1, unit: '%', default: 15,
    help: 'cgroup pids limit of the agent\'s service (it and its QEMUs) as a share of min(pid_max, threads-max).', source: 'systemd DefaultTasksMax=15% (src/basic/procfs-util.c)' },
  { path: 'tasks.qemuExtraThreads', group: 'tasks', label: 'QEMU extra threads per VM', kind: 'int', min: 0, max: 64, unit: 'threads', default: 3,
    help: 'QEMU threads besides main, vCPUs and I/O workers (RCU, signal, VNC ...).', source: 'typical' },
  { path: 'tasks.ioWorkersMax', group: 'tasks', label: 'I/O pool workers max', kind: 'int', min: 1, max: 1024, unit: 'threads', default: 64,
    help: 'QEMU thread-pool workers per context at most.', source: 'qemu include/block/thread-pool.h THREAD_POOL_MAX_THREADS_DEFAULT 64' },
  { path: 'tasks.ioMBpsPerWorker', group: 'tasks', label: 'I/O per pool worker', kind: 'number', min: 0.1, max: 10000, unit: 'MB/s', default: 4,
    help: 'Throughput one blocking I/O worker sustains (about 1,000 4 KiB reads/s): a VM\'s workers grow with its I/O.', source: 'typical' },
  { path: 'tasks.qemuThreadSpawnsPerHour', group: 'tasks', label: 'QEMU thread creations per VM', kind: 'number', min: 0, max: 36000, unit: '/h', default: 6,
    help: 'How often a VM\'s QEMU creates a thread (an idle I/O worker exits after 10 s and a burst needs a new one); at the pids limit it fails and QEMU aborts.',
    source: 'typical; qemu util/thread-pool.c idle workers exit after 10 s; util/qemu-thread-posix.c error_exit() aborts' },
  // --- maintenance (seed 001)
  { path: 'maintenance.maxConcurrentHosts', group: 'maintenance', label: 'Seatbelt: hosts at once', kind: 'int', min: 0, max: 5000, unit: 'hosts', default: 0,
    help: 'At most this many hosts evacuate or sit in maintenance at once (0: no limit).', source: 'seed 001 fix: a "safety seatbelt"; 0 = the 2017 behaviour' },
  { path: 'maintenance.policy', group: 'maintenance', label: 'Scheduling policy', kind: 'enum', options: MAINTENANCE_POLICIES, default: 'fixed-window',
    help: 'fixed-window: hosts start one after another, evenly spread over the window, whatever evacuation takes. include-evacuation: the next host starts when the previous one has evacuated.',
    source: 'seed 001: the schedule ignored evacuation time; its fix includes it' },
  // --- live migration (MODEL.md, Live migration)
  { path: 'migration.linkGbps', group: 'migration', label: 'Migration link', kind: 'number', min: 0.1, max: 400, unit: 'Gbit/s', default: 1,
    help: 'Network link of each host (1 or 10 GbE); its migrations share it both ways.', source: 'seed 001: 1 GbE hosts in 2017, 10 GbE the fix' },
  { path: 'migration.bandwidthMiBps', group: 'migration', label: 'QEMU max-bandwidth', kind: 'number', min: 1, max: 100000, unit: 'MiB/s', default: 128,
    help: 'QEMU\'s per-migration bandwidth cap.', source: 'qemu migration/options.c: 32 MiB/s before ~5.2, 128 MiB/s after' },
  { path: 'migration.maxParallelPerHost', group: 'migration', label: 'Parallel migrations per host', kind: 'int', min: 1, max: 100, unit: 'migrations', default: 3,
    help: 'Outgoing migrations one evacuating host runs at once.', source: 'flyingcircusio/fc.qemu CHANGES.txt: cut from 10 to 3 after the incident' },
  { path: 'migration.downtimeLimitMs', group: 'migration', label: 'Downtime limit', kind: 'number', min: 1, max: 100000, unit: 'ms', default: 300,
    help: 'Pre-copy stops and switches over once what is left can be sent in this time.', source: 'qemu migration/options.c downtime-limit 300 ms' },
  { path: 'migration.autoConverge', group: 'migration', label: 'Auto-converge', kind: 'bool', default: false,
    help: 'Throttle a VM that dirties memory faster than it can be sent: 20% at first, +10% per pass, up to 99%.', source: 'qemu migration/options.c: off by default; 20% initial, +10% increment, 99% max' },
  { path: 'migration.timeoutMinutes', group: 'migration', label: 'Migration timeout', kind: 'number', min: 1, max: 1440, unit: 'min', default: 60,
    help: 'A migration still copying after this long is cancelled (failed); the VM stays on its host and is retried.', source: 'typical' },
  { path: 'migration.admissionLock', group: 'migration', label: 'Locked admission check', kind: 'bool', default: true,
    help: 'true: a global lock around the target\'s free-memory check, which counts memory already booked by incoming migrations. false: the check reads the memory QEMU has allocated so far, so two migrations can book the same memory.',
    source: 'flyingcircusio/fc.qemu CHANGES.txt (lock added after the incident); false = 2017' },
  { path: 'migration.bookedCapPercent', group: 'migration', label: 'Booked-memory cap', kind: 'number', min: 0, max: 200, unit: '% of RAM', default: 0,
    help: 'Refuse a migration that would book a target past this share of its VM memory (0: no cap).', source: 'flyingcircusio/fc.qemu CHANGES.txt (booked-memory cap after the incident); 0 = none' },
  { path: 'migration.hostReserveGiB', group: 'migration', label: 'Host memory reserve', kind: 'number', min: 0, max: 16384, unit: 'GiB', default: 16,
    help: 'Hypervisor RAM kept for the host itself; the rest is for VMs.', source: 'typical' },
  { path: 'migration.hostSwapGiB', group: 'migration', label: 'Host swap', kind: 'number', min: 0, max: 16384, unit: 'GiB', default: 8,
    help: 'Past the VM memory, the host swaps (its VMs hang); past swap too, its OOM killer kills a QEMU and that VM reboots.', source: 'typical' },
  { path: 'migration.dirtyMiBps', group: 'migration', label: 'Dirty rate, typical VM', kind: 'number', min: 0, max: 100000, unit: 'MiB/s', default: 4,
    help: 'Memory a typical VM writes per second (each VM draws around it).', source: 'typical' },
  { path: 'migration.busyPercent', group: 'migration', label: 'Busy VMs', kind: 'number', min: 0, max: 100, unit: '%', default: 10,
    help: 'Share of VMs that write memory fast (databases, caches).', source: 'typical' },
  { path: 'migration.busyDirtyMiBps', group: 'migration', label: 'Dirty rate, busy VM', kind: 'number', min: 0, max: 100000, unit: 'MiB/s', default: 40,
    help: 'Memory a busy VM writes per second.', source: 'typical' },
];
