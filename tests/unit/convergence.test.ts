// Issue 10: rates, not steps. Every preset is run at dt = 1, 2, 5 and 10 s (seed 1) and the
// answers the verdict gives (hosts panicked, the first panic, QEMU aborts, VMs rebooted or
// unresponsive) must stay near the 1 s run. Tolerances follow from each mechanism, not from
// what passes:
// - a panic is reported at a khungtaskd scan (every hung_task_check_interval_secs, or every
//   timeout): a stall measured one step later can miss a scan, so the first panic may move by one
//   scan interval plus one step;
// - which hosts cross the hung-task threshold depends on queue flows integrated per step: a host
//   within a step's error of the threshold can flip, so 1 host plus a fifth of the count;
// - QEMU aborts and OOM reboots are random draws (a different step draws a different sequence), so
//   chance alone moves a count n by about sqrt(n): 3 sqrt(n) plus 5% for the flows, and at least 2.
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../src/core/index.ts';
import { run, scenarioWith } from './helpers.ts';

const STEPS = [2, 5, 10] as const;
// The 2017 storm is not in this list: its outcome turns on admission races between hundreds of
// concurrent migrations, decided once per step, and seeds 1-3 at one step already differ as much
// as one seed at two steps (docs/MODEL.md, departures); its magnitudes are checked at every step below.
const PRESETS = ['workshop-outage', 'clevercloud-2024-08-02', 'clevercloud-2022-04'];

const chance = (n: number) => Math.max(2, 3 * Math.sqrt(n) + 0.05 * n);

for (const preset of PRESETS) {
  describe(`${preset}: the answer converges as the step shrinks`, () => {
    const at = new Map<number, SimResult>();
    const get = (dt: number) => {
      if (!at.has(dt)) at.set(dt, run(scenarioWith({ stepSeconds: dt }, preset)));
      return at.get(dt)!;
    };
    for (const dt of STEPS) {
      it(`dt = ${dt} s stays within the mechanism's tolerance of dt = 1 s`, () => {
        const fine = get(1).summary,
          r = get(dt).summary;
        const s = scenarioWith({}, preset).hypervisor;
        const scan = s.hungTaskCheckIntervalSeconds || s.hungTaskTimeoutSeconds;
        const n1 = fine.hypervisors.panicked;
        expect(Math.abs(r.hypervisors.panicked - n1), 'hosts panicked').toBeLessThanOrEqual(1 + 0.2 * n1);
        expect(r.hypervisors.firstPanicMinute === null, 'a first panic at both steps or neither').toBe(
          fine.hypervisors.firstPanicMinute === null,
        );
        if (fine.hypervisors.firstPanicMinute !== null)
          expect(
            Math.abs(r.hypervisors.firstPanicMinute! - fine.hypervisors.firstPanicMinute),
            'first panic, minutes',
          ).toBeLessThanOrEqual((scan + dt) / 60);
        const a1 = fine.vms.threadExhaustionCrashes;
        expect(Math.abs(r.vms.threadExhaustionCrashes - a1), 'QEMU aborts').toBeLessThanOrEqual(chance(a1));
        const b1 = fine.vms.rebooted;
        expect(Math.abs(r.vms.rebooted - b1), 'VMs rebooted').toBeLessThanOrEqual(chance(b1));
        const u1 = fine.vms.unresponsive;
        expect(Math.abs(r.vms.unresponsive - u1), 'VMs unresponsive').toBeLessThanOrEqual(chance(u1));
      }, 600_000); // the 1 s run of the 2024 replay is 21,600 steps of 4,560 VMs
    }
  });
}

describe('flyingcircus-2017-08-02: "several VMs" at every step', () => {
  for (const dt of [1, 5, 10]) {
    it(`dt = ${dt} s: VMs rebooted stay a few dozen at most and unresponsive VMs a small share (seed 1)`, () => {
      const r = run(scenarioWith({ stepSeconds: dt }, 'flyingcircus-2017-08-02')).summary;
      expect(r.vms.rebooted).toBeLessThanOrEqual(60);
      expect(r.vms.unresponsive).toBeLessThan(0.15 * r.vms.total);
    }, 600_000);
  }
});
