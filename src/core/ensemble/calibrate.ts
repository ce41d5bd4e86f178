// A calibration (issue 25, `sim calibrate`): approximate Bayesian computation, as climate and
// epidemiology models are history-matched, in waves (smc.ts: ABC-SMC). Wave 0 draws `worlds`
// worlds from the prior (the preset's typical rows over their plausible ranges, by the ensemble's
// own Latin hypercube, and the seed); each later wave moves the previous wave's best worlds; every
// world runs in summary mode and is measured by the figures the incident's observations read. The
// calibrated worlds are the last wave's worlds at tolerance 0: inside every measured observation.
// The result says how many were tried and accepted, each wave's counts and tolerance, how each
// observation fits, per constant the prior range against the accepted range (what the incident
// pins down and what it leaves free), and the accepted worlds themselves (seed, draws by path,
// weight, figures): the calibrated data of src/scenario/calibrated/.
//
// Like the ensemble's member runner: a driver runs a wave's `jobs` (in this thread or in worker
// threads), hands each world's figures to `record`, and `calibrationResult` replays the waves from
// the lines in (wave, world) order, so a wave split in shards (every Nth world) merges to the same
// result byte for byte, and the next wave is a function of the merged lines only.

import { fits, incidentOf } from '../../scenario/index.ts';
import { calibrationBase, priorHash } from './calibrated.ts';
import { priorRanges, type AssumptionRange, type Member } from './design.ts';
import { figureOf, type Figures } from './observe.ts';
import { memberScenario } from './plan.ts';
import { effectiveSize, lineageSize, round6, type SmcSpec, type WaveInfo, type WorldLine } from './smc.ts';
import { replay } from './smc-waves.ts';
import { spread, type Spread } from './stats.ts';
import type { Scenario, ValidScenario } from '../../scenario/index.ts';

export type { WorldLine, WaveInfo } from './smc.ts';

export const CALIBRATION_SCHEMA = 3;
/** waves at most, when not given (1: rejection from the prior) */
export const DEFAULT_WAVES = 1;
/** the effective worlds wanted at tolerance 0, when not given: half the worlds of a wave */
export const defaultWant = (worlds: number) => Math.max(1, Math.ceil(worlds / 2));

/** What identifies a calibration: every shard line carries it, merge checks they agree. */
export interface CalibrationHeader extends SmcSpec {
  priorHash: string;
  /** the prior: each drawn row's range, in the order of a line's draws */
  assumptions: { path: string; lo: number; hi: number }[];
}

export interface ObservationFit {
  id: string;
  what: string;
  unit: string;
  target: number;
  lo: number | null;
  hi: number | null;
  measured: boolean;
  seed: string;
  quote: string;
  /** worlds whose figure lands inside (of those run to their end, every wave) */
  inside: number;
  /** worlds where the figure did not happen at all (no panic, messaging never back ...) */
  missing: number;
  /** the figure over every world tried where it happened, and over the accepted worlds */
  tried: Spread | null;
  accepted: Spread | null;
}

/** A calibrated world: it ran, and its figures fit every measured observation. */
export interface CalibratedWorld {
  wave: number;
  index: number;
  seed: number;
  /** normalized importance weight (the accepted worlds' weights sum to 1) */
  weight: number;
  draws: Record<string, number>;
  figures: Figures;
}

export interface Calibration {
  scenario: string;
  incident: string;
  seed: number;
  priorHash: string;
  /** worlds run, every wave */
  tried: number;
  /** calibrated worlds: the last wave's at tolerance 0 */
  accepted: number;
  acceptanceRate: number;
  /** per wave: worlds proposed, kept, and the tolerance (0: inside every observation) */
  waves: WaveInfo[];
  /** the next wave to run (a calibration run wave by wave, before its last wave), else null */
  next: { wave: number; tolerance: number | null } | null;
  /** Kish's effective number of the accepted worlds' weights (a world's weight: its copies in the last population) */
  effectiveWorlds: number;
  /** the heaviest accepted world's weight */
  heaviestWeight: number;
  /** Kish's effective number of the wave-0 worlds the accepted worlds descend from (their weights summed by ancestor) */
  lineages: number;
  observations: ObservationFit[];
  /** per drawn constant: the prior range and the range of the accepted worlds (null: none accepted) */
  constants: { path: string; prior: [number, number]; posterior: [number, number] | null; share: number | null }[];
  /** the calibrated worlds, in (wave, index) order */
  worlds: CalibratedWorld[];
}

