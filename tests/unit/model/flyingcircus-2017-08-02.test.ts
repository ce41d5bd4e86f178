// The 2017 maintenance storm (seed 001): the whole chain from a maintenance window to VMs rebooted
// on overcommitted hosts, the seed's fixes, which VMs stall and the guest watchdog over seeds 1-10,
// and the preset under varied assumptions.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation, assumptionRanges, memberScenario, planEnsemble, type SimResult } from '../../../src/core/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { conservedEveryStep, fingerprint, run, scenarioWith } from '../helpers.ts';
import { fullRun, leanRun, summaryOf, MANY_RUNS } from './runs.ts';

const PRESET = 'flyingcircus-2017-08-02';

describe('preset flyingcircus-2017-08-02', () => {
  let base: SimResult;
  beforeAll(() => {
    base = fullRun(scenarioWith({}, PRESET));
  });

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
      const r = fullRun(scenarioWith(overrides, PRESET));
      expect(r.summary.vms.rebooted).toBe(0);
      expect(r.summary.vms.unresponsive).toBe(0);
      expect(r.summary.migrations.completed).toBeGreaterThan(0);
      expect(Math.max(...r.series.hostMemUsedMaxPct)).toBeLessThanOrEqual(100);
    });
  }

  it('lets every host finish its maintenance when its VMs can leave; tens of VMs rebooted, unresponsive VMs a small share (seeds 1-4)', () => {
    // before (issue 10): 1 to 3 of 24 hosts ever finished; a tried give-up-and-retry reached 13 but with 300+ VMs
    // unresponsive. Then (5 s step): 24 of 24 on every seed, 4 to 13 VMs rebooted (mean 8.6), 91 to 165
    // unresponsive (every VM in slot order: an upper bound). Now the stalled VMs are those whose working set
    // the swap-out reaches, and the guest watchdog resets them: 53 to 86 rebooted (mean 67), as many unresponsive
    // the automation left to itself: without the operators' stop at 09:22 (model/operator-actions.test.ts has that
    // ending, on the same runs of seeds 1-3). Seeds 1-4: the bounds hold on each seed; the preset with the stop
    // holds the same bounds on reboots and stalls over seeds 1-10 (below)
    const events = [{ atMinute: 30, kind: 'maintenanceWindow', durationMinutes: 120, maintenanceMinutes: 1 }];
    let rebooted = 0;
    const SEEDS = 4;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const s = summaryOf(scenarioWith({ seed, events }, PRESET));
      expect(s.migrations.hostsMaintained, `seed ${seed}`).toBeGreaterThanOrEqual(20);
      expect(s.vms.unresponsive, `seed ${seed}`).toBeLessThan(0.1 * s.vms.total);
      expect(s.vms.rebooted, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      expect(s.vms.rebooted, `seed ${seed}`).toBeLessThanOrEqual(0.1 * s.vms.total);
      rebooted += s.vms.rebooted;
    }
    // tens of 1,296 VMs: "several" on each host that overcommits, not hundreds
    expect(rebooted / SEEDS).toBeGreaterThanOrEqual(10);
    expect(rebooted / SEEDS).toBeLessThanOrEqual(100);
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
    const off = summaryOf(scenarioWith({ migration: { autoConverge: false } }, PRESET));
    expect(off.migrations.hostsMaintained).toBeLessThan(base.summary.migrations.hostsMaintained);
    expect(off.migrations.failed).toBeGreaterThan(base.summary.migrations.failed);
  });

  it('conserves telemetry at every step while VMs move and reboot, and runs the same twice', () => {
    const s = scenarioWith({ durationMinutes: 150 }, 'flyingcircus-2017-08-02');
    const sim = new Simulation(s);
    conservedEveryStep(sim);
    expect(sim.state.migCompleted).toBeGreaterThan(0);
    // a second run of its own (not the shared one): the same scenario runs the same twice
    expect(fingerprint(sim.result())).toBe(fingerprint(run(s)));
  });
});

