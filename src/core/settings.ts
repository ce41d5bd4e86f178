// Every fixed number the systems use that is not a parameter of the scenario, in one place, each
// with its source or, for a typical value, why it is this and what range is plausible. A number
// that an ensemble should vary becomes a row of the property table instead (src/scenario, with a
// typical range); docs/MODEL.md "Constants still in the code" lists which are candidates.
// Numerical guards (epsilons, ring and queue capacities, loop caps) stay beside their code.
//
// Leaf module: imports nothing, so every part of the core may read it.

// --- hypervisor disk (systems/disk)

/**
 * A request that waits longer than this is far beyond NVMe latency (tens of microseconds to a few
 * milliseconds under load): the host shows as saturated and its waiting tasks count as in D
 * state. Typical; plausible 0.5 to 5 s (the model's chains do not move within that range, as the
 * queue grows by seconds per step once saturated).
 */
export const QUEUE_BLOCK_SECONDS = 1;
/**
 * Requests beyond this much queued work cannot even be submitted (the block layer's nr_requests
 * and the device's queue depth fill up): they wait too, so the queue stops growing here. Typical;
 * it caps the oldest journal waiter at about 2 x JOURNAL_COMMIT_ROUNDS x 60 s = 360 s.
 */
export const QUEUE_MAX_SECONDS = 60;
/** Dependent I/O rounds of one jbd2 commit: ordered data, journal blocks, commit block + flush (fs/jbd2/commit.c jbd2_journal_commit_transaction). */
export const JOURNAL_COMMIT_ROUNDS = 3;
/**
 * Below this queue (s) a commit takes under a second: waits are far below any timeout, and the
 * commit chain is not followed round by round (it would take thousands of rounds per step).
 * Numerics, not physics: any value well below hung_task_timeout_secs / JOURNAL_COMMIT_ROUNDS gives the same runs.
 */
export const COMMIT_FAST_SECONDS = 0.25;
/**
 * Share of its vCPUs a healthy VM keeps busy, for the host's load average. Typical of a shared
 * cloud fleet (mostly idle web VMs); plausible 0.1 to 0.5.
 */
export const VM_CPU_SHARE = 0.25;

/**
 * The healthy VMs' background reads vary per host and step by a uniform multiplier in
 * [BACKGROUND_READ_MIN, BACKGROUND_READ_MIN + BACKGROUND_READ_RANGE): x0.8 to x1.2 around
 * hypervisor.baseReadMBps. Typical; it only keeps hosts from moving in lockstep.
 */
export const BACKGROUND_READ_MIN = 0.8,
  BACKGROUND_READ_RANGE = 0.4;

// --- guest memory (systems/memory)

/**
 * A VM missing more than this share of its working set counts as thrashing (the map, the
 * thrashing series, the log's first thrash). Typical; plausible 0.02 to 0.1: a few percent of the
 * working set refaulting already stalls the VM (its PSI full grows with the share).
 */
export const THRASH_FRACTION = 0.05;
/**
 * A host whose mean VM memory stall (PSI full) is above this shows as pressured on the map.
 * Display only: VMs stalled a tenth of the time are visibly slow. Typical; plausible 0.05 to 0.2.
 */
export const HOST_PRESSURED_PSI = 0.1;

// --- khungtaskd and panics (systems/hungtask, systems/hosts)

/** From the panic to the start of the reboot: the panic message and dump (kernel.panic=60 typical; plausible 10 to 300 s). */
export const PANIC_HOLD_SECONDS = 60;

// --- messaging (systems/messaging, systems/pulsar)

/**
 * Messaging counts as down below this share of producers connected (an unavailable minute, the
 * log's "messaging down", and the orchestrator's notifications stop), and as back at
 * MESSAGING_BACK_AT (hysteresis, so a flapping share logs one episode). Typical: half of the
 * producers is where a notification fan-out stops reaching most hosts.
 */
export const MESSAGING_DOWN_BELOW = 0.5,
  MESSAGING_BACK_AT = 0.95;
