// The operators' actions (issue 24 finding 5): each preset ends the way its seed's operators ended
// it, and on a healthy cluster every action is skipped (or changes nothing).
import { describe, expect, it } from 'vitest';
import { HV_PARKED, Simulation } from '../../../src/core/index.ts';
import { fullRun, leanRun, type LeanRun } from './runs.ts';
import { canHost } from '../../../src/core/fleet/placement.ts';
import { loadPreset, parseScenario, type Scenario, type ScenarioEvent } from '../../../src/scenario/index.ts';

const OPERATOR_KINDS = new Set([
  'revertChange',
  'stopAutomation',
  'drainHosts',
  'undrainHosts',
  'cleanZombieVms',
  'stopNoisyVms',
  'dropMonitoringQueue',
  'resumeMonitoring',
  'addHosts',
]);

function preset(name: string, seed: number, opts: { ops?: boolean; set?: Record<string, unknown> } = {}): Scenario {
  const base = loadPreset(name)!;
  const events = opts.ops === false ? base.events.filter((e) => !OPERATOR_KINDS.has(e.kind)) : base.events;
  const { scenario, issues } = parseScenario({ ...base, ...opts.set, seed, events });
  expect(issues).toEqual([]);
  return scenario;
}
// the shared runs (runs.ts): the summary and the event log where a test reads no series, so the runs of
// seeds 1-3 are the ones the preset files and counterfactuals.test.ts ask for too
const run = (s: Scenario): LeanRun => leanRun(s);
const times = (r: LeanRun, code: string) => r.events.filter((e) => e.code === code).map((e) => e.t / 60);

