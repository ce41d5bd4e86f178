// Ensembles: the Latin hypercube plan, the property table as assumptions, odds at the extremes.
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  memberScenario,
  planEnsemble,
  runEnsembleMembers,
  spearman,
  summarizeEnsemble,
  isFactor,
  toUnit,
  type AssumptionRange,
} from '../../../src/core/index.ts';
import { loadPreset, parseScenario, type ValidScenario } from '../../../src/scenario/index.ts';

/** the workshop outage on 3 hosts for 3 h: panics in every world */
function small(over: Record<string, unknown> = {}): ValidScenario {
  const base = loadPreset('workshop-outage')!;
  return parseScenario({ ...base, durationMinutes: 180, fleet: { ...base.fleet, hypervisors: 3, zones: 1 }, ...over })
    .scenario;
}

const rows: AssumptionRange[] = [
  { path: 'hypervisor.diskReadMBps', lo: 1000, hi: 4000, default: 2000, int: false, min: 1, max: 100000 },
  { path: 'telemetry.eventBytes', lo: 256, hi: 1024, default: 512, int: true, min: 16, max: 65536 },
];

describe('ensemble plan', () => {
  it('is the run itself, then a Latin hypercube: every stratum of every range used once, draws inside the range', () => {
    const s = small();
    const n = 17;
    const plan = planEnsemble(s, { members: n, varyAssumptions: true }, rows);
    expect(plan.members.map((m) => m.seed)).toEqual(Array.from({ length: n }, (_, i) => s.seed + i));
    // world 1 is the run the ensemble qualifies: its seed, every typical constant at the scenario's value
    expect(memberScenario(s, plan.members[0])).toEqual(s);
    const lhs = plan.members.slice(1);
    const k = n - 1;
    plan.assumptions.forEach((a, j) => {
      // both rows are a factor of 2 either way of the typical value: strata in log(value)
      const r = { ...a, int: rows[j].int, log: true };
      expect(isFactor(rows[j])).toBe(true);
      const strata = lhs.map((m) => Math.floor(toUnit(r, m.draws[j].value) * k));
      // a real-valued row uses each of the k strata exactly once (an int row's floor may merge two)
      const distinct = new Set(strata.map((x) => Math.min(k - 1, x))).size;
      if (j === 0) expect(distinct).toBe(k);
      else expect(distinct).toBeGreaterThanOrEqual(k - 2);
      for (const m of plan.members) {
        expect(m.draws[j].value).toBeGreaterThanOrEqual(a.lo);
        expect(m.draws[j].value).toBeLessThanOrEqual(a.hi);
      }
    });
    expect(plan.members.every((m) => Number.isInteger(m.draws[1].value))).toBe(true);
    expect(planEnsemble(s, { members: n, varyAssumptions: true }, rows)).toEqual(plan); // deterministic
  });

  it('draws a range written as a factor uniform in log(value): half the worlds below the typical value', () => {
    const factor: AssumptionRange[] = [
      { path: 'hypervisor.diskReadMBps', lo: 20, hi: 2000, default: 200, int: false, min: 1, max: 1e6 },
      { path: 'messaging.normalLoadPercent', lo: 20, hi: 80, default: 50, int: false, min: 0, max: 100 },
    ];
    const base = small();
    const s = {
      ...base,
      hypervisor: { ...base.hypervisor, diskReadMBps: 200 },
      messaging: { ...base.messaging, normalLoadPercent: 50 },
    };
    // world 1 the run (the typical values), then a Latin hypercube of 64
    const plan = planEnsemble(s, { members: 65, varyAssumptions: true }, factor);
    expect(plan.members[0].draws.map((d) => d.value)).toEqual([200, 50]);
    const read = plan.members.slice(1).map((m) => m.draws[0].value);
    const load = plan.members.slice(1).map((m) => m.draws[1].value);
    // a Latin hypercube of 64 in log(value): 32 below the geometric centre 200 MB/s, 16 below 63.2 (a
    // quarter: 20 x 100^0.25); uniform in value, 3 would have been below 200 and 1 below 63.2
    expect(read.filter((v) => v < 200)).toHaveLength(32);
    expect(read.filter((v) => v < 20 * 100 ** 0.25)).toHaveLength(16);
    // a share centred on its typical value stays uniform: 32 below 50%, 16 below 35%
    expect(load.filter((v) => v < 50)).toHaveLength(32);
    expect(load.filter((v) => v < 35)).toHaveLength(16);
  });

  it('calls a row a factor only when it spans more than 2x and the typical value sits at its geometric centre', () => {
    const row = (lo: number, def: number, hi: number) => ({ lo, hi, default: def });
    expect(isFactor(row(20, 100, 2000))).toBe(true); // nearer sqrt(20 x 2000) = 200 than 1,010
    expect(isFactor(row(4, 4, 128))).toBe(true); // at the bottom of both: a factor of 32 is a scale
    expect(isFactor(row(20, 50, 80))).toBe(false); // the arithmetic centre
    expect(isFactor(row(1, 1, 2))).toBe(false); // within a factor of 2
    expect(isFactor(row(0, 80, 100))).toBe(false); // a range from 0 has no log
    expect(isFactor(row(90000, 500000, 1000000))).toBe(false); // nearer 545,000 than 300,000
    // the table: most rows are factors, and the typical values sit near the middle of their priors
    // (the median row 0.05 from it; drawn uniform in value, 0.2: the prior's worlds mostly harsher)
    const table = assumptionRanges().filter((r) => r.hi > r.lo);
    expect(table.filter(isFactor).length).toBeGreaterThan(table.length / 2);
    const offMiddle = (log: (r: AssumptionRange) => boolean) => {
      const off = table.map((r) => Math.abs(toUnit({ ...r, int: false, log: log(r) }, r.default) - 0.5));
      return off.sort((a, b) => a - b)[Math.floor(off.length / 2)];
    };
    expect(offMiddle(isFactor)).toBeLessThan(0.1);
    expect(offMiddle(() => false)).toBeGreaterThan(0.15);
  });

  it('gives each value of an integer row an equal share of the worlds, the top one included', () => {
    const ints: AssumptionRange[] = [{ path: 'fleet.zones', lo: 1, hi: 2, default: 1, int: true, min: 1, max: 64 }];
    const plan = planEnsemble(small(), { members: 16, varyAssumptions: true }, ints);
    const values = plan.members.map((m) => m.draws[0].value);
    // a Latin hypercube of 16 points over two values: 8 each (flooring [1, 2) drew 1 in all 16)
    expect(values.filter((v) => v === 1)).toHaveLength(8);
    expect(values.filter((v) => v === 2)).toHaveLength(8);
  });

  it('never draws what the user fixed, and scales a range to a preset value off the default', () => {
    const s = small();
    const withFixed = planEnsemble(s, { members: 4, varyAssumptions: true, fixed: ['telemetry.eventBytes'] }, rows);
    expect(withFixed.assumptions.map((a) => a.path)).toEqual(['hypervisor.diskReadMBps']);
    const moved = { ...s, hypervisor: { ...s.hypervisor, diskReadMBps: 4000 } };
    const scaled = planEnsemble(moved, { members: 4, varyAssumptions: false }, rows);
    expect(scaled.assumptions).toEqual([]); // nothing drawn without varyAssumptions
    const drawn = planEnsemble(moved, { members: 4, varyAssumptions: true }, rows);
    expect(drawn.assumptions[0]).toMatchObject({ lo: 2000, hi: 8000 }); // 2x the default: 2x the range
  });

  it("keeps a preset's value on a row whose default is 0 (no relative spread to scale)", () => {
    // the 2017 preset runs 4 L VMs per host; the table's default is 0 with a range of 0 to 1
    const s = loadPreset('flyingcircus-2017-08-02')!;
    expect(s.fleet.vmMix.L).toBe(4);
    const all = assumptionRanges();
    const row = all.find((r) => r.path === 'fleet.vmMix.L')!;
    expect(row).toMatchObject({ default: 0 });
    const plan = planEnsemble(s, { members: 8, varyAssumptions: true }, all);
    expect(plan.assumptions.map((a) => a.path)).not.toContain('fleet.vmMix.L');
    expect(plan.assumptions.map((a) => a.path)).toContain('fleet.vmMix.XS'); // 20 against 10: scaled
    // a scenario still at the default 0 varies it as before
    const zero = { ...s, fleet: { ...s.fleet, vmMix: { ...s.fleet.vmMix, L: 0 } } };
    expect(planEnsemble(zero, { members: 8, varyAssumptions: true }, all).assumptions.map((a) => a.path)).toContain(
      'fleet.vmMix.L',
    );
  });
});

