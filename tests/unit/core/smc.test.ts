// The sequential calibration's pieces (core/ensemble/smc.ts), on synthetic figures: a world's
// figures are a fixed function of its draws (no model run), so the waves run in milliseconds.
// The kernel keeps every draw inside the prior box, the resampling is systematic, the tolerance
// falls to 0, the waves are a function of the lines (any order, any split), and a line that is
// not the world its wave proposed is refused.
import { describe, expect, it } from 'vitest';
import {
  assumptionRanges,
  lineageSize,
  populationSize,
  calibrationBase,
  distance,
  distinctWorlds,
  fromUnit,
  kernelSd,
  nextKernelScale,
  nextTolerance,
  priorRanges,
  propose,
  quantile,
  reflect,
  replay,
  resample,
  resampleWorlds,
  toUnit,
  MISSING_PENALTY,
  ACCEPT_TARGET,
  MAX_KERNEL_SCALE,
  MIN_KERNEL_SCALE,
  MIN_KERNEL_SD,
  MIN_INT_KERNEL_STEPS,
  type Figures,
  type Particle,
  type SmcSpec,
  type WorldLine,
} from '../../../src/core/index.ts';
import { incidentOf } from '../../../src/scenario/index.ts';
import { Rng } from '../../../src/core/rng.ts';

const P = 'clevercloud-2024-08-02';
const rows = assumptionRanges();
const base = calibrationBase(P, 1)!;
const ranges = priorRanges(base, [], rows);
const incident = incidentOf(P)!;

/** synthetic figures: each observation's figure moved by one or two constants (in [0, 1] coordinates) */
function figures(draws: readonly number[]): Figures {
  const u = draws.map((x, k) => toUnit(ranges[k], x));
  return {
    firstPanicMinute: 100 + 120 * u[3] + 40 * u[10],
    hostsPanicked: Math.round(40 * u[5] * u[7]),
    messagingBackMinute: u[20] < 0.4 ? null : 150 + 40 * u[21],
    hostsNominalMinute: u[40] < 0.3 ? null : 300 + 400 * u[41],
    deploymentsDayRatio: 1 + 4 * u[30],
    crashHosts: 0,
    qemuCrashes: 0,
    firstCrashMinute: null,
    lastCrashMinute: null,
    vmsRebootedOrUnresponsive: 0,
    hostsMaintainedShare: null,
  };
}

/**
 * Runs the waves to the end on the synthetic figures; `order` shuffles each wave's lines; `stop`:
 * a world outside its wave's tolerance is recorded as stopped early (its figures those of minute 0).
 */
function calibrate(spec: SmcSpec, order: (ls: WorldLine[]) => WorldLine[] = (ls) => ls, stop = false) {
  let lines: WorldLine[] = [];
  for (;;) {
    const st = replay(spec, base, rows, lines);
    if ('error' in st) throw new Error(st.error);
    if (!st.next) return { st, lines };
    const wave = st.next.members.map((m) => {
      const draws = m.draws.map((d) => d.value);
      const f = figures(draws);
      const tol = st.next!.tolerance;
      const early = stop && tol !== null && distance(incident, f) > tol;
      const line = { wave: st.next!.wave, index: m.index, seed: m.seed, draws, figures: f, stopped: null };
      return early ? { ...line, figures: figures(draws.map(() => 0)), stopped: 0 } : line;
    });
    lines = [...lines, ...order(wave)];
  }
}

const SPEC: SmcSpec = { scenario: P, seed: 1, worlds: 96, waves: 30, want: 24 };

describe('the distance to an incident', () => {
  const inside = figures(ranges.map((r) => fromUnit(r, 0.5)));
  it('is 0 inside every interval, the gap over the width outside, a penalty when a figure did not happen', () => {
    const fit = { ...inside, firstPanicMinute: 160, hostsPanicked: 5, deploymentsDayRatio: 3 };
    expect(distance(incident, fit)).toBe(0);
    const first = incident.observations.find((o) => o.id === 'first-panic')!;
    // 20 minutes early on an interval 39 minutes wide
    expect(distance(incident, { ...fit, firstPanicMinute: first.lo! - 20 })).toBeCloseTo(
      20 / (first.hi! - first.lo!),
      5,
    );
    expect(distance(incident, { ...fit, messagingBackMinute: null })).toBe(MISSING_PENALTY);
    expect(distance(incident, { ...fit, messagingBackMinute: null, hostsPanicked: 18 })).toBe(MISSING_PENALTY + 1);
  });
});

