// The one question before heavy work: every path that starts runs of a scenario the page would
// not run without asking (needsConfirmation: a fleet over CONFIRM_TOTAL_VMS VMs or
// CONFIRM_VM_STEPS VM-steps) goes through a gate that asks first, with ConfirmRun. The main run
// asks in startup.svelte.ts; sweeps, "How sure?" and the config comparison ask here, for the
// biggest scenario among the runs they would start (an ensemble's drawn worlds included: a
// varied VM mix can make a world bigger than the scenario on screen). A board of many
// scenarios uses the same gate.

import type { Scenario } from '../../scenario/index.ts';
import { heaviest, type HeavyAsk } from './heavy.ts';

export type { HeavyAsk } from './heavy.ts';

export class HeavyGate {
  /** the question on screen; nothing runs until confirm() */
  asking = $state.raw<HeavyAsk | null>(null);
  #go: (() => void) | null = null;

  /** Runs `go` at once, or first asks when one of `scenarios` is a huge fleet. */
  start(scenarios: readonly Scenario[], go: () => void): void {
    this.dismiss();
    if (!scenarios.length) return;
    const big = heaviest(scenarios);
    if (!big) {
      go();
      return;
    }
    this.#go = go;
    this.asking = { runs: scenarios.length, ...big };
  }

  /** The user said yes: run what was asked about. */
  confirm = (): void => {
    const go = this.#go;
    this.dismiss();
    go?.();
  };

  /** Drops the question (a new request, a cancel): what it was about never runs. */
  dismiss(): void {
    this.#go = null;
    this.asking = null;
  }
}
