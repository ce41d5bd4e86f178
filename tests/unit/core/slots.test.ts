// The slot books (src/core/fleet/slots.ts) agree with the slots at every step: per host, the live
// count is the number of alive slots, the free count is the slots neither alive nor reserved,
// booked memory is the memory of the live VMs plus that of incoming migrations, and the vCPU
// count is the live VMs' vCPUs. The VM pass's interleaved copies of the fixed per-slot figures
// (fleet/hot.ts) equal the arrays the other systems read, slot by slot, as VMs start, end and move
// (and its alive flag equals alive). The targeted runs below are checked at every step; the whole
// presets at every step of their first half hour, then every minute (runChecked).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../src/core/index.ts';
import { RESV_MIGRATION_IN, RESV_NONE } from '../../../src/core/fleet/slots.ts';
import {
  FLAG_ALIVE,
  HOT_BASE_ANON,
  HOT_FLAGS,
  HOT_LIMIT,
  HOT_RATE,
  HOT_WS,
  VM_HOT,
} from '../../../src/core/fleet/hot.ts';
import { presetNames } from '../../../src/scenario/index.ts';
import { heldEvents, scenarioWith, WHOLE_RUNS } from '../helpers.ts';

/** The first disagreement between the books and the slots, or '' when they agree. */
export function checkBooks(sim: Simulation): string {
  const st = sim.state;
  // the state's arrays read once (a run's state is a large object: a property read per VM per step
  // was most of this check's cost)
  const { alive, resv, vcpus, sizeOf, sizeMemMiB, vmStart, migUsed, migDstHost, migSrc } = st;
  const { hostLive, hostFree, hostVcpus, hostBookedMiB, hostIn } = st;
  const inMiB = new Float64Array(st.hosts);
  for (let r = 0; r < st.migCap; r++) if (migUsed[r]) inMiB[migDstHost[r]] += sizeMemMiB[sizeOf[migSrc[r]]];
  for (let h = 0; h < st.hosts; h++) {
    let live = 0,
      free = 0,
      mem = 0,
      cpus = 0,
      reservedIn = 0;
    for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
      if (alive[v]) {
        live++;
        mem += sizeMemMiB[sizeOf[v]];
        cpus += vcpus[v];
      } else if (resv[v] === RESV_NONE) free++;
      else if (resv[v] === RESV_MIGRATION_IN) reservedIn++;
    }
    if (hostLive[h] === live && hostFree[h] === free && hostVcpus[h] === cpus && hostBookedMiB[h] === mem + inMiB[h])
      if (!st.maintOn || hostIn[h] === reservedIn) continue;
    const at = `step ${st.step}, host ${h}`;
    if (hostLive[h] !== live) return `${at}: hostLive ${hostLive[h]}, alive slots ${live}`;
    if (hostFree[h] !== free) return `${at}: hostFree ${hostFree[h]}, free slots ${free}`;
    if (hostVcpus[h] !== cpus) return `${at}: hostVcpus ${hostVcpus[h]}, live VMs' vCPUs ${cpus}`;
    if (hostBookedMiB[h] !== mem + inMiB[h])
      return `${at}: booked ${hostBookedMiB[h]} MiB, live ${mem} + incoming ${inMiB[h]} MiB`;
    return `${at}: ${hostIn[h]} incoming, ${reservedIn} reserved`;
  }
  return checkHot(sim);
}

/** The first slot whose copy in vmHot differs from the fleet's own array (or its alive flag from alive), or ''. */
function checkHot(sim: Simulation): string {
  const { vmHot, ratePerStep, baseAnonMiB, limitMiB, wsMiB, alive, vms, step } = sim.state;
  for (let v = 0; v < vms; v++)
    if (((vmHot[v * VM_HOT + HOT_FLAGS] & FLAG_ALIVE) !== 0) !== (alive[v] === 1))
      return `step ${step}, slot ${v}: vmHot's alive flag ${vmHot[v * VM_HOT + HOT_FLAGS] & FLAG_ALIVE}, alive ${alive[v]}`;
  const copies = [
    ['ratePerStep', ratePerStep, HOT_RATE],
    ['baseAnonMiB', baseAnonMiB, HOT_BASE_ANON],
    ['limitMiB', limitMiB, HOT_LIMIT],
    ['wsMiB', wsMiB, HOT_WS],
  ] as const;
  // this runs at every step of every preset: a plain comparison, and 1/x to tell -0 from 0 (as Object.is)
  for (const [name, a, k] of copies)
    for (let v = 0, o = k; v < vms; v++, o += VM_HOT) {
      const x = vmHot[o],
        y = a[v];
      if (x !== y || (x === 0 && 1 / x !== 1 / y))
        return `step ${step}, slot ${v}: vmHot's ${name} ${Object.is(x, -0) ? '-0' : x}, ${name} ${Object.is(y, -0) ? '-0' : y}`;
    }
  return '';
}

/**
 * Steps `sim` to its end, checking the books after every step; with `every` > 1, after each of the
 * first DENSE_STEPS steps, then after every `every`-th step and the last. A book or a copy that a path
 * forgets to update stays wrong until that slot is written again, so a check every minute of a whole
 * preset still sees it (a copy left stale in startVm, endVm or move fails the presets' tests below).
 */
