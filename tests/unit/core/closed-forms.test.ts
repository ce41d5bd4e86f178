// Closed forms from MODEL.md checked against the model on a single VM, plus the hung-task
// detection window on the default preset.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { hungAtScan } from '../../../src/core/systems/hungtask/system.ts';
import { heldEvents, run, scenarioWith, singleVm, WHOLE_RUNS } from '../helpers.ts';

describe('agent buffer arithmetic (one VM, r = 10 events/s, B = 500, outage from t = 0)', () => {
  const outage = (minutes: number) => [{ atMinute: 0, kind: 'messagingOutage', durationMinutes: minutes }];

  it('fills the buffer after B / r seconds, then holds the rest at the source under block', () => {
    const sim = new Simulation(scenarioWith(singleVm({ events: outage(60) })));
    sim.advance(49);
    expect(sim.state.buf[0]).toBe(490);
    expect(sim.state.held[0]).toBe(0);
    sim.advance(1); // t = 50 s = B / r
    expect(sim.state.buf[0]).toBe(500);
    expect(sim.state.held[0]).toBe(0);
    sim.advance(100);
    expect(sim.state.buf[0]).toBe(500);
    expect(sim.state.held[0]).toBe(10 * 150 - 500);
  });

  it('drops max(0, r*T - B) events with drop_newest over an outage of T seconds', () => {
    for (const minutes of [1, 10, 30]) {
      const s = scenarioWith(singleVm({ events: outage(minutes), telemetry: { buffer: { whenFull: 'drop_newest' } } }));
      const sim = new Simulation(s);
      sim.advance(minutes * 60);
      expect(sim.state.dropped).toBe(Math.max(0, 10 * minutes * 60 - 500));
      expect(sim.state.held[0]).toBe(0);
    }
  });

  it('drains a backlog Q in Q / (drain rate - r) seconds once messaging is back', () => {
    const sink = 110; // events/s; net drain 100 events/s
    const s = scenarioWith(
      // brokers at 5% normal load: the platform's ingest (20x production) is far above the sink
      singleVm({
        durationMinutes: 60,
        events: outage(10),
        telemetry: { sinkEventsPerSecond: sink },
        messaging: { normalLoadPercent: 5 },
      }),
    );
    const sim = new Simulation(s);
    sim.advance(600);
    const backlog = heldEvents(sim);
    expect(backlog).toBe(6000);
    let seconds = 0;
    while (heldEvents(sim) > 0 && seconds < 3600) {
      sim.advance(1);
      seconds++;
    }
    // reconnect at the first retry (1 s cap), then Q / (sink - r)
    expect(seconds).toBeGreaterThanOrEqual(backlog / (sink - 10));
    expect(seconds).toBeLessThanOrEqual(backlog / (sink - 10) + 2);
  });

  it('drains an outage of T in T u / (1 - u) when every agent of the platform replays at once (normal load u)', () => {
    // issue 24 (physics/recovery.ts platformDrainSeconds): the fleet gets its production's share of
    // the brokers, production / u, so the net drain is r (1 - u) / u; the sink (1,000/s) is no limit
    for (const u of [0.5, 0.25, 0.1]) {
      const s = scenarioWith(
        singleVm({
          durationMinutes: 60,
          events: outage(10),
          telemetry: { sinkEventsPerSecond: 1000 },
          messaging: { normalLoadPercent: u * 100 },
        }),
      );
      const sim = new Simulation(s);
      sim.advance(600);
      expect(heldEvents(sim)).toBe(6000);
      let seconds = 0;
      while (heldEvents(sim) > 0 && seconds < 3600) {
        sim.advance(1);
        seconds++;
      }
      const want = (600 * u) / (1 - u);
      // measured 615, 206, 70 s for 600, 200, 67: whole events per step and the reconnect's retry
      expect(seconds, `u = ${u}`).toBeGreaterThanOrEqual(want - 2);
      expect(seconds, `u = ${u}`).toBeLessThanOrEqual(want * 1.05 + 2);
    }
  });
});

describe('khungtaskd', WHOLE_RUNS, () => {
  // kernel/hung_task.c: a task is reported when its switch count has not changed between the scan
  // that first saw it blocked and a scan at least the timeout later. Scans run every `interval`
  // from a phase; check the closed form against that rule played scan by scan.
  it('reports a task blocked at b at the first scan a timeout after the first scan that saw it (hung_task.c rule)', () => {
    for (const [interval, timeout] of [
      [120, 120],
      [30, 120],
      [600, 600],
      [45, 100],
    ]) {
      for (const p of [0, 7.5, 59]) {
        const phase = p % interval; // khungtaskd's first scan comes within one interval of boot
        for (const b of [3, 100, 119.9, 250]) {
          // scan by scan: last_switch_time is the first scan at or after b
          let firstSeen = -1,
            reported = -1;
          for (let s = phase; s < b + 5 * (timeout + interval); s += interval) {
            if (s < b) continue;
            if (firstSeen < 0) firstSeen = s;
            if (s - firstSeen >= timeout) {
              reported = s;
              break;
            }
          }
          let closed = -1;
          for (let s = phase; closed < 0; s += interval) if (hungAtScan(s, b, interval, timeout)) closed = s;
          expect(closed).toBeCloseTo(reported, 9);
          expect(closed - b).toBeGreaterThanOrEqual(timeout);
          expect(closed - b).toBeLessThan(Math.ceil(timeout / interval) * interval + interval);
        }
      }
    }
  });

  for (const interval of [0, 30]) {
    it(`reports waits between timeout and timeout + check interval in a run (interval ${interval})`, () => {
      const r = run(scenarioWith({ hypervisor: { hungTaskCheckIntervalSeconds: interval } }));
      const timeout = 120,
        every = interval || timeout;
      const hung = r.events.filter((e) => e.code === 'hung-task');
      expect(hung.length).toBeGreaterThan(0);
      for (const e of hung) {
        expect(r.events[e.cause].code).toBe('host-disk-saturated');
        expect(r.events[e.cause].hv).toBe(e.hv);
        // the oldest journal waiter's wait at the scan, as khungtaskd reports it
        const waited = Number(/blocked in D state for (\d+) s/.exec(e.what)![1]);
        expect(waited).toBeGreaterThanOrEqual(timeout);
        expect(waited).toBeLessThanOrEqual(timeout + every + r.stepSeconds);
      }
    });
  }

  it('never reports a hung task with hung_task_timeout_secs = 0', () => {
    const r = run(scenarioWith({ hypervisor: { hungTaskTimeoutSeconds: 0 } }));
    expect(r.summary.hypervisors.hungTaskHosts).toBe(0);
    expect(r.summary.hypervisors.panicked).toBe(0);
  });
});