describe('the property table as assumptions', () => {
  it('draws every typical row of the models the scenario runs, none of the idle ones', () => {
    const all = assumptionRanges();
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) expect(r.lo).toBeLessThanOrEqual(r.default);
    const plan = planEnsemble(small(), { members: 8, varyAssumptions: true }, all);
    const paths = plan.assumptions.map((a) => a.path);
    expect(paths.some((p) => p.startsWith('controlPlane.'))).toBe(false); // the control plane is off here
    expect(paths.some((p) => p.startsWith('migration.'))).toBe(false); // no maintenance window
    expect(paths).toContain('vmSizes.pico.appRssMiB');
    const replay = loadPreset('clevercloud-2024-08-02')!;
    const p2 = planEnsemble(replay, { members: 8, varyAssumptions: true }, all).assumptions.map((a) => a.path);
    expect(p2.some((p) => p.startsWith('controlPlane.'))).toBe(true);
  });
});

describe('ensemble odds', () => {
  it('is 0 for a scenario that cannot panic and 1 for one that always does', () => {
    const calm = small({ events: [] });
    const a = runEnsembleMembers(calm, { members: 4, varyAssumptions: false }, rows).map((l) => l.a);
    const plan = planEnsemble(calm, { members: 4, varyAssumptions: false }, rows);
    expect(summarizeEnsemble(plan, a, false).anyPanicProbability).toBe(0);
    expect(summarizeEnsemble(plan, a, false).firstPanicMinute).toBeNull();
    const storm = small();
    const b = runEnsembleMembers(storm, { members: 4, varyAssumptions: false }, rows).map((l) => l.a);
    const e = summarizeEnsemble(planEnsemble(storm, { members: 4, varyAssumptions: false }, rows), b, false);
    expect(e.anyPanicProbability).toBe(1);
    expect(e.panicked.p05).toBeGreaterThan(0);
    expect(e.firstPanicMinute!.p05).toBeLessThanOrEqual(e.firstPanicMinute!.p95);
  });
});

describe('spearman', () => {
  it('is 1 for a monotonic relation, -1 reversed, 0 for a constant', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 100])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});
