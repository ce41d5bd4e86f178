// Issue 6: thread exhaustion (seed 000) and the maintenance storm (seed 001). Closed forms
// (tasks arithmetic, Little's law on waiting agent processes, pre-copy time, non-convergence),
// the double-booking race, each preset with and without its fix, conservation and determinism.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/index.ts';
import { defaultTasksMax, qemuTasksPerVm, threadsMax } from '../../src/core/systems/tasks/limits.ts';
import { precopySeconds } from '../../src/core/systems/migration/precopy.ts';
import { migrationTarget as admit } from '../../src/core/fleet/placement.ts';
import { defaultScenario } from '../../src/scenario/index.ts';
import { fingerprint, heldEvents, run, scenarioWith, singleVm } from './helpers.ts';

function conservedEveryStep(sim: Simulation): void {
  while (!sim.done) {
    sim.advance(1);
    const st = sim.state,
      held = heldEvents(sim);
    if (st.produced !== st.delivered + held + st.dropped + st.lost) throw new Error(`step ${st.step}: not conserved`);
    if (held !== st.stepBuffered)
      throw new Error(`step ${st.step}: ${st.stepBuffered} held by the summary, ${held} in the arrays`);
  }
}

describe('tasks against the pids limit', () => {
  it('computes DefaultTasksMax = 15% of min(pid_max, threads-max) and QEMU threads per VM', () => {
    expect(threadsMax(512)).toBe(4194304); // 512 GiB / 128 KiB
    expect(defaultTasksMax(32768, 512, 15)).toBe(4915);
    expect(defaultTasksMax(4194304, 512, 15)).toBe(629145); // systemd >= 243 pid_max: threads-max binds
    expect(defaultTasksMax(32768, 2, 15)).toBe(2457); // 2 GiB: threads-max 16,384 binds
    const t = defaultScenario().tasks;
    expect(qemuTasksPerVm(2, 0, t)).toBe(1 + 2 + 3); // main + vCPUs + extras, no I/O
    expect(qemuTasksPerVm(2, 10, t)).toBe(1 + 2 + 3 + 3); // ceil(10 / 4 MB/s) workers
    expect(qemuTasksPerVm(2, 1e6, t)).toBe(1 + 2 + 3 + 64); // capped per context
  });

  it("holds rate x timeout agent processes waiting when the pooler is full (Little's law), and counts their tasks", () => {
    const s = scenarioWith(
      singleVm({
        hvAgent: {
          notificationsPerSecond: 1,
          notificationSpread: 0,
          connectTimeoutSeconds: 100,
          processSeconds: 1,
          tasksPerProcess: 8,
        },
        proxy: { poolMaxConnections: 1, leakPercent: 100 },
      }),
    );
    const sim = new Simulation(s);
    sim.advance(400);
    const st = sim.state;
    expect(st.poolLeaked).toBe(1);
    expect(st.agentWaiting[0]).toBe(100);
    const qemu = qemuTasksPerVm(4, st.readServedMBps[0], s.tasks); // one M VM, 4 vCPUs
    expect(st.hostTasks[0]).toBe(qemu + 100 * 8);
    expect(st.notificationsLost).toBeGreaterThan(250); // timed out
  });

  it('keeps one process and one connection per host with the single driver', () => {
    const s = scenarioWith(
      singleVm({ hvAgent: { mode: 'single-driver' }, proxy: { poolMaxConnections: 1, leakPercent: 100 } }),
    );
    const sim = new Simulation(s);
    sim.advance(600);
    expect(sim.state.agentWaiting[0]).toBe(0);
    expect(sim.state.poolActive).toBe(1);
    expect(sim.state.notificationsLost).toBe(0);
  });
});

