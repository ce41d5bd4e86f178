// The page's plain chain agrees with the verdict about which VM size drove the disks
// (src/ui/guide/plain.ts plainChain, core observers/verdict-chain.ts verdictDriver).
import { describe, expect, it } from 'vitest';
import { loadPreset, planSweep } from '../../../src/scenario/index.ts';
import { runScenario, verdictDriver } from '../../../src/core/index.ts';
import { plainChain } from '../../../src/ui/guide/plain.ts';
import { WHOLE_RUNS } from '../helpers.ts';

describe('the plain chain', WHOLE_RUNS, () => {
  it('names the size the verdict names, and which size thrashed first', () => {
    // the workshop fleet with pico VMs at 320 MiB: a nano VM thrashes first, the pico VMs make
    // about half the panicked hosts' refault reads (tests/unit/ui/sweep-cliff.test.ts)
    const [point] = planSweep(loadPreset('workshop-outage')!, 'vmSizes.pico.memoryMiB', [320]).points;
    const r = runScenario(point.scenario);
    expect(verdictDriver(r.summary.verdict)).toBe('pico');
    const thrash = plainChain(r.events, r.summary.verdict).find((s) => s.event.code === 'vms-thrash')!;
    expect(thrash.event.short).toBe('nano VMs thrash');
    expect(thrash.text).toMatch(/^The smallest VMs run out of room/);
    expect(thrash.text).toContain(
      "The first VM to thrash was a nano VM; pico VMs made the largest share of the panicked hosts' disk reads",
    );
    // without the verdict (an old saved run) the link is the log's entry, as before
    const bare = plainChain(r.events).find((s) => s.event.code === 'vms-thrash')!;
    expect(bare.text).toMatch(/^nano VMs \(those that log most/);
  });

  it('reads no driver from text the verdict did not write', () => {
    expect(verdictDriver('')).toBeNull();
    expect(verdictDriver('0 of 12 hypervisors panicked.')).toBeNull();
    expect(verdictDriver('The huge VMs made about half of the refault reads on the panicked hosts’ disks')).toBeNull();
    expect(verdictDriver('The pico VMs made up their minds.')).toBeNull();
  });
});
