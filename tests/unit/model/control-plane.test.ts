// The control plane (issue 10, finding 2): what a redeploy costs, late monitoring data, old copies
// that cannot stop, and a verdict that names the control plane only where it makes the difference
// (each cause the 2024 verdict names is removed in counterfactuals.test.ts).
import { describe, expect, it } from 'vitest';
import { Simulation, causeChain, isPanic, type SimResult } from '../../../src/core/index.ts';
import { scenarioWith } from '../helpers.ts';
import { fullRun, leanRun, type LeanRun } from './runs.ts';

const P = 'clevercloud-2024-08-02';
const replay = (o: Record<string, unknown> = {}) => leanRun(scenarioWith(o, P));

function namedCauses(r: LeanRun): string[] {
  const first = r.events.find(isPanic);
  return first ? causeChain(r.events, first.id).map((e) => e.short) : [];
}

// Every cause the 2024 verdict names, removed, does not make the panics grow: counterfactuals.test.ts
// (one table for every preset's chain, so each counterfactual run is computed once).
describe("the 2024 verdict's counterfactuals", () => {
  it('does not name the control plane while turning it off makes things worse', () => {
    const on = replay();
    const off = replay({ controlPlane: { enabled: false } });
    if (off.summary.hypervisors.panicked > on.summary.hypervisors.panicked) {
      // the redeploys relieve thrashing hosts here (they stop thrashing VMs, as the SREs did by hand)
      expect(namedCauses(on).some((c) => c.includes('redeploy'))).toBe(false);
      expect(on.summary.verdict).not.toMatch(/redeploy/);
    }
  });
});

