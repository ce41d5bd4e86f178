// The lessons' claims checked against the model (seed 1): the figures each lesson's text quotes and
// each step's claimed figures. A model change that moves one fails here: re-check the lesson text.
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/scenario/index.ts';
import { LESSONS } from '../../../src/ui/lessons/lessons.ts';
import { CLAIMS, stepScenario } from '../../../src/ui/lessons/steps.ts';
import { withParam } from '../../../src/ui/scenario-edit.ts';
import { summaryOf } from './runs.ts';

describe('lesson claims still hold in the model (seed 1)', () => {
  const summary = (preset: string, path?: string, value?: unknown) => {
    const base = loadPreset(preset)!;
    return summaryOf(path ? withParam(base, path, value).scenario : base);
  };
  it('the-outage, where-backpressure-lands, small-vms', () => {
    const base = summary('workshop-outage');
    expect(base.hypervisors.panicked).toBe(5);
    expect(base.vms.crashed).toBe(380);
    expect(summary('workshop-outage', 'telemetry.buffer.whenFull', 'drop_newest').hypervisors.panicked).toBe(0);
    for (const src of ['file', 'journald-persistent']) {
      const s = summary('workshop-outage', 'telemetry.source', src);
      expect([s.hypervisors.panicked, s.telemetry.dropped, s.telemetry.lost], src).toEqual([0, 0, 0]);
    }
    const vol = summary('workshop-outage', 'telemetry.source', 'journald-volatile');
    expect(vol.hypervisors.panicked).toBe(0);
    expect(vol.telemetry.dropped).toBeGreaterThan(0);
    // more memory for pico VMs saves more hosts, step by step (small-vms and its sweep)
    const byMemory = [288, 320, 352, 384].map(
      (m) => summary('workshop-outage', 'vmSizes.pico.memoryMiB', m).hypervisors.panicked,
    );
    expect(byMemory).toEqual([2, 1, 1, 1]);
  });
  it('maintenance-storm-2017', () => {
    const base = summary('flyingcircus-2017-08-02');
    expect([base.vms.rebooted, base.vms.unresponsive, base.migrations.failed]).toEqual([42, 42, 0]);
    expect(base.migrations.hostsMaintained).toBe(15);
    const belt = summary('flyingcircus-2017-08-02', 'maintenance.maxConcurrentHosts', 1);
    expect([belt.vms.rebooted, belt.migrations.failed, belt.migrations.hostsMaintained]).toEqual([0, 0, 9]);
    const locked = summary('flyingcircus-2017-08-02', 'migration.admissionLock', true);
    expect([locked.vms.rebooted, locked.vms.unresponsive, locked.migrations.hostsMaintained]).toEqual([0, 0, 14]);
  });
  it('2024-replay', () => {
    const base = summary('clevercloud-2024-08-02');
    expect([base.hypervisors.panicked, Math.floor(base.hypervisors.firstPanicMinute!)]).toEqual([2, 161]); // 12:41 (closed-loop disk, the CPU of a thrash, the fallback bus at 12:31: issue 24)
    const damped = summary('clevercloud-2024-08-02', 'controlPlane.evictionDamping', true);
    expect(damped.hypervisors.panicked).toBe(1);
    expect(damped.controlPlane.deployments).toBeLessThan(0.8 * base.controlPlane.deployments); // 2,256 of 2,936
    const off = summary('clevercloud-2024-08-02', 'controlPlane.enabled', false);
    expect(off.hypervisors.panicked).toBe(0); // no image writes: no journal stalls
  });
  it('thread-exhaustion-2022', () => {
    expect(summary('clevercloud-2022-04').vms.threadExhaustionCrashes).toBe(236);
    expect(summary('clevercloud-2022-04', 'hvAgent.mode', 'single-driver').vms.crashed).toBe(0);
    expect(summary('clevercloud-2022-04', 'proxy.leakPercent', 0).vms.crashed).toBe(0);
  });
});

describe("every step's claimed figures hold in the model (seed 1)", () => {
  for (const l of LESSONS) {
    it(l.id, () => {
      l.steps.forEach((step, i) => {
        if (!step.expect) return;
        const setup = stepScenario(l, i + 1, true)!;
        expect(setup.issues).toEqual([]);
        const summary = summaryOf(setup.scenario);
        for (const [key, want] of Object.entries(step.expect)) {
          const got = CLAIMS[key as keyof typeof CLAIMS](summary);
          const where = `${l.id} step ${i + 1}: ${key}`;
          if (want === 'some') expect(got, where).toBeGreaterThan(0);
          else expect(got, where).toBe(want);
        }
      });
    });
  }
});