describe('preset clevercloud-2022-04', () => {
  const base = run(scenarioWith({}, 'clevercloud-2022-04'));

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
      const r = run(scenarioWith(overrides, 'clevercloud-2022-04'));
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

/** Two hosts, the first evacuates at minute 0 toward the second. */
function pair(extra: Record<string, unknown>): Record<string, unknown> {
  return singleVm({
    fleet: { zones: 1, hypervisors: 2, vmMix: { pico: 0, nano: 0, XS: 0, S: 0, M: 1, L: 0, XL: 0 } },
    durationMinutes: 120,
    migration: { linkGbps: 10, bandwidthMiBps: 32, busyPercent: 0, dirtyMiBps: 4, timeoutMinutes: 30 },
    events: [{ atMinute: 0, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 }],
    ...extra,
  });
}

describe('pre-copy live migration', () => {
  for (const stepSeconds of [1, 7, 30]) {
    it(`takes (RAM - B x downtime) / (B - D), to the second, at a ${stepSeconds} s step`, () => {
      const sim = new Simulation(scenarioWith(pair({ stepSeconds })));
      sim.advance(1);
      const st = sim.state,
        dirty = st.dirtyMiBps[0];
      while (st.migCompleted === 0 && st.t < 3600) sim.advance(1);
      const expected = precopySeconds(4096, 32, dirty, 300);
      expect(expected).toBeGreaterThan(100);
      // due at minute 0, copying from second 0: the switch-over lands at its own second, not at a step's end
      expect(st.lastOutAt[0]).toBeCloseTo(expected, 6);
      expect(st.alive[0]).toBe(0);
      expect(st.vmId[st.vmStart[1] + 1]).toBe(0); // the VM now sits in a slot of host 1
    });
  }

  it('never converges when the dirty rate reaches the bandwidth; auto-converge throttles it through', () => {
    for (const autoConverge of [false, true]) {
      const sim = new Simulation(
        scenarioWith(
          pair({ migration: { linkGbps: 10, bandwidthMiBps: 32, busyPercent: 0, timeoutMinutes: 30, autoConverge } }),
        ),
      );
      sim.advance(1);
      sim.state.dirtyMiBps[0] = 40;
      expect(precopySeconds(4096, 32, 40, 300)).toBe(Infinity);
      sim.advance(40 * 60);
      if (autoConverge) {
        expect(sim.state.migCompleted).toBe(1);
      } else {
        expect(sim.state.migCompleted).toBe(0);
        expect(sim.state.migFailed).toBeGreaterThanOrEqual(1); // cancelled at the 30 min timeout
      }
    }
  });
});

describe('admission on the target', () => {
  // host 1 has room for exactly one more M VM; host 0 evacuates its two at once
  const race = (admissionLock: boolean) =>
    pair({
      fleet: { zones: 1, hypervisors: 2, vmMix: { pico: 0, nano: 0, XS: 0, S: 0, M: 2, L: 0, XL: 0 } },
      hypervisor: { memoryGiB: 12 },
      migration: {
        linkGbps: 10,
        bandwidthMiBps: 32,
        busyPercent: 0,
        dirtyMiBps: 4,
        maxParallelPerHost: 2,
        hostReserveGiB: 0,
        hostSwapGiB: 0,
        admissionLock,
      },
    });

  it('double-books the same free memory with an unlocked check', () => {
    const sim = new Simulation(scenarioWith(race(false)));
    sim.advance(1);
    expect(sim.state.migInFlight).toBe(2);
    expect(sim.state.hostBookedMiB[1]).toBe(16 * 1024);
    // the check reads allocated memory: after a second of pages it still sees room for almost a whole VM
    expect(sim.state.hostCapMiB - sim.state.hostUsedMiB[1]).toBeGreaterThan(4096 - 2 * 32 - 1);
    const r = (sim.advance(sim.totalSteps), sim.result());
    expect(Math.max(...r.series.hostMemBookedMaxPct)).toBeGreaterThan(100);
    expect(r.summary.vms.rebooted).toBeGreaterThan(0); // no swap: past VM memory the OOM killer reboots a VM
  });

  it('books each byte once with the lock', () => {
    const sim = new Simulation(scenarioWith(race(true)));
    sim.advance(1);
    expect(sim.state.migInFlight).toBe(1);
    expect(sim.state.migQueued).toBe(1);
    expect(admit(sim.state, 0, 4096)).toBe(-1);
    const r = (sim.advance(sim.totalSteps), sim.result());
    expect(Math.max(...r.series.hostMemBookedMaxPct)).toBeLessThanOrEqual(100);
    expect(r.summary.vms.rebooted).toBe(0);
    expect(r.summary.vms.unresponsive).toBe(0);
  });
});

describe('preset flyingcircus-2017-08-02', () => {
  const base = run(scenarioWith({}, 'flyingcircus-2017-08-02'));

  it('reboots and hangs VMs through the whole chain', () => {
    const s = base.summary;
    expect(s.vms.rebooted).toBeGreaterThan(0);
    expect(s.vms.unresponsive).toBeGreaterThan(0);
    expect(s.migrations.maxConcurrent).toBeGreaterThan(24);
    expect(s.vms.total).toBe(24 * 54);
    const reboot = base.events.find((e) => e.code === 'vm-reboots')!;
    const chain: string[] = [];
    for (let i = reboot.id; i >= 0; i = base.events[i].cause) chain.unshift(base.events[i].code);
    expect(chain).toEqual([
      'maintenance-scheduled',
      'host-evacuates',
      'memory-double-booked',
      'host-overcommitted',
      'vm-reboots',
    ]);
    expect(s.verdict).toMatch(/^\d+ VMs? rebooted( \(\d+ reboots\))? and \d+ VMs unresponsive on overcommitted hosts/);
  });

  for (const [fix, overrides] of [
    ['the seatbelt', { maintenance: { maxConcurrentHosts: 1 } }],
    ['evacuation time in the schedule', { maintenance: { policy: 'include-evacuation' } }],
    ['the locked check and a booked-memory cap', { migration: { admissionLock: true, bookedCapPercent: 95 } }],
  ] as const) {
    it(`neither reboots nor hangs VMs with ${fix}`, () => {
      const r = run(scenarioWith(overrides, 'flyingcircus-2017-08-02'));
      expect(r.summary.vms.rebooted).toBe(0);
      expect(r.summary.vms.unresponsive).toBe(0);
      expect(r.summary.migrations.completed).toBeGreaterThan(0);
      expect(Math.max(...r.series.hostMemUsedMaxPct)).toBeLessThanOrEqual(100);
    });
  }

  it('lets every host finish its maintenance when its VMs can leave; tens of VMs rebooted, unresponsive VMs a small share (seeds 1-10)', () => {
    // before (issue 10): 1 to 3 of 24 hosts ever finished; a tried give-up-and-retry reached 13 but with 300+ VMs
    // unresponsive. Then (5 s step): 24 of 24 on every seed, 4 to 13 VMs rebooted (mean 8.6), 91 to 165
    // unresponsive (every VM in slot order: an upper bound). Now the stalled VMs are those whose working set
    // the swap-out reaches, and the guest watchdog resets them: 53 to 86 rebooted (mean 67), as many unresponsive
    // the automation left to itself: without the operators' stop at 09:22 (operator-actions.test.ts has that ending)
    const events = [{ atMinute: 30, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 }];
    let rebooted = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const s = run(scenarioWith({ seed, events }, 'flyingcircus-2017-08-02')).summary;
      expect(s.migrations.hostsMaintained, `seed ${seed}`).toBeGreaterThanOrEqual(20);
      expect(s.vms.unresponsive, `seed ${seed}`).toBeLessThan(0.1 * s.vms.total);
      expect(s.vms.rebooted, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      expect(s.vms.rebooted, `seed ${seed}`).toBeLessThanOrEqual(0.1 * s.vms.total);
      rebooted += s.vms.rebooted;
    }
    // tens of 1,296 VMs: "several" on each host that overcommits, not hundreds
    expect(rebooted / 10).toBeGreaterThanOrEqual(10);
    expect(rebooted / 10).toBeLessThanOrEqual(100);
  });

  it("runs at most maxParallelPerHost migrations per host, in and out together (the agent's event threads)", () => {
    const sim = new Simulation(scenarioWith({ durationMinutes: 180 }, 'flyingcircus-2017-08-02'));
    const st = sim.state,
      P = st.scenario.migration.maxParallelPerHost;
    let most = 0;
    while (!sim.done) {
      sim.advance(12);
      for (let h = 0; h < st.hosts; h++) most = Math.max(most, st.hostIn[h] + st.hostOut[h]);
    }
    expect(most).toBe(P);
  });

  it("needs fc.qemu's auto-converge: without it busy VMs never converge on a shared 1 GbE link and fewer hosts finish", () => {
    const off = run(scenarioWith({ migration: { autoConverge: false } }, 'flyingcircus-2017-08-02')).summary;
    expect(off.migrations.hostsMaintained).toBeLessThan(base.summary.migrations.hostsMaintained);
    expect(off.migrations.failed).toBeGreaterThan(base.summary.migrations.failed);
  });

  it('conserves telemetry at every step while VMs move and reboot, and runs the same twice', () => {
    const s = scenarioWith({ durationMinutes: 150 }, 'flyingcircus-2017-08-02');
    const sim = new Simulation(s);
    conservedEveryStep(sim);
    expect(sim.state.migCompleted).toBeGreaterThan(0);
    expect(fingerprint(sim.result())).toBe(fingerprint(run(s)));
  });
});