describe('2017: reboots count distinct VMs (finding 5)', () => {
  // one test per run (each has the model tier's time limit, not twelve runs under one); the
  // preset's seeds 1-10 are the shared lean runs, read again by the test over all ten
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each(SEEDS)(
    '"several VMs rebooted", seed %i: distinct VMs within tens, unresponsive VMs a small share; every overcommit names its cause',
    (seed) => {
      const r = leanRun(scenarioWith({ seed }, PRESET));
      const s = r.summary;
      // tens, not the hundreds an OOM loop counted as reboots: the guest watchdog resets the VMs that
      // stall on swapped-out working set, the OOM killer a few more (below)
      expect(s.vms.rebooted, `seed ${seed}`).toBeLessThanOrEqual(0.1 * s.vms.total);
      expect(s.vms.unresponsive, `seed ${seed}`).toBeLessThan(0.1 * s.vms.total);
      for (const e of r.events.filter((x) => x.code === 'host-overcommitted'))
        expect(e.cause, `seed ${seed}: ${e.what}`).toBeGreaterThanOrEqual(0);
    },
  );

  it('"several VMs rebooted" over seeds 1-10: VMs reboot on at least three seeds, not one freak seed', () => {
    const rebooted = SEEDS.map((seed) => leanRun(scenarioWith({ seed }, PRESET)).summary.vms.rebooted);
    expect(rebooted.some((n) => n > 0)).toBe(true);
    expect(rebooted.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  // with the control plane on, the orchestrator's placements overcommit hosts no booking did
  it.each([2, 3])('control plane on, seed %i: the overcommits it causes each name their cause', (seed) => {
    const r = leanRun(scenarioWith({ seed, controlPlane: { enabled: true } }, PRESET));
    const over = r.events.filter((x) => x.code === 'host-overcommitted');
    expect(over.length).toBeGreaterThan(0);
    for (const e of over) expect(e.cause, `control plane, seed ${seed}: ${e.what}`).toBeGreaterThanOrEqual(0);
  });

  it('an OOM loop is one VM: reboots (the series) can exceed VMs rebooted (the summary), never the reverse', () => {
    const r = fullRun(scenarioWith({}, PRESET));
    const reboots = r.series.vmsRebooted[r.steps - 1];
    expect(r.summary.vms.rebooted).toBeGreaterThan(0);
    expect(reboots).toBeGreaterThanOrEqual(r.summary.vms.rebooted);
    expect(r.summary.verdict).toMatch(/^\d+ VMs? rebooted/);
  });
});

// The preset's own runs of seeds 1-10 are shared by the tests above and below (runs.ts); a variant that
// changes one mechanism (no busy VMs, no watchdog) is compared with them on seeds 1-3: the claim is about
// a mechanism on each world, and three worlds show it as well as ten (the bounds over ten are the preset's)
describe('2017: which VMs stall on a swapping host, and the guest watchdog (seeds 1-10, variants 1-3)', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const few = seeds.slice(0, 3);
  const over = (extra: Record<string, unknown>, which = seeds) =>
    which.map((seed) => summaryOf(scenarioWith({ seed, ...extra }, PRESET)));

  it('stalls the VMs whose working set the swap-out reaches, not every VM in slot order, nor none', MANY_RUNS, () => {
    // before: every VM in slot order until the overcommit was covered (an upper bound): mean 134,
    // 91 to 165; cold pages first with one LRU over all guests: 0 on every seed
    const runs = over({});
    const unr = runs.map((s) => s.vms.unresponsive);
    for (const [i, n] of unr.entries()) {
      expect(n, `seed ${seeds[i]}`).toBeGreaterThan(0);
      expect(n, `seed ${seeds[i]}`).toBeLessThan(0.08 * runs[i].vms.total);
    }
    expect(unr.reduce((a, b) => a + b, 0) / unr.length).toBeLessThanOrEqual(100);
    // the busy VMs (a buffer pool or cache sized to their RAM) stall first: without them few do (seeds 1-3)
    const idle = over({ migration: { busyPercent: 0 } }, few).map((s) => s.vms.unresponsive);
    const busy = unr.slice(0, few.length);
    expect(idle.reduce((a, b) => a + b, 0)).toBeLessThan(0.3 * busy.reduce((a, b) => a + b, 0));
  });

  it(
    "resets a guest stalled past its watchdog timeout (fc.qemu's i6300esb in 2017); without it only the OOM killer reboots",
    MANY_RUNS,
    () => {
      // every seed's stalls are reset (seeds 1-10); the watchdog's part, against the same worlds without it (1-3)
      const on = over({}),
        off = over({ migration: { guestWatchdog: false } }, few);
      for (const [i, s] of on.entries()) {
        // the stalls last as long as the host stays over: nearly every stalled VM is reset
        expect(s.vms.rebooted, `seed ${seeds[i]}`).toBeGreaterThanOrEqual(0.8 * s.vms.unresponsive);
        if (i >= off.length) continue;
        expect(s.vms.rebooted, `seed ${seeds[i]}`).toBeGreaterThan(off[i].vms.rebooted);
        expect(off[i].vms.unresponsive, `seed ${seeds[i]}`).toBe(s.vms.unresponsive);
        expect(off[i].vms.rebooted, `seed ${seeds[i]}`).toBeLessThanOrEqual(20); // OOM kills alone: "several"
      }
    },
  );
});

describe('2017 under varied assumptions (8 worlds, seed 1)', () => {
  it(
    '"several to tens" of VMs down: the busy VMs a swapping host stalls, and no host panics because of the maintenance',
    MANY_RUNS,
    () => {
      // before (issue 10): VMs down mean 245, p95 1,157 of 1,872, one world panicked a host
      const base = loadPreset(PRESET)!;
      const plan = planEnsemble(base, { members: 8, varyAssumptions: true }, assumptionRanges());
      const share: number[] = [];
      for (const m of plan.members) {
        const s = memberScenario(base, m);
        const r = summaryOf(s);
        const down = r.vms.crashed + r.vms.threadExhaustionCrashes + r.vms.rebooted;
        share.push(down / r.vms.total);
        if (r.hypervisors.panicked > 0) {
          // a panic must come from a chain that runs without the maintenance window too (telemetry)
          expect(summaryOf({ ...s, events: [] }).hypervisors.panicked, `member ${m.index}`).toBeGreaterThan(0);
          continue;
        }
        // the watchdog resets the stalled VMs: the busy ones (their working set is their RAM) and a few
        // whose application fills theirs; the OOM killer a few more. Not every VM of a swapping host.
        // A fault's CPU stalls a guest's watchdog daemon too (memory.faultCpuMicros, issue 24): at the
        // top of its range a quarter more (member 3: 232 VMs, 194 busy, 332 µs a fault)
        const busy = (s.migration.busyPercent / 100) * r.vms.total;
        expect(down, `member ${m.index}: busy VMs ${busy.toFixed(0)}`).toBeLessThanOrEqual(1.25 * busy + 30);
      }
      // at most the busy share's plausible range (1 to 15% around the preset's 5%)
      const p95 = [...share].sort((a, b) => a - b)[Math.ceil(0.95 * share.length) - 1];
      expect(p95).toBeLessThanOrEqual(0.15);
      expect(Math.max(...share)).toBeGreaterThan(0);
    },
  );
});