const sig = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(6)));

export interface RunnerOptions {
  waves?: number;
  /** wave 0's worlds, at least `worlds` (default `worlds`): the population goes on with the `worlds` nearest */
  first?: number;
  /** effective worlds wanted at tolerance 0 (default: half the worlds of a wave) */
  want?: number;
  shard?: { part: number; count: number };
  /** the lines of the waves run so far (this runner runs the next wave) */
  lines?: readonly WorldLine[];
}

export class CalibrationRunner {
  readonly header: CalibrationHeader;
  /** the wave this runner runs (null: the calibration is over) */
  readonly wave: number | null;
  /** that wave's tolerance (null for wave 0, which keeps every world): a run may stop once it cannot end within it */
  readonly tolerance: number | null;
  /** the worlds of that wave this process owns (every world, or a shard's) */
  readonly jobs: readonly Member[];
  readonly #base: Scenario;
  readonly #rows: readonly AssumptionRange[];
  readonly #before: readonly WorldLine[];
  readonly #lines = new Map<number, WorldLine>();

  /** Throws for a preset with no incident (the CLI says so before) and for lines that do not add up. */
  constructor(
    preset: string,
    seed: number,
    worlds: number,
    rows: readonly AssumptionRange[],
    options: RunnerOptions = {},
  ) {
    const base = calibrationBase(preset, seed);
    if (!base || !incidentOf(preset)) throw new Error(`${preset} replays no incident to calibrate against`);
    this.#base = base;
    this.#rows = rows;
    this.#before = options.lines ?? [];
    const ranges = priorRanges(base, [], rows);
    const first = options.first ?? worlds;
    if (!Number.isInteger(first) || first < worlds)
      throw new Error(`wave 0 must run at least the ${worlds} worlds a wave (got ${first})`);
    this.header = {
      scenario: preset,
      seed,
      worlds,
      // only when it differs: the lines and reports of a calibration without it stay as they were
      ...(first === worlds ? {} : { first }),
      waves: options.waves ?? DEFAULT_WAVES,
      want: options.want ?? defaultWant(worlds),
      priorHash: priorHash(base, rows),
      assumptions: ranges.map(({ path, lo, hi }) => ({ path, lo, hi })),
    };
    const state = replay(this.header, base, rows, this.#before);
    if ('error' in state) throw new Error(state.error);
    this.wave = state.next?.wave ?? null;
    this.tolerance = state.next?.tolerance ?? null;
    const shard = options.shard;
    this.jobs = (state.next?.members ?? []).filter((m) => !shard || m.index % shard.count === shard.part - 1);
  }

  /** The scenario a world runs: the preset with the world's seed and draws, through the one schema. */
  scenario(m: Member): ValidScenario {
    return memberScenario(this.#base, m);
  }

  record(m: Member, figures: Figures, stopped: number | null = null): WorldLine {
    const draws = m.draws.map((d) => d.value);
    const line = { wave: this.wave ?? 0, index: m.index, seed: m.seed, draws, figures, stopped };
    this.#lines.set(m.index, line);
    return line;
  }

  get complete(): boolean {
    return this.#lines.size === this.jobs.length;
  }

  /** This wave's lines, in world order. */
  lines(): WorldLine[] {
    return [...this.#lines.values()].sort((a, b) => a.index - b.index);
  }

  /** Every line so far: the waves before and this one. */
  allLines(): WorldLine[] {
    return [...this.#before, ...this.lines()];
  }

  /** A runner of the next wave (after this one completed). */
  nextRunner(shard?: { part: number; count: number }): CalibrationRunner {
    return CalibrationRunner.resume(this.header, this.#rows, this.allLines(), shard);
  }

  /**
   * The runner of the next wave of the calibration `h` after `lines` (the waves run so far: sim
   * calibrate --from, calibrate:data --resume, nextRunner). Must throw when they do not add up.
   */
  static resume(
    h: CalibrationHeader,
    rows: readonly AssumptionRange[],
    lines: readonly WorldLine[],
    shard?: { part: number; count: number },
  ): CalibrationRunner {
    return new CalibrationRunner(h.scenario, h.seed, h.worlds, rows, {
      ...(h.first === undefined ? {} : { first: h.first }),
      waves: h.waves,
      want: h.want,
      lines,
      ...(shard ? { shard } : {}),
    });
  }
}

/**
 * The calibration from every line of the waves run (any order), or a message when they do not add
 * up (a wave incomplete, a world that is not the one its wave proposed). `rows`: the typical rows.
 */
export function calibrationResult(
  h: CalibrationHeader,
  lines: readonly WorldLine[],
  rows: readonly AssumptionRange[],
): Calibration | { error: string } {
  const incident = incidentOf(h.scenario);
  const base = calibrationBase(h.scenario, h.seed);
  if (!incident || !base) return { error: `${h.scenario} replays no incident to calibrate against` };
  if (priorHash(base, rows) !== h.priorHash)
    return { error: `the lines were drawn from another prior (${h.priorHash}; today ${priorHash(base, rows)})` };
  const state = replay(h, base, rows, lines);
  if ('error' in state) return state;
  // the figures of a world stopped early are those of the part it ran: left out of the fits
  const sorted = lines.filter((l) => l.stopped === null).sort((a, b) => a.wave - b.wave || a.index - b.index);
  const accepted = state.next ? [] : state.population;
  const acceptedLines = accepted.map((p) => p.line);
  const observations = incident.observations.map((o): ObservationFit => {
    const values = (ls: readonly WorldLine[]) =>
      ls.map((l) => figureOf(l.figures, o.figure)).filter((x): x is number => x !== null);
    const all = values(sorted);
    return {
      id: o.id,
      what: o.what,
      unit: o.unit,
      target: o.target,
      lo: o.lo,
      hi: o.hi,
      measured: o.measured,
      seed: o.seed,
      quote: o.quote,
      inside: o.measured ? sorted.filter((l) => fits(o, figureOf(l.figures, o.figure))).length : 0,
      missing: o.measured ? sorted.length - all.length : sorted.length,
      tried: spread(all),
      accepted: spread(values(acceptedLines)),
    };
  });
  // the ranges in the order of the header's (the same prior: its hash agrees); a log range's share is in log(value)
  const ranges = priorRanges(base, [], rows);
  const constants = h.assumptions.map((a, j) => {
    let lo = Infinity,
      hi = -Infinity;
    for (const l of acceptedLines) {
      lo = Math.min(lo, l.draws[j]);
      hi = Math.max(hi, l.draws[j]);
    }
    const posterior: [number, number] | null = acceptedLines.length ? [sig(lo), sig(hi)] : null;
    const span = (from: number, to: number) => (ranges[j]?.log ? Math.log(to / from) : to - from);
    const width = span(a.lo, a.hi);
    return {
      path: a.path,
      prior: [sig(a.lo), sig(a.hi)] as [number, number],
      posterior,
      share: posterior && width > 0 ? Math.round((span(lo, hi) / width) * 1000) / 1000 : null,
    };
  });
  const worlds = accepted.map((p): CalibratedWorld => ({
    wave: p.line.wave,
    index: p.line.index,
    seed: p.line.seed,
    weight: p.weight,
    draws: Object.fromEntries(h.assumptions.map((a, j) => [a.path, p.line.draws[j]])),
    figures: p.line.figures,
  }));
  return {
    scenario: h.scenario,
    incident: incident.label,
    seed: h.seed,
    priorHash: h.priorHash,
    tried: lines.length,
    accepted: worlds.length,
    acceptanceRate: Math.round((worlds.length / Math.max(1, lines.length)) * 10000) / 10000,
    waves: state.waves,
    next: state.next && { wave: state.next.wave, tolerance: state.next.tolerance },
    effectiveWorlds: worlds.length ? effectiveSize(worlds.map((w) => w.weight)) : 0,
    heaviestWeight: worlds.length ? round6(Math.max(...worlds.map((w) => w.weight))) : 0,
    lineages: worlds.length ? lineageSize(accepted) : 0,
    observations,
    constants,
    worlds,
  };
}
