// Invariants: telemetry events are conserved exactly at every step, for any source, buffer and
// policy (property-based over random small scenarios); the scheduler's total order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../src/core/index.ts';
import { Scheduler } from '../../../src/core/scheduler.ts';
import { heldEvents, scenarioWith, WHOLE_RUNS } from '../helpers.ts';

function assertConserved(sim: Simulation, steps: number): void {
  for (let i = 0; i < steps && !sim.done; i++) {
    sim.advance(1);
    const st = sim.state;
    const held = heldEvents(sim);
    if (st.produced !== st.delivered + held + st.dropped + st.lost) {
      throw new Error(
        `step ${st.step}: produced ${st.produced} != delivered ${st.delivered} + held ${held} + dropped ${st.dropped} + lost ${st.lost}`,
      );
    }
    if (held !== st.stepBuffered)
      throw new Error(`step ${st.step}: summary says ${st.stepBuffered} held, arrays hold ${held}`);
  }
}

describe('conservation of telemetry events', WHOLE_RUNS, () => {
  it('holds at every step of the default preset (with OOM kills and panics)', () => {
    const sim = new Simulation(scenarioWith({}));
    assertConserved(sim, sim.totalSteps);
    expect(sim.state.lost).toBeGreaterThan(0);
    expect(sim.state.oomKills).toBeGreaterThan(0);
  });

  it('holds at every step with redeploys moving VMs between hosts (control plane, broker model)', () => {
    const sim = new Simulation(
      scenarioWith(
        { durationMinutes: 240, fleet: { hypervisors: 12 }, hypervisor: { diskReadMBps: 1500 } },
        'clevercloud-2024-08-02',
      ),
    );
    assertConserved(sim, sim.totalSteps);
    expect(sim.state.cp.deployments).toBeGreaterThan(0);
    expect(sim.state.panics).toBeGreaterThan(0);
  });

  it('holds at every step for random sources, buffers, policies, steps and seeds', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          stepSeconds: fc.integer({ min: 1, max: 30 }),
          source: fc.constantFrom('journald-volatile', 'journald-persistent', 'socket', 'file'),
          type: fc.constantFrom('memory', 'disk'),
          whenFull: fc.constantFrom('block', 'drop_newest'),
          maxEvents: fc.integer({ min: 1, max: 5000 }),
          eventsPerSecond: fc.double({ min: 0, max: 200, noNaN: true }),
          sink: fc.integer({ min: 1, max: 2000 }),
          outageAt: fc.integer({ min: 0, max: 60 }),
          outageFor: fc.integer({ min: 1, max: 150 }),
        }),
        (p) => {
          const s = scenarioWith({
            seed: p.seed,
            stepSeconds: p.stepSeconds,
            durationMinutes: 180,
            fleet: { hypervisors: 4, zones: 2 },
            telemetry: {
              source: p.source,
              eventsPerSecond: p.eventsPerSecond,
              sinkEventsPerSecond: p.sink,
              buffer: { type: p.type, whenFull: p.whenFull, maxEvents: p.maxEvents },
            },
            events: [{ atMinute: p.outageAt, kind: 'messagingOutage', durationMinutes: p.outageFor }],
          });
          const sim = new Simulation(s);
          assertConserved(sim, sim.totalSteps);
        },
      ),
      { numRuns: 25, seed: 20261121 },
    );
  });
});

describe('scheduler', () => {
  it('pops events in (time, priority, sequence) order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 300 }),
        (items) => {
          const s = new Scheduler(4);
          items.forEach(([t, p], i) => s.schedule(t, p, 7, i));
          const out: number[] = [];
          while (s.length) s.pop((_k, arg) => out.push(arg));
          const expected = items
            .map(([t, p], i) => ({ t, p, i }))
            .sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i)
            .map((x) => x.i);
          expect(out).toEqual(expected);
        },
      ),
    );
  });
});