export function runChecked(sim: Simulation, every = 1): void {
  while (!sim.done) {
    sim.advance(1);
    const step = sim.state.step;
    if (every > 1 && step > DENSE_STEPS && step % every !== 0 && !sim.done) continue;
    const bad = checkBooks(sim);
    if (bad) throw new Error(bad);
  }
}

/** the books are state, whatever the recorder keeps: these runs record the least */
const SUMMARY = { record: 'summary' } as const;

/** whole presets: every step of the first half hour (at 5 s), then every minute */
const DENSE_STEPS = 360,
  EVERY = 12;

describe('slot books', WHOLE_RUNS, () => {
  for (const preset of presetNames()) {
    it(`agree with the slots at every step of its first half hour, then every minute, of ${preset}`, () => {
      const sim = new Simulation(scenarioWith({}, preset), SUMMARY);
      runChecked(sim, EVERY);
      expect(sim.state.step).toBe(sim.state.totalSteps);
    });
  }

  it('agree with the slots while QEMU aborts and the control plane redeploys (2022 with the control plane on)', () => {
    const sim = new Simulation(scenarioWith({ controlPlane: { enabled: true } }, 'clevercloud-2022-04'), SUMMARY);
    runChecked(sim);
    expect(sim.state.threadExhaustionCrashes).toBeGreaterThan(0);
    expect(sim.state.cp.deployments).toBeGreaterThan(0);
  });

  it('agree with the slots when hosts panic in the middle of a maintenance window', () => {
    const base = scenarioWith({}, 'workshop-outage');
    const sim = new Simulation(
      scenarioWith({
        durationMinutes: 600,
        events: [
          ...base.events,
          { atMinute: 60, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 },
        ],
      }),
      SUMMARY,
    );
    runChecked(sim);
    expect(sim.state.panics).toBeGreaterThan(0);
    expect(sim.state.migCompleted).toBeGreaterThan(0);
  });

  it('agree with the slots, and events are conserved, with migration and the control plane on together (random scenarios)', () => {
    let both = 0; // runs where VMs both migrated and were deployed
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          stepSeconds: fc.integer({ min: 5, max: 30 }),
          hosts: fc.integer({ min: 2, max: 6 }),
          maintAt: fc.integer({ min: 0, max: 60 }),
          maintFor: fc.integer({ min: 10, max: 90 }),
          maxConcurrentHosts: fc.integer({ min: 0, max: 3 }),
          admissionLock: fc.boolean(),
          watchdog: fc.boolean(),
          placement: fc.constantFrom('spread', 'least-loaded'),
          outageAt: fc.integer({ min: 0, max: 60 }),
          outageFor: fc.integer({ min: 1, max: 90 }),
          pico: fc.integer({ min: 0, max: 30 }),
        }),
        (p) => {
          const s = scenarioWith(
            {
              seed: p.seed,
              stepSeconds: p.stepSeconds,
              durationMinutes: 180,
              fleet: { hypervisors: p.hosts, zones: 1, vmMix: { pico: p.pico } },
              maintenance: { maxConcurrentHosts: p.maxConcurrentHosts },
              migration: { admissionLock: p.admissionLock },
              controlPlane: { enabled: true, watchdog: p.watchdog, placement: p.placement, checkIntervalSeconds: 60 },
              events: [
                { atMinute: p.maintAt, kind: 'maintenanceWindow', durationMinutes: p.maintFor, maintenanceMinutes: 5 },
                { atMinute: p.outageAt, kind: 'messagingOutage', durationMinutes: p.outageFor },
              ],
            },
            'flyingcircus-2017-08-02',
          );
          const sim = new Simulation(s, SUMMARY);
          while (!sim.done) {
            sim.advance(1);
            const bad = checkBooks(sim);
            if (bad) throw new Error(bad);
            const st = sim.state;
            if (st.produced !== st.delivered + heldEvents(sim) + st.dropped + st.lost)
              throw new Error(`step ${st.step}: telemetry events not conserved`);
          }
          if (sim.state.migCompleted > 0 && sim.state.cp.deployments > 0) both++;
        },
      ),
      { numRuns: 12, seed: 20261201 },
    );
    expect(both).toBeGreaterThan(3);
  });

  it('runs the 2017 maintenance storm with the control plane on: VMs migrate and monitoring redeploys the stalled ones', () => {
    // seed 2: a run whose storm overcommits hosts (with per-VM spreads not every seed does)
    const sim = new Simulation(
      scenarioWith({ seed: 2, controlPlane: { enabled: true } }, 'flyingcircus-2017-08-02'),
      SUMMARY,
    );
    runChecked(sim);
    const st = sim.state;
    expect(st.migCompleted).toBeGreaterThan(0);
    expect(st.cp.deployments).toBeGreaterThan(0);
    // monitoring sees VMs stalled on swapping hosts and calls them unreachable
    expect(st.cp.byKind[2]).toBeGreaterThan(0);
  });
});
