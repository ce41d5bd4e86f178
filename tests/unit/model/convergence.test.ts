// Issue 10: rates, not steps. Every preset is run at dt = 1, 5 and 10 s (seed 1) and the
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
import { scenarioWith } from '../helpers.ts';
import { leanRun, panickedBy, summaryOf, MANY_RUNS } from './runs.ts';

// The coarse steps, each against the 1 s run: the presets' own 5 s (the step every other figure is
// computed at; its runs are shared with the other files) and 10 s, the coarsest and the cheapest. A
// 2 s level was dropped (session 13): the finest coarse step, the least able to show an error that
// grows with the step, and 21 of this file's 66 CPU s (each 2 s run costs half its 1 s run). The
// step-dependent bug of the 2017 storm (below) showed at 5 s.
const STEPS = [5, 10] as const;
// The 2017 storm is in the list since migrations switch over, time out and free their slot at their
// own second, hosts start evacuating at their due second and go into maintenance when their last VM
// left (systems/migration.ts). Before, seed 1 gave 0 / 0 / 29 / 0 VMs rebooted and 9 / 9 / 127 / 9
// unresponsive at 1 / 2 / 5 / 10 s (docs/MODEL.md, validation targets).
const PRESETS = ['workshop-outage', 'clevercloud-2024-08-02', 'clevercloud-2022-04', 'flyingcircus-2017-08-02'];

// The 2024 replay is compared on its storm, 10:00-14:00 (UNTIL_14, below): the answers its verdict
// gives (the panics, 12:33-12:57 at every step and seed measured) come then, and its QEMU aborts,
// reboots, unresponsive VMs and maintained hosts are none at 5 s over the whole day. Its whole day at
// 1 s (10.7 CPU s, this tier's dearest run) was read for those zeros and for no panic after 14:00,
// which the whole-day runs at 5 s (seeds 1-3, below) still show. The evening's figures are the
// preset's step's (timeline-2024.test.ts, operator-actions.test.ts).
const UNTIL_14 = 240;
const WINDOW: Record<string, { durationMinutes?: number }> = {
  'clevercloud-2024-08-02': { durationMinutes: UNTIL_14 },
};

const chance = (n: number) => Math.max(2, 3 * Math.sqrt(n) + 0.05 * n);

for (const preset of PRESETS) {
  describe(`${preset}: the answer converges as the step shrinks`, () => {
    // the runs at each step, shared (runs.ts): the preset's own step is the golden's run; the 2024
    // replay's are its storm, to 14:00 (WINDOW)
    const get = (dt: number) => summaryOf(scenarioWith({ stepSeconds: dt, ...WINDOW[preset] }, preset));
    for (const dt of STEPS) {
      it(`dt = ${dt} s stays within the mechanism's tolerance of dt = 1 s`, MANY_RUNS, () => {
        const fine = get(1),
          r = get(dt);
        const s = scenarioWith({}, preset).hypervisor;
        const scan = s.hungTaskCheckIntervalSeconds || s.hungTaskTimeoutSeconds;
        const n1 = fine.hypervisors.panicked;
        // 2024 on the closed-loop disk: one to three hosts of 60 panic, which ones is chance (below, over seeds)
        const few = preset === 'clevercloud-2024-08-02';
        if (!few) {
          expect(Math.abs(r.hypervisors.panicked - n1), 'hosts panicked').toBeLessThanOrEqual(1 + 0.2 * n1);
          expect(r.hypervisors.firstPanicMinute === null, 'a first panic at both steps or neither').toBe(
            fine.hypervisors.firstPanicMinute === null,
          );
        }
        if (!few && fine.hypervisors.firstPanicMinute !== null)
          expect(
            Math.abs(r.hypervisors.firstPanicMinute! - fine.hypervisors.firstPanicMinute),
            'first panic, minutes',
          ).toBeLessThanOrEqual((scan + dt) / 60);
        const a1 = fine.vms.threadExhaustionCrashes;
        expect(Math.abs(r.vms.threadExhaustionCrashes - a1), 'QEMU aborts').toBeLessThanOrEqual(chance(a1));
        const b1 = fine.vms.rebooted;
        expect(Math.abs(r.vms.rebooted - b1), 'VMs rebooted').toBeLessThanOrEqual(chance(b1));
        const u1 = fine.vms.unresponsive;
        // 2017: a race decides where overcommits land; its unresponsive VMs converge over seeds (below)
        if (preset !== 'flyingcircus-2017-08-02')
          expect(Math.abs(r.vms.unresponsive - u1), 'VMs unresponsive').toBeLessThanOrEqual(chance(u1));
        // a host finishes its maintenance when its last VM has left: how many do is a flow, within a host plus 5%
        const m1 = fine.migrations.hostsMaintained;
        expect(Math.abs(r.migrations.hostsMaintained - m1), 'hosts maintained').toBeLessThanOrEqual(1 + 0.05 * m1);
      }); // the 1 s run of the 2024 replay is 21,600 steps of 4,560 VMs
    }
  });
}

