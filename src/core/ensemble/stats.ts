// What an ensemble says: the outcome of each member reduced to a few numbers, then the odds and
// spreads over members, the paired comparison of two settings on the same worlds, and which
// assumptions the outcome moves with. Pure functions of member outcomes in index order, so the
// whole run and a merge of its shards give the same object.

import type { Summary } from '../types.ts';
import type { Draw, EnsemblePlan, WorldsInfo } from './design.ts';
import type { Change } from './plan.ts';

/** One world's result, small enough to print as one JSON line per member. */
export interface MemberOutcome {
  index: number;
  seed: number;
  draws: Draw[];
  panicked: number;
  hypervisors: number;
  /** minutes after the scenario start; null when nothing panicked */
  firstPanicMinute: number | null;
  /**
   * Distinct VMs of the fleet that went down at least once: died with their host, by a QEMU abort
   * or were rebooted (the summary's `vms.down`, a per-VM flag); never more than the fleet. A VM
   * redeployed and down again, or rebooted in a loop, counts once, as the verdict counts it.
   */
  vmsDown: number;
  vms: number;
  /** percent of produced events dropped by the buffer, and lost (OOM kills, panics) */
  droppedPercent: number;
  lostPercent: number;
}

export function memberOutcome(index: number, seed: number, draws: Draw[], s: Summary): MemberOutcome {
  const produced = s.telemetry.produced || 1;
  const pct = (x: number) => Math.round((x / produced) * 1e6) / 1e4;
  return {
    index,
    seed,
    draws,
    panicked: s.hypervisors.panicked,
    hypervisors: s.hypervisors.total,
    firstPanicMinute: s.hypervisors.firstPanicMinute,
    vmsDown: s.vms.down,
    vms: s.vms.total,
    droppedPercent: pct(s.telemetry.dropped),
    lostPercent: pct(s.telemetry.lost),
  };
}

export interface Spread {
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

/** Nearest-rank quantile of sorted values (deterministic, always one of the values). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function spread(xs: readonly number[]): Spread | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return {
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    p05: quantile(s, 0.05),
    p50: quantile(s, 0.5),
    p95: quantile(s, 0.95),
  };
}

/** Spearman rank correlation (average ranks for ties); 0 when either side is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const ranks = (v: readonly number[]) => {
    const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
      for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const rx = ranks(x),
    ry = ranks(y);
  const n = x.length,
    mx = rx.reduce((a, b) => a + b, 0) / n,
    my = ry.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export interface EnsembleSummary {
  members: number;
  seeds: { first: number; last: number };
  varyAssumptions: boolean;
  /** which worlds: seeds, the prior, or the prior's worlds that fit the preset's incident */
  worlds: WorldsInfo;
  /** share of worlds in which at least one hypervisor panicked */
  anyPanicProbability: number;
  panicked: Spread;
  /** over the worlds that panicked; null when none did */
  firstPanicMinute: { p05: number; p50: number; p95: number } | null;
  vmsDown: Spread;
  droppedPercent: Spread;
  lostPercent: Spread;
  hypervisors: number;
  assumptions: { path: string; lo: number; hi: number }[];
  /**
   * Assumptions ranked by how strongly panicked hosts move with them across the worlds (Spearman
   * rank correlation of the draw with the outcome; with few members, |rho| below ~0.6 is noise).
   */
  sensitivity: { path: string; rho: number }[];
  /** |rho| below this is what chance gives with this many worlds (about 2 / sqrt(members), or of `repeats.effective`) */
  sensitivityNoise: number;
  /**
   * Present when some members run the same world (calibrated worlds drawn by weight: a heavy world
   * is several members, the same run): the distinct worlds and their effective number (Kish, each
   * world weighted by its members), which is what the spreads and the ranking rest on.
   */
  repeats?: { distinct: number; effective: number };
}

