// A calibration (issue 25, `sim calibrate`): approximate Bayesian computation by rejection, as
// climate and epidemiology models are history-matched. Draw `worlds` worlds from the prior (the
// preset's typical rows over their plausible ranges, by the ensemble's own Latin hypercube, and
// the seed), run each in summary mode, measure the figures the incident's observations read, and
// accept a world when every measured observation lands inside its tolerance. The result says how
// many were tried and accepted, how each observation fits, and per constant the prior range
// against the accepted range (what the incident pins down and what it leaves free).
//
// Like the ensemble's member runner: a driver runs `jobs` (in this thread or in worker threads),
// hands each world's figures to `record`, and `calibrationResult` combines the lines in world
// order, so a run split in shards (every Nth world) merges to the same result byte for byte.

import { fits, incidentOf, type Incident } from '../../scenario/index.ts';
import { calibrationBase, priorHash } from './calibrated.ts';
import { planWorlds, type AssumptionRange, type EnsemblePlan, type Member } from './design.ts';
import { figureOf, type Figures } from './observe.ts';
import { memberScenario } from './plan.ts';
import { spread, type Spread } from './stats.ts';
import type { Scenario, ValidScenario } from '../../scenario/index.ts';

export const CALIBRATION_SCHEMA = 1;

/** What identifies a calibration: every shard line carries it, merge checks they agree. */
export interface CalibrationHeader {
  scenario: string;
  seed: number;
  /** worlds drawn from the prior (the plan's size) */
  worlds: number;
  priorHash: string;
  /** the prior: each drawn row's range, in the order of a line's draws */
  assumptions: { path: string; lo: number; hi: number }[];
}

/** One world tried: its seed, its draws (values, in the header's order) and its figures. */
export interface WorldLine {
  index: number;
  seed: number;
  draws: number[];
  figures: Figures;
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
  /** worlds whose figure lands inside (of tried) */
  inside: number;
  /** worlds where the figure did not happen at all (no panic, messaging never back ...) */
  missing: number;
  /** the figure over every world tried where it happened, and over the accepted worlds */
  tried: Spread | null;
  accepted: Spread | null;
}

export interface Calibration {
  scenario: string;
  incident: string;
  seed: number;
  priorHash: string;
  tried: number;
  accepted: number;
  acceptanceRate: number;
  observations: ObservationFit[];
  /** per drawn constant: the prior range and the range of the accepted worlds (null: none accepted) */
  constants: { path: string; prior: [number, number]; posterior: [number, number] | null; share: number | null }[];
  /** the accepted worlds' indices, ascending: the calibrated worlds (scenario/calibrated/) */
  acceptedWorlds: number[];
}

/** Whether a world fits every measured observation of the incident. */
export function accepts(incident: Incident, f: Figures): boolean {
  return incident.observations.every((o) => !o.measured || fits(o, figureOf(f, o.figure)));
}

const sig = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(6)));

export class CalibrationRunner {
  readonly header: CalibrationHeader;
  readonly plan: EnsemblePlan;
  /** the worlds this process owns (every world, or a shard's) */
  readonly jobs: readonly Member[];
  readonly #base: Scenario;
  readonly #lines = new Map<number, WorldLine>();

  /** Throws for a preset with no incident (the CLI says so before). */
  constructor(
    preset: string,
    seed: number,
    worlds: number,
    rows: readonly AssumptionRange[],
    shard?: { part: number; count: number },
  ) {
    const base = calibrationBase(preset, seed);
    if (!base || !incidentOf(preset)) throw new Error(`${preset} replays no incident to calibrate against`);
    this.#base = base;
    const mine = shard ? (i: number) => i % shard.count === shard.part - 1 : undefined;
    this.plan = planWorlds(base, worlds, { varyAssumptions: true }, rows, mine);
    this.jobs = this.plan.members;
    this.header = {
      scenario: preset,
      seed,
      worlds,
      priorHash: priorHash(base, rows),
      assumptions: this.plan.assumptions,
    };
  }

  /** The scenario a world runs: the preset with the world's seed and draws, through the one schema. */
  scenario(m: Member): ValidScenario {
    return memberScenario(this.#base, m);
  }

  record(m: Member, figures: Figures): WorldLine {
    const line = { index: m.index, seed: m.seed, draws: m.draws.map((d) => d.value), figures };
    this.#lines.set(m.index, line);
    return line;
  }

  get complete(): boolean {
    return this.#lines.size === this.jobs.length;
  }

  lines(): WorldLine[] {
    return [...this.#lines.values()].sort((a, b) => a.index - b.index);
  }
}

/** The calibration. Contract: `lines` holds every world of the header once (any order). */
export function calibrationResult(h: CalibrationHeader, lines: readonly WorldLine[]): Calibration {
  const incident = incidentOf(h.scenario)!;
  const sorted = [...lines].sort((a, b) => a.index - b.index);
  const accepted = sorted.filter((l) => accepts(incident, l.figures));
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
      accepted: spread(values(accepted)),
    };
  });
  const constants = h.assumptions.map((a, j) => {
    let lo = Infinity,
      hi = -Infinity;
    for (const l of accepted) {
      lo = Math.min(lo, l.draws[j]);
      hi = Math.max(hi, l.draws[j]);
    }
    const posterior: [number, number] | null = accepted.length ? [sig(lo), sig(hi)] : null;
    const width = a.hi - a.lo;
    return {
      path: a.path,
      prior: [sig(a.lo), sig(a.hi)] as [number, number],
      posterior,
      share: posterior && width > 0 ? Math.round(((hi - lo) / width) * 1000) / 1000 : null,
    };
  });
  return {
    scenario: h.scenario,
    incident: incident.label,
    seed: h.seed,
    priorHash: h.priorHash,
    tried: sorted.length,
    accepted: accepted.length,
    acceptanceRate: Math.round((accepted.length / Math.max(1, sorted.length)) * 10000) / 10000,
    observations,
    constants,
    acceptedWorlds: accepted.map((l) => l.index),
  };
}
