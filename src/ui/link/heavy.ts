// What the huge-fleet question weighs (heavy-gate.svelte.ts asks it): the biggest of the runs a
// request would start, by the one rule of the main run (needsConfirmation).

import { needsConfirmation, type Scenario } from '../../scenario/index.ts';

export interface HeavyAsk {
  /** runs that would start */
  runs: number;
  /** the biggest of them */
  totalVms: number;
  vmSteps: number;
}

/** The biggest scenario that needs the question, or null when none does. */
export function heaviest(scenarios: Iterable<Scenario>): { totalVms: number; vmSteps: number } | null {
  let big: { totalVms: number; vmSteps: number } | null = null;
  for (const s of scenarios) {
    const need = needsConfirmation(s);
    if (need && (!big || need.vmSteps > big.vmSteps)) big = need;
  }
  return big;
}