// Which host an unlocked admission double-books is a race between migrations that start seconds
// apart, so the VMs that happen to sit where an overcommit lands (the unresponsive count) vary per
// seed at any step about as much as between seeds (seeds 2-4 moved by up to 60 between steps when
// every VM in slot order stalled; seeds 1-10 at 5 s now span 53 to 87). What must not depend on the step is the answer over worlds: the mean
// over seeds 1-3 stays within chance of the 1 s mean. Before (seed 1 alone): 9 at 1 s, 127 at 5 s.
describe('flyingcircus-2017-08-02: unresponsive VMs over seeds 1-3 converge as the step shrinks', () => {
  const mean = (dt: number) => {
    let n = 0;
    for (const seed of [1, 2, 3])
      n += summaryOf(scenarioWith({ seed, stepSeconds: dt }, 'flyingcircus-2017-08-02')).vms.unresponsive;
    return n / 3;
  };
  let fine = -1;
  for (const dt of STEPS)
    it(`dt = ${dt} s: the mean stays within chance of dt = 1 s`, MANY_RUNS, () => {
      if (fine < 0) fine = mean(1);
      expect(fine).toBeGreaterThan(0);
      expect(Math.abs(mean(dt) - fine)).toBeLessThanOrEqual(chance(fine));
    });
});

// The 2024 replay on the closed-loop disk (issue 24) panics one to three of 60 hosts per seed: which
// host's journal tips first depends on where the control plane's chance draws land deployments, and
// those draws come in a step-dependent order from the run's generator, so one seed at two steps
// differs as two seeds do. What must not depend on the step is the answer over worlds: the hosts
// panicked over seeds 1-3 stay within Poisson chance of the 1 s count, and every first panic stays
// in the window the timeline gives (after the fallback bus restarts deployments, by 13:10).
// Measured totals, before the CPU of a thrash and the fallback bus at 12:31 (issue 24): 6 / 5 / 4 / 3
// at 1 / 2 / 5 / 10 s (a slight drift to fewer at coarse steps).
// The panics come in the storm (seeds 1-8 at 5 s: 12:37 to 12:56), so the count is the hosts panicked
// by 14:00: seeds 1-3 at 1 and 10 s run to 14:00 (a run cut short is the first part of the whole
// run, event for event: timeline-2024.test.ts, UNTIL_14), two fifths of a whole day's steps (the 1 s
// runs are this tier's dearest; seed 1's are the test above's). The whole-day runs it reads anyway
// (seeds 1-3 at 5 s, the preset's) count their panics before 14:00 and show that no host panics later.
describe('clevercloud-2024-08-02: hosts panicked over seeds 1-3 converge as the step shrinks', () => {
  const runs = (dt: number) =>
    [1, 2, 3].map((seed) => {
      const whole = dt === 5;
      const o = whole ? { seed, stepSeconds: dt } : { seed, stepSeconds: dt, durationMinutes: UNTIL_14 };
      const r = leanRun(scenarioWith(o, 'clevercloud-2024-08-02'));
      const { by, all } = panickedBy(r, UNTIL_14);
      if (whole) expect(by, `seed ${seed} at ${dt} s: a host panics after 14:00`).toBe(all);
      return { panicked: by, first: r.summary.hypervisors.firstPanicMinute };
    });
  let fine = -1;
  for (const dt of STEPS)
    it(`dt = ${dt} s: the count stays within chance of dt = 1 s, first panics in 11:50-13:10`, MANY_RUNS, () => {
      if (fine < 0) fine = runs(1).reduce((n, s) => n + s.panicked, 0);
      expect(fine).toBeGreaterThan(0);
      const got = runs(dt);
      const n = got.reduce((t, s) => t + s.panicked, 0);
      expect(Math.abs(n - fine), `${n} against ${fine} at 1 s`).toBeLessThanOrEqual(2 * Math.sqrt(fine) + 1);
      for (const s of got)
        if (s.first !== null) {
          expect(s.first).toBeGreaterThanOrEqual(110);
          expect(s.first).toBeLessThanOrEqual(190);
        }
    });
});
