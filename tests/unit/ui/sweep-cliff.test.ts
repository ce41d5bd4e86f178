// A sweep's cliff, explained from two neighbouring runs' event logs (src/ui/sweep/cliff.ts).
import { describe, expect, it } from 'vitest';
import { loadPreset, planSweep } from '../../../src/scenario/index.ts';
import { runScenario } from '../../../src/core/index.ts';
import { explainCliff, findCliff, fingerprint } from '../../../src/ui/sweep/cliff.ts';
import { WHOLE_RUNS } from '../helpers.ts';

describe('a sweep cliff', WHOLE_RUNS, () => {
  it('is explained by the mechanism that changed: with room for pico VMs, nano VMs thrash first', () => {
    // the workshop fleet: 5 of 12 hosts panic at 256 MiB, 1 at 320 MiB (a cliff: a jump of 4 >= 25% of 12)
    const plan = planSweep(loadPreset('workshop-outage')!, 'vmSizes.pico.memoryMiB', [256, 320]);
    const runs = plan.points.map((p) => {
      const r = runScenario(p.scenario);
      return { value: p.value, summary: r.summary, fingerprint: fingerprint(r.events) };
    });
    expect(runs[0].summary.hypervisors.panicked).toBeGreaterThan(runs[1].summary.hypervisors.panicked);
    expect(findCliff(runs)).toEqual([0, 1]);
    const why = explainCliff(runs[0], runs[1], String).join('\n');
    expect(why).toMatch(/nano VMs thrash 0 → \d+/);
    // at 320 the pico VMs still make most of the refault reads (the chain names them), but nano thrash first
    expect(why).toMatch(/First cause chain at 256: .*pico VMs thrash.* At 320: .*the first VM to thrash was nano/);
    // no cliff between identical runs
    expect(findCliff([runs[0], runs[0]])).toBeNull();
  });
});
