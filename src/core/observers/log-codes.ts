// Codes of the event-log entries: one registry, grouped by the model that writes them. Every
// entry carries its code (SimEvent.code); the verdict, the UI and the tests find entries by code,
// never by their display text (`short`, `what`), which may change freely. Add a code here before
// logging it (log.add takes a LogCode).

export const LOG_CODES = [
  // scripted messaging and the telemetry backlog (systems/messaging, systems/telemetry)
  'messaging-outage',
  'messaging-back',
  'backlog-held',
  'agents-drop-newest-events',
  // guest memory, host disks, khungtaskd (systems/memory, disk, hungtask, hosts)
  'vms-thrash',
  'oom-kills',
  'host-disk-saturated',
  'hosts-loaded',
  'hosts-nominal-load',
  'hung-task',
  'panic',
  'rebooting',
  'back-up-empty',
  // the broker model (systems/pulsar)
  'messaging-down',
  'rolling-upgrade',
  'rollback',
  'starting-brokers',
  'broker-exits-upgrade-halted',
  'load-manager-fails-silently',
  'system-topic-stuck',
  'all-brokers-stopped',
  'stuck-topic-deleted',
  'proxies-shut-down',
  'proxies-started',
  'lookup-stall',
  'stall-over',
  'lookups-shed',
  'brokers-slow-down',
  'slowdown-over',
  'operator-action-skipped',
  // the control plane (systems/controlplane)
  'fallback-bus-on',
  'monitoring-paused',
  'watchdog-stopped',
  'redeploys-saturate-a-thrashing-host',
  'monitoring-redeploys-saturate-a-thrashing-host',
  'deployments-blocked',
  'redeploy-storm',
  // hypervisor agents and the pids limit (systems/tasks)
  'proxy-leaks-connections',
  'pooler-full',
  'agent-processes-pile-up',
  'tasks-at-pids-limit',
  'deployments-fail',
  'qemu-abort',
  // maintenance and live migration (systems/migration)
  'maintenance-scheduled',
  'host-evacuates',
  'memory-double-booked',
  'host-overcommitted',
  'vm-reboots',
  // the operators' recovery actions (operator/actions.ts)
  'change-reverted',
  'automation-stopped',
  'hosts-drained',
  'hosts-undrained',
  'zombie-vms-cleaned',
  'noisy-vms-stopped',
  'monitoring-queue-dropped',
  'monitoring-resumed',
  'hosts-added',
] as const;
export type LogCode = (typeof LOG_CODES)[number];
