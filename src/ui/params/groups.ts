// Which parameter groups start open (their order and labels are scenario's PARAM_GROUPS). The
// original lesson groups start open (the workshop edits them); the newer models' groups open only
// when the scenario uses them, so the default view stays short. Every group can be opened from
// the keyboard.

import { GROUP_IDS, modelsInUse, type ParamGroup, type Scenario } from '../../scenario/index.ts';

/** the groups in panel order: scenario's one list (PARAM_GROUPS) */
export const GROUP_ORDER: readonly ParamGroup[] = GROUP_IDS;

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
