// The spread of an ensemble on the time charts: for every chart series and every time point, the
// p05 and p95 over the members (nearest rank, as the core's ensemble statistics: always one of the
// members' values). Members of one scenario share its time grid; a member with a shorter series
// (a run cut short) limits the band to the points every member has. Pure.

import type { ChartData, ChartSeriesKey } from '../../worker/index.ts';

export interface BandPoints {
  t: Float32Array;
  lo: Float32Array;
  hi: Float32Array;
}

export interface EnsembleBand {
  /** members behind the band */
  members: number;
  series: Partial<Record<ChartSeriesKey, BandPoints>>;
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** p05..p95 per time point over the members' series; null with fewer than two members. */
export function ensembleBand(members: readonly Partial<ChartData>[]): EnsembleBand | null {
  if (members.length < 2) return null;
  const series: EnsembleBand['series'] = {};
  const keys = Object.keys(members[0]) as ChartSeriesKey[];
  const column = new Float64Array(members.length);
  for (const key of keys) {
    const all = members.map((m) => m[key]);
    if (all.some((p) => !p)) continue;
    const n = Math.min(...all.map((p) => p!.t.length));
    const t = all[0]!.t.slice(0, n),
      lo = new Float32Array(n),
      hi = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < all.length; m++) column[m] = all[m]!.y[i];
      column.sort();
      lo[i] = quantile(column, 0.05);
      hi[i] = quantile(column, 0.95);
    }
    series[key] = { t, lo, hi };
  }
  return { members: members.length, series };
}