describe('the kernel and the resampling', () => {
  // a world with every constant at the same place u of its range
  const at = (u: number) => ranges.map((r) => fromUnit(r, u));
  const p = (u: number): Particle => ({
    line: { wave: 0, index: 0, seed: 1, draws: at(u), figures: figures(at(u)), stopped: null },
    distance: 0,
    weight: 0.5,
  });
  it('reflects into [0, 1] and maps back to values inside every range, integers whole', () => {
    for (const u of [-0.3, -1.7, 0, 0.5, 1, 1.2, 2.9, 7.25]) {
      const x = reflect(u);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(reflect(-0.25)).toBe(0.25);
    expect(reflect(1.25)).toBe(0.75);
    for (const r of ranges)
      for (const u of [0, 0.999999, 1]) {
        const v = fromUnit(r, u);
        expect(v).toBeGreaterThanOrEqual(r.lo);
        expect(v).toBeLessThanOrEqual(r.hi);
        if (r.int) expect(Number.isInteger(v)).toBe(true);
      }
  });

  it('moves every constant of every world and keeps it inside the prior box, even with a wide kernel', () => {
    const parent = ranges.map((r) => fromUnit(r, 0.97));
    const pop: Particle[] = [
      {
        line: { wave: 0, index: 0, seed: 1, draws: parent, figures: figures(parent), stopped: null },
        distance: 0,
        weight: 1,
      },
    ];
    const moved = propose(
      SPEC,
      1,
      resample(pop, 64),
      ranges,
      ranges.map(() => 0.5),
    );
    expect(moved).toHaveLength(64);
    for (const m of moved)
      m.draws.forEach((d, k) => {
        expect(d.path).toBe(ranges[k].path);
        expect(d.value).toBeGreaterThanOrEqual(ranges[k].lo);
        expect(d.value).toBeLessThanOrEqual(ranges[k].hi);
        if (ranges[k].int) expect(Number.isInteger(d.value)).toBe(true);
      });
    // continuous constants really move (a wide kernel from one parent)
    const k = ranges.findIndex((r) => !r.int);
    expect(new Set(moved.map((m) => m.draws[k].value)).size).toBe(64);
  });

  it("the kernel's spread is the population's, never below its floor", () => {
    const k = ranges.findIndex((r) => !r.int);
    expect(kernelSd([p(0.2), p(0.8)], ranges)[k]).toBeCloseTo(0.3, 9);
    expect(kernelSd([p(0.5), p(0.5)], ranges)[k]).toBeGreaterThan(0);
    // an integer row that every world agrees on still moves to a neighbour now and then
    const i = ranges.findIndex((r) => r.int);
    const r = ranges[i];
    const sd = kernelSd([p(0.5), p(0.5)], ranges, MIN_KERNEL_SCALE)[i];
    expect(sd).toBeCloseTo(Math.max(MIN_KERNEL_SD, MIN_INT_KERNEL_STEPS / (r.hi - r.lo + 1)), 12);
    const rng = new Rng(7);
    const from = fromUnit(r, 0.5);
    let moved = 0;
    for (let n = 0; n < 2000; n++) if (fromUnit(r, reflect(toUnit(r, from) + sd * rng.normal())) !== from) moved++;
    expect(moved / 2000).toBeGreaterThan(0.1);
  });

  it('the kernel narrows after a wave that kept few of its moves and widens after one that kept most, within bounds', () => {
    expect(ACCEPT_TARGET).toBe(0.15);
    expect(nextKernelScale(1, 0, 100)).toBe(0.5); // none kept: halved
    expect(nextKernelScale(1, 15, 100)).toBe(1); // the target kept: the same
    expect(nextKernelScale(1, 30, 100)).toBe(2); // twice the target or more: doubled
    expect(nextKernelScale(1, 80, 100)).toBe(2);
    expect(nextKernelScale(1, 20, 100)).toBeCloseTo(2 ** (1 / 3), 5); // in between: part of a doubling
    expect(nextKernelScale(1, 10, 100)).toBeCloseTo(2 ** (-1 / 3), 5);
    expect(nextKernelScale(MIN_KERNEL_SCALE, 0, 96)).toBe(MIN_KERNEL_SCALE);
    expect(nextKernelScale(MAX_KERNEL_SCALE, 96, 96)).toBe(MAX_KERNEL_SCALE);
    const k = ranges.findIndex((r) => !r.int);
    expect(kernelSd([p(0.2), p(0.8)], ranges, 0.5)[k]).toBeCloseTo(0.15, 9);
  });

  it('resamples systematically: every world in turn, each about n / worlds times', () => {
    const pop = [0, 1, 2].map((i): Particle => ({
      line: { wave: 0, index: i, seed: i, draws: [], figures: figures([]), stopped: null },
      distance: 0,
      weight: 1 / 3,
    }));
    expect(resample(pop, 7).map((p) => p.line.index)).toEqual(
      [0, 0, 0, 1, 2, 2, 2].map((_, i) => Math.floor(((i + 0.5) / 7) * 3)),
    );
    expect(resampleWorlds([0.4, 0.3, 0.1, 0.1, 0.1], 3)).toEqual([0, 1, 3]);
    // never more members than worlds; a heavy world stands for several
    expect(resampleWorlds([0.1, 0.9], 8)).toEqual([1, 1]);
    expect(resampleWorlds([1 / 3, 1 / 3, 1 / 3], 8)).toEqual([0, 1, 2]);
  });

  it('the tolerance falls to the median, never rises, and reaches 0 only once half the population fits', () => {
    const pop = (ds: number[]): Particle[] =>
      ds.map((distance, i) => ({
        line: { wave: 0, index: i, seed: i, draws: [], figures: figures([]), stopped: null },
        distance,
        weight: 1 / ds.length,
      }));
    expect(nextTolerance(pop([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]), Infinity)).toBe(0.5);
    // 4 of 10 fit: not yet 0
    expect(nextTolerance(pop([0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8, 0.9, 1]), 2)).toBe(0.5);
    expect(nextTolerance(pop([0, 0, 0, 0, 0, 0.6, 0.7, 0.8, 0.9, 1]), 2)).toBe(0);
    // an atom at the current tolerance: the next distance below it, never above the current
    expect(nextTolerance(pop([0.2, 0.4, 1, 1, 1, 1, 1, 1, 1, 1]), 1)).toBe(0.4);
    expect(nextTolerance(pop([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 1)).toBe(1);
  });

  it('the calibrated worlds are the distinct worlds that fit, each weighted by its copies', () => {
    const line = (i: number): WorldLine => ({
      wave: 1,
      index: i,
      seed: i,
      draws: [],
      figures: figures([]),
      stopped: null,
    });
    const [a, b, c] = [line(2), line(0), line(1)];
    const part = (l: WorldLine, distance = 0, root = 0): Particle => ({ line: l, distance, weight: 0.25, root });
    const w = distinctWorlds([part(a, 0, 5), part(a, 0, 5), part(b, 0, 5), part(c, 0.5), part(c, 0)]);
    expect(w.map((p) => [p.line.index, p.weight, p.root])).toEqual([
      [0, 1 / 4, 5],
      [1, 1 / 4, 0],
      [2, 2 / 4, 5],
    ]);
    // two lineages of weights 3/4 and 1/4: Kish 1 / (9/16 + 1/16)
    expect(lineageSize(w)).toBeCloseTo(1.6, 9);
    expect(populationSize([part(a), part(a), part(b), part(c)])).toBeCloseTo(16 / 6, 5);
  });

  it('the lower quantile is an element', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(quantile([5], 0.3)).toBe(5);
  });
});

describe('the waves', () => {
  const { st, lines } = calibrate(SPEC);

  it('shrink the tolerance to 0 and stop with the effective worlds wanted, each inside every observation', () => {
    const tol = st.waves.map((w) => w.tolerance);
    expect(st.waves.length).toBeGreaterThan(1);
    for (let t = 2; t < tol.length; t++) expect(tol[t]).toBeLessThanOrEqual(tol[t - 1]);
    expect(tol.at(-1)).toBe(0);
    expect(st.population.length).toBeGreaterThanOrEqual(SPEC.want);
    expect(1 / st.population.reduce((a, p) => a + p.weight ** 2, 0)).toBeGreaterThanOrEqual(SPEC.want);
    expect(st.waves.at(-1)!.effective).toBeGreaterThanOrEqual(SPEC.want);
    for (const p of st.population) expect(distance(incident, p.line.figures)).toBe(0);
    expect(st.population.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
    // wave 0 alone (the prior) held fewer than wanted: the waves found the rest
    expect(lines.filter((l) => l.wave === 0 && distance(incident, l.figures) === 0).length).toBeLessThan(SPEC.want);
  });

  it('are a function of the lines: the same in any order, and every wave proposes new seeds', () => {
    const again = calibrate(SPEC, (ls) => [...ls].reverse());
    expect(JSON.stringify(again.st)).toBe(JSON.stringify(st));
    const seeds = new Set(lines.map((l) => l.seed));
    expect(seeds.size).toBe(lines.length);
  });

  it('stopping the runs that cannot end within their tolerance changes nothing but the cost', () => {
    const early = calibrate(SPEC, (ls) => ls, true);
    const stopped = early.st.waves.reduce((a, w) => a + w.stopped, 0);
    expect(stopped).toBeGreaterThan(SPEC.worlds / 2);
    const same = (x: typeof st) => JSON.stringify({ ...x, waves: x.waves.map((w) => ({ ...w, stopped: 0 })) });
    expect(same(early.st)).toBe(same(st));
    expect(replay(SPEC, base, rows, [{ ...lines[0], stopped: 3 }, ...lines.slice(1)])).toEqual({
      error: 'wave 0 runs every world to its end',
    });
  });

  it('a wave that ran half, or a world that is not the one proposed, is refused', () => {
    const w1 = lines.filter((l) => l.wave === 1);
    const w0 = lines.filter((l) => l.wave === 0);
    expect(replay(SPEC, base, rows, [...w0, ...w1.slice(1)])).toEqual({
      error: `1 of ${w1.length} worlds of wave 1 missing (first: 0)`,
    });
    const edited = { ...w1[3], draws: w1[3].draws.map((x, k) => (k === 0 ? x * 1.0001 : x)) };
    const r = replay(SPEC, base, rows, [...w0, ...w1.slice(0, 3), edited, ...w1.slice(4)]);
    expect(r).toEqual({ error: 'wave 1: world 3 is not the world the waves before propose (seed or draws differ)' });
    expect(replay(SPEC, base, rows, [...w0, ...lines.filter((l) => l.wave === 2)])).toEqual({
      error: 'wave 1 has no lines but wave 2 has',
    });
  });

  it('one wave when the prior already holds the worlds wanted (rejection, as before)', () => {
    const rejection = calibrate({ ...SPEC, worlds: 1024, waves: 1 });
    const zeros = rejection.st.population.length;
    expect(zeros).toBeGreaterThan(0);
    expect(rejection.st.waves).toEqual([
      { wave: 0, proposed: 1024, accepted: zeros, tolerance: 0, stopped: 0, effective: zeros },
    ]);
    for (const p of rejection.st.population) expect(p.weight).toBe(1 / zeros);
    const enough = calibrate({ ...SPEC, worlds: 1024, want: zeros });
    expect(JSON.stringify(enough.st)).toBe(JSON.stringify(rejection.st));
    expect(distinctWorlds(rejection.st.population)).toHaveLength(zeros);
  });
});
