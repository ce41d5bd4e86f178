// The config panel's state, shared by the two places that show it: the import (the sides and
// their tables, in the scenario column) and the comparison of the two sides, beside the verdict
// (a before / after of the same form as every other comparison on the page). The sides are the
// user's files (ConfigDraft); A and B are derived from them on the scenario on screen.

import { changedPaths } from '../../core/index.ts';
import type { Scenario, ValidScenario } from '../../scenario/index.ts';
import { EnsembleRun } from '../ensemble/ensemble-run.svelte.ts';
import { ConfigDraft, configPaths, sides } from './config-draft.svelte.ts';

export type ConfigSideName = 'current' | 'proposed';

export class ConfigPanel {
  readonly draft = new ConfigDraft();
  /** the paired ensemble of the two sides */
  readonly run = new EnsembleRun();
  /** the last Apply, in words */
  message = $state('');
  /** a link's comparison (from-link.ts): its worlds, and whether to run it at once when it shows */
  opening = $state.raw<{ members: number; vary: boolean; run: boolean } | null>(null);
  #scenario: () => Scenario;

  /** `scenario`: the scenario on screen (the sides are applied to it) */
  constructor(scenario: () => Scenario) {
    this.#scenario = scenario;
  }

  /** each side's files that read without an error (ConfigSide.ok): what it applies */
  readonly current = $derived(this.draft.current.ok);
  readonly proposed = $derived(this.draft.proposed.ok);
  /** A and B on the scenario on screen, checked through the schema: what Apply and Compare use */
  readonly both = $derived.by(() =>
    this.current.length || this.proposed.length
      ? sides($state.snapshot(this.#scenario()) as Scenario, this.current, this.proposed)
      : null,
  );
  /** what B changes from A (empty until there is a proposed side) */
  readonly diff = $derived(
    this.both && this.proposed.length ? changedPaths(this.both.a.scenario, this.both.b.scenario) : [],
  );
  readonly inherited = $derived(this.both ? this.both.b.imports.filter((i) => i.inherited).map((i) => i.source) : []);
  /** paths either side's files set: the user's facts, never drawn */
  readonly fixed = $derived(configPaths(this.current, this.proposed));
  /** the comparison has two sides to compare */
  readonly comparing = $derived(this.both !== null && this.proposed.length > 0);

  /** Which side the scenario on screen (so the verdict) is: 'current', 'proposed', or null for neither. */
  onScreen(s: Scenario): ConfigSideName | null {
    if (!this.both) return null;
    const key = JSON.stringify(s);
    if (key === JSON.stringify(this.both.a.scenario)) return 'current';
    if (key === JSON.stringify(this.both.b.scenario)) return 'proposed';
    return null;
  }

  /** The settings a side sets (a proposed side's own files only), as Apply counts them. */
  settable(side: ConfigSideName, pinned: readonly string[] = []): number {
    if (!this.both) return 0;
    const imps = side === 'current' ? this.both.a.imports : this.both.b.imports.filter((i) => !i.inherited);
    return imps.flatMap((i) => i.rows.filter((r) => r.status === 'set' && !pinned.includes(r.path ?? ''))).length;
  }

  /** Puts a side on the scenario through `onapply` and says what it applied. */
  apply(side: ConfigSideName, onapply: (s: ValidScenario) => void, pinned: readonly string[] = []): void {
    if (!this.both) return;
    const n = this.settable(side, pinned);
    const files = side === 'current' ? this.current.length : this.proposed.length;
    onapply((side === 'current' ? this.both.a : this.both.b).scenario);
    const kept = pinned.length && this.settable(side) > n ? ' (the link keeps its locked settings)' : '';
    this.message = `Applied ${n} setting${n === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'}${side === 'proposed' ? ' (the proposed side)' : ''}${kept}.`;
  }
}