describe('what a redeploy costs', () => {
  it('deploys about three times a usual day: the run plus the rest of the day at the baseline', () => {
    const cp = replay().summary.controlPlane;
    const perHour = cp.baselineDeployments / 6; // the run is 6 h
    const day = (cp.deployments + perHour * 18) / (perHour * 24);
    expect(day).toBeGreaterThan(2); // seed 002: "almost x3 deployments as usual during that day"
    expect(day).toBeLessThan(5);
  });

  it("keeps a redeployed VM's old copy running until the new one has booted (blue/green)", () => {
    const sim = new Simulation(scenarioWith({ controlPlane: { baselineDeploymentsPerVmHour: 1 } }, P));
    const st = sim.state;
    let seen = 0;
    for (let i = 0; i < 200 && !seen; i++) {
      sim.advance(1);
      for (let k = 0; k < st.cp.stopLen; k++) {
        const v = st.cp.stopSlot[k];
        if (st.alive[v] && st.cp.dangling[v] && !st.cp.cpAlive[v]) seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
    // every retired copy stops once the deploy time has passed and its host's disk is not saturated
    sim.advance(Math.ceil(st.scenario.controlPlane.deploySeconds / st.dt) + 1);
    for (let k = 0; k < st.cp.stopLen; k++) {
      const v = st.cp.stopSlot[k];
      if (st.t - st.cp.stopAt[k] > st.dt) expect(st.diskQueueSeconds[st.hostOf[v]]).toBeGreaterThan(1);
    }
  });

  it('cannot stop old copies on a saturated host: they dangle (zombies), events stay conserved', () => {
    // slow disks saturate while monitoring redeploys stalled VMs over the fallback bus
    const s = scenarioWith({
      controlPlane: { enabled: true, fallbackBus: true },
      hypervisor: { diskReadMBps: 600 },
      events: [{ atMinute: 5, kind: 'messagingOutage', durationMinutes: 150 }],
      durationMinutes: 150,
    });
    const sim = new Simulation(s);
    sim.advance(sim.totalSteps);
    const st = sim.state;
    expect(st.cp.danglingPeak).toBeGreaterThan(0);
    expect(st.cp.danglingSeconds).toBeGreaterThan(0);
    const t = sim.result().summary.telemetry;
    expect(t.produced).toBe(t.delivered + t.buffered + t.dropped + t.lost);
  });

  it('charges the image and a cold page cache on the target: without them the disks read less', () => {
    // a quiet fleet (no outage) where customers deploy a lot
    const s = (o: Record<string, unknown>) =>
      scenarioWith({
        durationMinutes: 30,
        events: [],
        controlPlane: { enabled: true, baselineDeploymentsPerVmHour: 2, ...o },
      });
    const read = (x: SimResult) => x.series.diskReadDemandGBps.reduce((a, b) => a + b, 0);
    const full = read(fullRun(s({})));
    const warm = read(fullRun(s({ coldBootReads: false })));
    const free = read(fullRun(s({ coldBootReads: false, imageMiB: 0 })));
    expect(full).toBeGreaterThan(warm);
    expect(warm).toBeGreaterThan(free);
  });
});

describe('late monitoring data', () => {
  // a monitoring instance with few checkers: unresponsive VMs hold them for the check timeout
  const few = { controlPlane: { monitorConcurrentChecks: 8 } };

  /** the late checks (not in the summary: the run's own state) and the summary, of one run recording no series */
  const lateOf = (o: Record<string, unknown>) => {
    const sim = new Simulation(scenarioWith(o, P), { record: 'summary' });
    sim.advance(sim.totalSteps);
    return { lateChecks: sim.state.cp.lateChecks, summary: sim.summary() };
  };
  let fewRun: ReturnType<typeof lateOf> | undefined;
  const fewChecks = () => (fewRun ??= lateOf(few)); // one run for both tests below

  it('comes late when unresponsive VMs hold the checkers for the timeout, and counts as failure', () => {
    expect(fewChecks().lateChecks).toBeGreaterThan(0);
    expect(lateOf({ controlPlane: { monitorConcurrentChecks: 100000 } }).lateChecks).toBe(0);
  });

  it('lateDataIsFailure=false treats late data as no data: fewer unreachable redeploys', () => {
    const late = fewChecks().summary.controlPlane;
    const noData = replay({ controlPlane: { monitorConcurrentChecks: 8, lateDataIsFailure: false } }).summary
      .controlPlane;
    expect(noData.byKind.unreachable).toBeLessThan(late.byKind.unreachable);
  });
});

describe("the verdict names monitoring when monitoring's actions make the difference (finding 2)", () => {
  // monitoring upscales eagerly and every deployment reads a large image: its own actions saturate disks
  const eager = {
    controlPlane: {
      enabled: true,
      fallbackBus: true,
      imageMiB: 8192,
      deployReadMBps: 1500,
      upscaleLoadPerCore: 0.3,
      autoscaledShare: 0.5,
      placement: 'least-loaded',
    },
  };
  it('names it when pausing monitoring panics fewer hosts, by the same but-for test on the disk', () => {
    const base = leanRun(scenarioWith(eager)).summary;
    const paused = leanRun(
      scenarioWith({ controlPlane: { ...eager.controlPlane, pauseMonitoringActions: true } }),
    ).summary;
    expect(paused.hypervisors.panicked).toBeLessThan(base.hypervisors.panicked);
    expect(base.verdict).toMatch(/monitoring's redeploys made the difference|monitoring's redeploys saturate the disk/);
    expect(paused.verdict).not.toMatch(/monitoring's redeploys/);
  });
  it('in the 2024 replay pausing monitoring panics fewer hosts, and the verdict names the redeploys (seed 1, the closed-loop disk)', () => {
    // issue 24: the hung task is a journal commit whose ordered data is the redeploys' image pulls
    // (from 12:31, the fallback bus running); on seed 1 monitoring's share tips one of two hosts
    // (2 -> 1; seeds 1-4 paused from the start: 5 -> 4), and the but-for test names the orchestrator's
    // redeploys on one host
    const base = replay({ seed: 1 });
    const paused = replay({ seed: 1, controlPlane: { pauseMonitoringActions: true } });
    expect(base.summary.hypervisors.panicked).toBe(2);
    expect(paused.summary.hypervisors.panicked).toBe(1);
    expect(base.summary.verdict).toMatch(/redeploys did|redeploys saturate the disk/);
  });
});

describe("the but-for world behind 'redeploys saturate' (a shadow disk queue without the deployments' reads)", () => {
  it('never holds more queue than the real disk: it is the same host with less to read', () => {
    // before: the shadow used the nominal disk speed (a fast host's shadow ran 8 s over its real
    // queue) and kept a panicked host's full queue through its reboot (60 s over a fresh disk)
    // the shadow queue is the queue model's (the closed loop's but-for compares write rates: timeline-2024.test.ts)
    // (its own run, stepped to read the state; it records no series)
    const sim = new Simulation(scenarioWith({ hypervisor: { diskModel: 'queue' } }, 'clevercloud-2024-08-02'), {
      record: 'summary',
    });
    const st = sim.state;
    let worst = 0;
    while (!sim.done) {
      sim.advance(6);
      // a host that panicked this step lost its queue; its shadow is emptied at its next step (while it is down)
      for (let h = 0; h < st.hosts; h++)
        if (st.up[h] !== 0) worst = Math.max(worst, st.cp.shadowQueue[h] - st.diskQueueSeconds[h]);
    }
    // the margin is the background reads' noise, which only the real disk draws; it holds one value for a
    // minute (disk/noise.ts: keyed per host and minute, so it converges in the step), so a minute of -20%
    // background accumulates (measured 3.6 s; 1.9 s when it was drawn anew every step)
    expect(worst).toBeLessThan(5);
  });
});