/**
 * A broker fails a topic load still unfinished this long after it was requested, and closes a
 * topic that finishes loading later (pulsar ServiceConfiguration topicLoadTimeoutSeconds = 60;
 * BrokerService.loadOrCreatePersistentTopic). A load that finishes in time stays loaded even when
 * the client that asked gave up at its 30 s operation timeout: its next attempt finds it.
 */
export const TOPIC_LOAD_TIMEOUT_SECONDS = 60;
/** Overload shedder: a broker above this usage sheds (Pulsar concepts-broker-load-balancing: 85%). */
export const OVERLOAD_USAGE = 0.85;
/** OverloadShedder sheds down to this share of the threshold (a margin so a broker does not shed again at once). Typical. */
export const OVERLOAD_SHED_TARGET = 0.9;
/** Threshold shedder: a broker above the mean + 10 points of usage sheds (loadBalancerBrokerThresholdShedderPercentage = 10). */
export const THRESHOLD_MARGIN = 0.1;

// --- control plane (systems/controlplane)

/** kube-controller-manager nodelifecycle: unhealthyZoneThreshold 0.55, secondaryNodeEvictionRate 0.01 per second. */
export const UNHEALTHY_ZONE_SHARE = 0.55,
  DAMPED_EVICTIONS_PER_SECOND = 0.01;
/** Time a check of a healthy VM takes (a TCP or HTTP probe within a datacentre). Typical; plausible 0.01 to 1 s. */
export const HEALTHY_CHECK_SECONDS = 0.1;
/**
 * Load per core past which a monitoring instance's host gives it less than a whole core (its
 * share is this over the load) and an orchestrator host slows down in proportion: one runnable
 * task per core is where a Linux run queue starts to wait.
 */
export const MONITOR_FULL_SPEED_LOAD = 1,
  ORCH_SLOW_LOAD = 1;
/**
 * The log calls the deployment queue a redeploy storm once it holds REDEPLOY_STORM_MIN_QUEUE
 * deployments and REDEPLOY_STORM_BASELINE_HOURS of the baseline rate. Reporting only (a cause the
 * log names), not a mechanism.
 */
export const REDEPLOY_STORM_MIN_QUEUE = 20,
  REDEPLOY_STORM_BASELINE_HOURS = 0.5;

// --- hypervisor agents and the pids limit (systems/tasks)

/** A host's "at the pids limit" episode ends once its tasks fall below this share of the limit (hysteresis of the log). Reporting only. */
export const TASKS_LIMIT_EPISODE_END = 0.9;

// --- maintenance and live migration (systems/migration)

/** auto-converge: qemu migration/options.c cpu-throttle-initial 20, -increment 10, max 99; throttle-trigger-threshold 50%. */
export const THROTTLE_INITIAL = 0.2,
  THROTTLE_STEP = 0.1,
  THROTTLE_MAX = 0.99,
  THROTTLE_TRIGGER = 0.5;
/**
 * A rebooted guest touches its RAM again at this rate (boot, then its services filling their
 * heaps and caches). Typical; plausible 8 to 256 MiB/s: it sets how soon a rebooted VM's QEMU
 * weighs on an overcommitted host again.
 */
export const REFILL_MIBPS = 32;
/**
 * A VM's dirty rate is the typical (or busy) rate times 1 + this x a normal draw keyed by its id
 * (at least 0). Typical: VMs of one kind differ by tens of percent; plausible 0.1 to 0.5.
 */
export const DIRTY_RATE_SPREAD = 0.3;
/** Spare slots per host with a maintenance window, per VM it starts with: room for as many incoming migrations as it has VMs, twice over. Capacity, not physics (a slot is cheap). */
export const MIGRATION_SPARE_SLOTS_PER_VM = 2;

// --- the fleet (fleet/vm-size)

/**
 * A spread VM's application, agent and working set must fit in this share of its RAM at rest (a
 * customer whose application does not fit in a size picks a larger one). Typical.
 */
export const SPREAD_FIT_SHARE = 0.95;
/** journald-persistent holds at most this much (SystemMaxUse caps at 4 GiB, journald.conf(5)), MiB. */
export const JOURNAL_PERSISTENT_MAX_MIB = 4096;
