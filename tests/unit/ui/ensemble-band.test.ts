// The ensemble's spread on the charts: p05..p95 per time point over the members, nearest rank.
import { describe, expect, it } from 'vitest';
import { ensembleBand } from '../../../src/ui/charts/band.ts';
import type { ChartData } from '../../../src/worker/index.ts';

const member = (ys: number[]): Partial<ChartData> => ({
  panickedHosts: { t: Float32Array.from(ys.map((_, i) => i * 60)), y: Float32Array.from(ys) },
});

describe('ensemble band', () => {
  it('takes p05 and p95 over the members at every time point', () => {
    // 20 members: at point 0 the values 1..20, at point 1 all 7
    const members = Array.from({ length: 20 }, (_, m) => member([20 - m, 7]));
    const b = ensembleBand(members)!;
    expect(b.members).toBe(20);
    const p = b.series.panickedHosts!;
    expect(Array.from(p.t)).toEqual([0, 60]);
    expect(Array.from(p.lo)).toEqual([1, 7]); // ceil(0.05 * 20) = 1st value
    expect(Array.from(p.hi)).toEqual([19, 7]); // ceil(0.95 * 20) = 19th value
  });

  it('keeps the points every member has, and needs two members', () => {
    const b = ensembleBand([member([1, 2, 3]), member([5, 6])])!;
    expect(b.series.panickedHosts!.t.length).toBe(2);
    expect(Array.from(b.series.panickedHosts!.hi)).toEqual([5, 6]);
    expect(ensembleBand([member([1])])).toBeNull();
  });
});
