// Order of the parameter groups in the panel, and which start open. The original lesson groups
// start open (the workshop edits them); the newer models' groups open only when the scenario uses
// them, so the default view stays short. Every group can be opened from the keyboard.

import { modelsInUse, type ParamGroup, type Scenario } from '../../scenario/index.ts';

export const GROUP_ORDER: readonly ParamGroup[] = [
  'fleet',
  'vmSizes',
  'telemetry',
  'memory',
  'hypervisor',
  'messaging',
  'controlPlane',
  'hvAgent',
  'proxy',
  'tasks',
  'maintenance',
  'migration',
  'run',
];

export function openByDefault(g: ParamGroup, s: Scenario): boolean {
  const m = modelsInUse(s);
  switch (g) {
    case 'vmSizes':
      return false;
    case 'messaging':
      return m.brokerEvents;
    case 'controlPlane':
      return m.controlPlane;
    case 'hvAgent':
    case 'proxy':
    case 'tasks':
      return m.proxyLeak;
    case 'maintenance':
    case 'migration':
      return m.maintenance;
    default:
      return true;
  }
}
