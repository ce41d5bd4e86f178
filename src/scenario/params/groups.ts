// The parameter groups, once: their order on the page (the parameter panel, the sweep form, the
// names a link's `lesson=` accepts) and their labels. `ParamGroup` is derived from this list, so
// a new group is one line here plus its rows file (see CONTRIBUTING.md, "Add a parameter group").
// The property table (index.ts) has its own order (run first); docs/MODEL.md follows the table.

export const PARAM_GROUPS = [
  { id: 'fleet', label: 'Fleet' },
  { id: 'vmSizes', label: 'VM sizes' },
  { id: 'telemetry', label: 'Telemetry agent' },
  { id: 'memory', label: 'Guest memory' },
  { id: 'hypervisor', label: 'Hypervisor' },
  { id: 'messaging', label: 'Messaging (Pulsar)' },
  { id: 'controlPlane', label: 'Control plane' },
  { id: 'hvAgent', label: 'Hypervisor agent' },
  { id: 'proxy', label: 'Notification proxy' },
  { id: 'tasks', label: 'Tasks and threads' },
  { id: 'maintenance', label: 'Maintenance' },
  { id: 'migration', label: 'Live migration' },
  { id: 'run', label: 'Run' },
] as const;

export type ParamGroup = (typeof PARAM_GROUPS)[number]['id'];

/** The group ids in page order. */
export const GROUP_IDS: readonly ParamGroup[] = PARAM_GROUPS.map((g) => g.id);

export const GROUP_LABELS: Readonly<Record<ParamGroup, string>> = Object.fromEntries(
  PARAM_GROUPS.map((g) => [g.id, g.label]),
) as Record<ParamGroup, string>;
