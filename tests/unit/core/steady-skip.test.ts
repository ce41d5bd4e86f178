// The VM pass skips the memory part for a VM of a steady host (state.ts hostMemSteady: every VM
// on the fast path, no events held, the same VMs as last step) that holds no events after
// telemetry. Skipping must change nothing: each run here is
// repeated with the flag cleared before every step (no host ever skipped) and the two must be
// identical bit for bit, series, samples, host arrays and event log. Here on small random fleets;
// each preset's whole run: tests/unit/model/steady-skip.test.ts (against the shared runs).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scenario } from '../../../src/scenario/index.ts';
import { bitDiff, fingerprint, scenarioWith, WHOLE_RUNS } from '../helpers.ts';
import { runCounting } from './steady-skip-run.ts';

function assertSame(s: Scenario): number {
  const a = runCounting(s, false),
    b = runCounting(s, true);
  expect(b.skipped).toBe(0);
  expect(fingerprint(a.r)).toBe(fingerprint(b.r));
  expect(bitDiff(a.r.vms.cacheMiB, b.r.vms.cacheMiB), 'page cache per VM').toBe('');
  expect(a.r.summary).toEqual(b.r.summary);
  // the host-steps the skip took are those steady before and after a step of the run without it (what
  // model/steady-skip.test.ts reads off its run without the skip, the shared run having the skip)
  expect(b.steady).toBe(a.skipped);
  return a.skipped;
}

describe('the VM pass skips memory work on steady hosts without changing anything', WHOLE_RUNS, () => {
  it('random scenarios (sources, buffers, outages, redeploys) run the same with and without the skip', () => {
    let skipped = 0;
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          source: fc.constantFrom('journald-volatile', 'journald-persistent', 'socket', 'file'),
          type: fc.constantFrom('memory', 'disk'),
          whenFull: fc.constantFrom('block', 'drop_newest'),
          // a quiet start and time to drain after the outage: steady hosts before and after it
          outageAt: fc.integer({ min: 15, max: 45 }),
          outageFor: fc.integer({ min: 1, max: 40 }),
          controlPlane: fc.boolean(),
        }),
        (p) => {
          const s = scenarioWith({
            seed: p.seed,
            durationMinutes: 120,
            // enough VM-steps that the recorder samples VMs every other step (it writes every VM on those)
            fleet: { hypervisors: 12, zones: 2 },
            controlPlane: { enabled: p.controlPlane },
            telemetry: { source: p.source, buffer: { type: p.type, whenFull: p.whenFull } },
            events: [{ atMinute: p.outageAt, kind: 'messagingOutage', durationMinutes: p.outageFor }],
          });
          skipped += assertSame(s);
        },
      ),
      { numRuns: 5, seed: 20261201 },
    );
    expect(skipped).toBeGreaterThan(0);
  });
});
