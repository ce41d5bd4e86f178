// The 2022 thread exhaustion (seed 000): the whole chain from a leaking proxy to QEMU aborts, the
// two fixes the post-mortem names, and conservation while VMs crash.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation, type SimResult } from '../../../src/core/index.ts';
import { conservedEveryStep, scenarioWith } from '../helpers.ts';
import { fullRun, leanRun } from './runs.ts';

describe('preset clevercloud-2022-04', () => {
  let base: SimResult;
  beforeAll(() => {
    base = fullRun(scenarioWith({}, 'clevercloud-2022-04'));
  });

  it("crashes VMs on many hypervisors through the whole chain, within the incident's span", () => {
    const s = base.summary;
    expect(s.vms.threadExhaustionCrashes).toBeGreaterThan(0);
    expect(s.tasks.hostsWithCrashes).toBeGreaterThanOrEqual(5);
    expect(s.tasks.forksRejected).toBeGreaterThan(0);
    expect(s.tasks.firstCrashMinute!).toBeLessThan(90);
    expect(Math.max(...base.series.tasksMaxHost)).toBe(s.tasks.limit);
    const abort = base.events.find((e) => e.code === 'qemu-abort')!;
    const chain: string[] = [];
    for (let i = abort.id; i >= 0; i = base.events[i].cause) chain.unshift(base.events[i].code);
    expect(chain).toEqual([
      'proxy-leaks-connections',
      'pooler-full',
      'agent-processes-pile-up',
      'tasks-at-pids-limit',
      'qemu-abort',
    ]);
    expect(s.verdict).toMatch(
      /^\d+ VMs crashed on \d+ of 40 hypervisors \(QEMU could not create a thread\), the first at 0\d:\d\d/,
    );
  });

  for (const [fix, overrides] of [
    ['a single driver process', { hvAgent: { mode: 'single-driver' } }],
    ['the proxy fixed', { proxy: { leakPercent: 0 } }],
  ] as const) {
    it(`crashes no VM with ${fix}`, () => {
      const r = leanRun(scenarioWith(overrides, 'clevercloud-2022-04'));
      expect(r.summary.vms.threadExhaustionCrashes).toBe(0);
      expect(r.summary.vms.crashed).toBe(0);
      expect(r.summary.tasks.forksRejected).toBe(0);
      expect(r.summary.tasks.maxTasks).toBeLessThan(r.summary.tasks.limit / 2);
    });
  }

  it('conserves telemetry at every step while VMs crash', () => {
    const sim = new Simulation(scenarioWith({ durationMinutes: 100 }, 'clevercloud-2022-04'));
    conservedEveryStep(sim);
    expect(sim.state.threadExhaustionCrashes).toBeGreaterThan(0);
  });
});
