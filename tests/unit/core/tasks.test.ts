// Thread exhaustion (seed 000), closed forms: DefaultTasksMax, QEMU threads per VM, and Little's
// law on agent processes waiting for a full pooler.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { defaultTasksMax, qemuTasksPerVm, threadsMax } from '../../../src/core/systems/tasks/limits.ts';
import { defaultScenario } from '../../../src/scenario/index.ts';
import { scenarioWith, singleVm } from '../helpers.ts';

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