/** The distinct worlds of an ensemble (same seed and draws: the same run) and their effective number, when some repeat. */
export function repeatedWorlds(outcomes: readonly Pick<MemberOutcome, 'seed' | 'draws'>[]): {
  distinct: number;
  effective: number;
} | null {
  const count = new Map<string, number>();
  for (const o of outcomes) {
    const key = `${o.seed}:${o.draws.map((d) => d.value).join(',')}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  if (count.size === outcomes.length) return null;
  const n = outcomes.length;
  const effective = round((n * n) / [...count.values()].reduce((a, c) => a + c * c, 0), 1);
  return { distinct: count.size, effective };
}

/** The ensemble's summary. Contract: `outcomes` holds every member of `plan` once, in index order. */
export function summarizeEnsemble(
  plan: EnsemblePlan,
  outcomes: readonly MemberOutcome[],
  varyAssumptions: boolean,
): EnsembleSummary {
  const n = outcomes.length;
  const panicked = outcomes.map((o) => o.panicked);
  const first = outcomes.flatMap((o) => (o.firstPanicMinute === null ? [] : [o.firstPanicMinute]));
  const f = spread(first);
  const repeats = repeatedWorlds(outcomes);
  const sensitivity = plan.assumptions
    .map((a, j) => ({
      path: a.path,
      rho: round(
        spearman(
          outcomes.map((o) => o.draws[j].value),
          panicked,
        ),
      ),
    }))
    .filter((s) => s.rho !== 0)
    .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || (a.path < b.path ? -1 : 1));
  return {
    members: n,
    seeds: { first: outcomes[0].seed, last: outcomes[n - 1].seed },
    varyAssumptions,
    worlds: plan.worlds ?? { source: varyAssumptions ? 'prior' : 'seeds' },
    anyPanicProbability: round(panicked.filter((p) => p > 0).length / n),
    panicked: spread(panicked)!,
    firstPanicMinute: f ? { p05: f.p05, p50: f.p50, p95: f.p95 } : null,
    vmsDown: spread(outcomes.map((o) => o.vmsDown))!,
    droppedPercent: spread(outcomes.map((o) => o.droppedPercent))!,
    lostPercent: spread(outcomes.map((o) => o.lostPercent))!,
    hypervisors: outcomes[0].hypervisors,
    assumptions: plan.assumptions,
    sensitivity,
    sensitivityNoise: round(Math.min(0.95, 2 / Math.sqrt(repeats ? repeats.effective : n)), 2),
    ...(repeats ? { repeats } : {}),
  };
}

export interface PairedComparison {
  against: Change[];
  members: number;
  /** worlds where B panics fewer / more / the same number of hypervisors than A */
  bFewerPanics: number;
  bMorePanics: number;
  equal: number;
  /** worlds where A panics and B panics nothing */
  bRemovesEveryPanic: number;
  a: { anyPanicProbability: number; panickedMean: number; droppedPercentMean: number; lostPercentMean: number };
  b: { anyPanicProbability: number; panickedMean: number; droppedPercentMean: number; lostPercentMean: number };
}

export function comparePaired(
  against: Change[],
  a: readonly MemberOutcome[],
  b: readonly MemberOutcome[],
): PairedComparison {
  let fewer = 0,
    more = 0,
    equal = 0,
    removes = 0;
  for (let i = 0; i < a.length; i++) {
    if (b[i].panicked < a[i].panicked) fewer++;
    else if (b[i].panicked > a[i].panicked) more++;
    else equal++;
    if (a[i].panicked > 0 && b[i].panicked === 0) removes++;
  }
  const side = (xs: readonly MemberOutcome[]) => ({
    anyPanicProbability: round(xs.filter((o) => o.panicked > 0).length / xs.length),
    panickedMean: round(xs.reduce((s, o) => s + o.panicked, 0) / xs.length),
    droppedPercentMean: round(xs.reduce((s, o) => s + o.droppedPercent, 0) / xs.length),
    lostPercentMean: round(xs.reduce((s, o) => s + o.lostPercent, 0) / xs.length),
  });
  return {
    against,
    members: a.length,
    bFewerPanics: fewer,
    bMorePanics: more,
    equal,
    bRemovesEveryPanic: removes,
    a: side(a),
    b: side(b),
  };
}
