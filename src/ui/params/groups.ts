// Order of the parameter groups in the panel, and which start open. The original lesson groups
// start open (the workshop edits them); the newer models' groups open only when the scenario uses
// them, so the default view stays short. Every group can be opened from the keyboard.

import type { ParamGroup, Scenario } from '../../scenario/index.ts';

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

const BROKER_EVENTS = new Set([
  'rollingUpgrade',
  'rollback',
  'lookupStall',
  'stopProxies',
  'startProxies',
  'stopAllBrokers',
  'startOneBroker',
  'startAllBrokers',
  'shedLookups',
]);

export function openByDefault(g: ParamGroup, s: Scenario): boolean {
  switch (g) {
    case 'vmSizes':
      return false;
    case 'messaging':
      return s.events.some((e) => BROKER_EVENTS.has(e.kind));
    case 'controlPlane':
      return s.controlPlane.enabled;
    case 'hvAgent':
    case 'proxy':
    case 'tasks':
      return s.proxy.leakPercent > 0;
    case 'maintenance':
    case 'migration':
      return s.events.some((e) => e.kind === 'maintenanceWindow');
    default:
      return true;
  }
}