describe('2022 (seed 000): the revert at 03:45 ends the QEMU aborts', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: no QEMU aborts after ~04:07; without the revert they go on`, () => {
      const r = run(preset('clevercloud-2022-04', seed));
      const revert = r.events.find((e) => e.code === 'change-reverted')!;
      expect(revert.t / 60).toBe(105); // 03:45
      const aborts = times(r, 'qemu-abort');
      expect(aborts.length).toBeGreaterThan(0);
      expect(Math.max(...aborts)).toBeLessThanOrEqual(127); // 04:07: "The HVs look fine, now"
      const without = run(preset('clevercloud-2022-04', seed, { ops: false }));
      expect(Math.max(...times(without, 'qemu-abort'))).toBeGreaterThan(127);
      expect(without.summary.vms.threadExhaustionCrashes).toBeGreaterThan(r.summary.vms.threadExhaustionCrashes);
    });
  }
});

describe('2017 (seed 001): stopping the automation at 09:22 stabilises the fleet', () => {
  it('over seeds 1-3: reboots end within minutes of the stop, far fewer resets, maintenance goes on by hand', () => {
    for (const seed of [1, 2, 3]) {
      const r = run(preset('flyingcircus-2017-08-02', seed));
      const without = run(preset('flyingcircus-2017-08-02', seed, { ops: false }));
      const stop = r.events.find((e) => e.code === 'automation-stopped')!.t / 60;
      const reboots = times(r, 'vm-reboots');
      if (reboots.length) expect(Math.max(...reboots), `seed ${seed}`).toBeLessThan(stop + 10);
      // "several VMs", not the automation's tens with a thousand watchdog resets
      expect(r.summary.vms.rebooted).toBeLessThan(without.summary.vms.rebooted);
      expect(reboots.length * 2).toBeLessThan(times(without, 'vm-reboots').length);
      // the rest is done by hand, one host at a time: hosts still get their maintenance after the stop
      const inMaintenanceByHand = r.events.filter((e) => e.code === 'host-evacuates' && e.t / 60 > stop + 10);
      expect(inMaintenanceByHand.length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});

describe('2024 (seed 002): the evening', () => {
  it('runs past 19:00 and the hypervisors are back to nominal load by ~18:36', () => {
    const r = fullRun(preset('clevercloud-2024-08-02', 1));
    expect(r.summary.simulatedMinutes).toBeGreaterThanOrEqual(540);
    const at = (minute: number) => Math.round((minute * 60) / r.stepSeconds);
    // mean load per core over hosts up, from 18:36 to the end
    const load = r.series.hvLoadMean.slice(at(516));
    expect(Math.max(...load)).toBeLessThan(1);
  });

  it('adds 4 parked hypervisors at 16:05: redeploys land on them from then on, and the verdict counts them apart', () => {
    const r = fullRun(preset('clevercloud-2024-08-02', 1));
    const added = r.events.filter((e) => e.code === 'hosts-added');
    expect(added.map((e) => e.t / 60)).toEqual([365]);
    const { hosts: hs, vms: vs } = r;
    expect(hs.hosts).toBe(64);
    const H = hs.hosts,
      V = vs.vms;
    // the map: hv-60 to hv-63 parked until 16:05 and not after (host samples are bucket maxima)
    const hostSample = (minute: number) => Math.floor((minute * 60) / r.stepSeconds / hs.everySteps);
    for (let h = 60; h < 64; h++) {
      expect(hs.state[hostSample(360) * H + h], `hv-${h} at 16:00`).toBe(HV_PARKED);
      expect(hs.state[hostSample(380) * H + h], `hv-${h} at 16:20`).not.toBe(HV_PARKED);
    }
    // VMs running on the new hosts' slots (VM samples: 0 = alive)
    const onNew = (minute: number) => {
      const k = Math.floor((minute * 60) / r.stepSeconds / vs.everySteps);
      let n = 0;
      for (let v = 0; v < V; v++) if (vs.hostOf[v] >= 60 && vs.down[k * V + v] === 0) n++;
      return n;
    };
    expect(onNew(364)).toBe(0);
    expect(onNew(420)).toBeGreaterThan(4 * 20); // about 37 a host by 17:00 (seed 1)
    expect(onNew(590)).toBeGreaterThan(onNew(420));
    // "N of 60": the fleet it starts with; the added hosts named with their own count
    expect(r.summary.hypervisors.total).toBe(60);
    expect(r.summary.verdict).toMatch(/^\d+ of 60 hypervisors panicked \(4 more added at 16:05, none panicked\)/);
  });

  it('is the same replay as without the new hosts until 16:05', () => {
    const base = loadPreset('clevercloud-2024-08-02')!;
    const events = base.events.filter((e) => e.kind !== 'addHosts');
    const without = new Simulation(parseScenario({ ...base, seed: 1, events }).scenario);
    const steps = Math.round((365 * 60) / without.state.dt);
    without.advance(steps);
    const w = without.result(),
      r = fullRun(preset('clevercloud-2024-08-02', 1));
    for (const key of ['thrashingVms', 'diskReadGBps', 'hvLoadMean', 'deploymentQueue', 'panickedHosts'] as const)
      expect(Array.from(r.series[key].subarray(0, steps)), key).toEqual(Array.from(w.series[key].subarray(0, steps)));
    const before = (events: readonly { t: number; code: string; hv: number; what: string }[]) =>
      events.filter((e) => e.t < 365 * 60).map((e) => `${e.t} ${e.code} ${e.hv} ${e.what}`);
    expect(before(r.events)).toEqual(before(w.events));
  });
});

describe('on a healthy cluster the operators have nothing to do', () => {
  it('2024 with broker 3.3.2 (no outage): the operators drain, stop and drop nothing, and no host or VM fares differently', () => {
    const set = { messaging: { ...loadPreset('clevercloud-2024-08-02')!.messaging, brokerVersion: '3.3.2' } };
    const r = run(preset('clevercloud-2024-08-02', 1, { set }));
    const without = run(preset('clevercloud-2024-08-02', 1, { set, ops: false }));
    const acted = r.events.filter((e) =>
      ['hosts-drained', 'noisy-vms-stopped', 'monitoring-queue-dropped'].includes(e.code),
    );
    // (a quiet day can leave an old copy stuck in stopping state: cleaning it is real work, not harm)
    expect(acted).toEqual([]);
    expect(r.summary.hypervisors).toEqual(without.summary.hypervisors);
    expect(r.summary.vms.crashed).toBe(without.summary.vms.crashed);
  });

  it('the revert is skipped where the agents already run the single driver', () => {
    const r = run(preset('clevercloud-2022-04', 1, { set: { hvAgent: { mode: 'single-driver' } } }));
    expect(r.events.some((e) => e.code === 'change-reverted')).toBe(false);
    expect(r.events.some((e) => e.code === 'operator-action-skipped')).toBe(true);
    expect(r.summary.vms.threadExhaustionCrashes).toBe(0);
  });

  it('stopping the automation is skipped without a maintenance window', () => {
    const ev: ScenarioEvent[] = [{ atMinute: 10, kind: 'stopAutomation', hostsAtOnce: 1 }];
    const base = loadPreset('workshop-outage')!;
    const r = run(parseScenario({ ...base, events: ev }).scenario);
    expect(r.events.map((e) => e.code)).toContain('operator-action-skipped');
    expect(r.summary.hypervisors.panicked).toBe(0);
  });
});

describe('each action acts where there is something to act on (2024, during the storm)', () => {
  /** the 2024 preset to 13:20 with one operator action added at `atMinute` */
  function storm(extra: Record<string, unknown>[], seed = 1): Scenario {
    const base = loadPreset('clevercloud-2024-08-02')!;
    const events = [...base.events.filter((e) => !OPERATOR_KINDS.has(e.kind) && e.atMinute < 200), ...extra];
    const { scenario, issues } = parseScenario({ ...base, seed, durationMinutes: 200, events });
    expect(issues).toEqual([]);
    return scenario;
  }

  it('drains the most loaded hosts: their VMs are redeployed elsewhere by the operators', () => {
    // (behind the monitoring actions queued before them, the orchestrator would not reach them by 13:20: pause
    // monitoring and drop those first, as the seed's operators did later)
    const r = run(
      storm([
        { atMinute: 150, kind: 'pauseMonitoring' },
        { atMinute: 150, kind: 'dropMonitoringQueue' },
        { atMinute: 150, kind: 'drainHosts', count: 3 },
      ]),
    );
    const drained = r.events.find((e) => e.code === 'hosts-drained');
    expect(drained, 'hosts-drained logged').toBeDefined();
    expect(drained!.cause).toBeGreaterThanOrEqual(0); // it names what it answers
    expect(r.summary.controlPlane.byKind.operator).toBeGreaterThan(0);
  });

  it('a drained host is no candidate for any placement', () => {
    const sim = new Simulation(preset('clevercloud-2024-08-02', 1));
    expect(canHost(sim.state, 0)).toBe(true);
    sim.state.cp.drained[0] = 1;
    expect(canHost(sim.state, 0)).toBe(false);
  });

  it('stops the noisiest VMs at its pace and redeploys them fresh', () => {
    // after the fallback bus runs (12:31) and behind no queued monitoring action, as in the drain test
    const r = run(
      storm([
        { atMinute: 155, kind: 'pauseMonitoring' },
        { atMinute: 155, kind: 'dropMonitoringQueue' },
        { atMinute: 155, kind: 'stopNoisyVms', durationMinutes: 20, perMinute: 5 },
      ]),
    );
    expect(r.events.some((e) => e.code === 'noisy-vms-stopped')).toBe(true);
    const n = r.summary.controlPlane.byKind.operator;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(20 * 5);
  });

  it('drops the queued monitoring actions, and only those', () => {
    const r = fullRun(storm([{ atMinute: 100, kind: 'dropMonitoringQueue' }]));
    const drop = r.events.find((e) => e.code === 'monitoring-queue-dropped');
    expect(drop, 'monitoring-queue-dropped logged').toBeDefined();
    const i = Math.round((100 * 60) / r.stepSeconds);
    expect(r.series.deploymentQueue[i]).toBeLessThan(r.series.deploymentQueue[i - 1]);
  });
});
