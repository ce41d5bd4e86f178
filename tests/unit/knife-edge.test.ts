// Issue 10, the 2024 knife edges: a fleet's answer to a worse constant is graded, the seed's own
// remediation (drop_newest) removes the panics in every world it should, and a fleet's share of
// panicked hosts does not depend on its size once its capacities scale with it.
import { describe, expect, it } from 'vitest';
import { assumptionRanges, runEnsembleMembers, withChanges } from '../../src/core/index.ts';
import { run, scenarioWith } from './helpers.ts';

describe('background reads are the VMs own (drop_newest, item 2)', () => {
  it('a host whose disk cannot serve its VMs background reads panics once and, back empty, stays up', () => {
    // no outage: only the background saturates the disks (150 MB/s against 200 MB/s of reads);
    // an empty host reads nothing, so a rebooted host with no VMs never panics again
    const r = run(
      scenarioWith({
        events: [],
        fleet: { zones: 1, hypervisors: 2 },
        hypervisor: { diskReadMBps: 150, diskSpread: 0 },
      }),
    );
    expect(r.summary.hypervisors.panicked).toBe(2);
    expect(r.summary.hypervisors.panics).toBe(2); // once each (before: again after every reboot)
  });

  it('drop_newest removes every panic in every varied world of the workshop (its agents hold nothing back)', () => {
    const s = scenarioWith({});
    const b = withChanges(s, [{ path: 'telemetry.buffer.whenFull', value: 'drop_newest' }]).scenario;
    const lines = runEnsembleMembers(s, { members: 12, varyAssumptions: true, b }, assumptionRanges());
    expect(lines.filter((l) => l.a.panicked > 0).length).toBeGreaterThanOrEqual(8);
    for (const l of lines) expect(l.b!.panicked, `seed ${l.a.seed}`).toBe(0);
  });
});
