// The VM pass skips the memory part for a VM of a steady host (state.ts hostMemSteady: every VM
// on the fast path, no events held, the same VMs as last step) that holds no events after
// telemetry. Skipping must change nothing: each run here is
// repeated with the flag cleared before every step (no host ever skipped) and the two must be
// identical bit for bit, series, samples, host arrays and event log.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation, type SimResult } from '../../../src/core/index.ts';
import { loadPreset, presetNames, type Scenario } from '../../../src/scenario/index.ts';
import { fingerprint, scenarioWith, WHOLE_RUNS } from '../helpers.ts';

/** Runs s; `noSkip` clears every steady flag before each step. Returns the result and the host-steps skipped. */
function runCounting(s: Scenario, noSkip: boolean): { r: SimResult; skipped: number } {
  const sim = new Simulation(s);
  const st = sim.state;
  let skipped = 0;
  while (!sim.done) {
    if (noSkip) st.hostMemSteady.fill(0);
    const steady = st.hostMemSteady.slice();
    sim.advance(1);
    // a host entered the step steady and stayed so: the memory part was skipped for all its VMs
    if (!st.vmViewDue) for (let h = 0; h < st.hosts; h++) if (steady[h] && st.hostMemSteady[h] && st.up[h]) skipped++;
  }
  return { r: sim.result(), skipped };
}

function assertSame(s: Scenario): number {
  const a = runCounting(s, false),
    b = runCounting(s, true);
  expect(b.skipped).toBe(0);
  expect(fingerprint(a.r)).toBe(fingerprint(b.r));
  expect(a.r.vms.cacheMiB).toEqual(b.r.vms.cacheMiB);
  expect(a.r.summary).toEqual(b.r.summary);
  return a.skipped;
}

describe('the VM pass skips memory work on steady hosts without changing anything', WHOLE_RUNS, () => {
  for (const preset of presetNames()) {
    it(`${preset}: same run with and without the skip`, () => {
      expect(assertSame(loadPreset(preset)!)).toBeGreaterThan(0);
    });
  }

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
