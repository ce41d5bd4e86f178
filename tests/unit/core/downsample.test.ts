import { describe, expect, it } from 'vitest';
import { downsample, clockLabel } from '../../../src/core/index.ts';

describe('downsample', () => {
  it('returns the series as is when it is short enough', () => {
    const d = downsample(Float32Array.from([1, 2, 3]), 3, 5, 100);
    expect(Array.from(d.y)).toEqual([1, 2, 3]);
    expect(Array.from(d.t)).toEqual([5, 10, 15]);
  });

  it('keeps at most maxPoints points and never loses a one-step spike', () => {
    const v = new Float32Array(100_000);
    v[77_777] = 9;
    v[12_345] = -4;
    const d = downsample(v, v.length, 5, 2000);
    expect(d.y.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...d.y)).toBe(9);
    expect(Math.min(...d.y)).toBe(-4);
    for (let i = 1; i < d.t.length; i++) expect(d.t[i]).toBeGreaterThan(d.t[i - 1]);
  });

  it('only reads the first `length` values of a run in progress', () => {
    const v = Float32Array.from([1, 1, 50, 50]);
    expect(Math.max(...downsample(v, 2, 1, 10).y)).toBe(1);
  });
});

describe('clockLabel', () => {
  it('counts from the clock at minute 0 and wraps at midnight', () => {
    expect(clockLabel('10:00', 0)).toBe('10:00');
    expect(clockLabel('10:00', 6 * 60)).toBe('10:06');
    expect(clockLabel('23:30', 45 * 60 + 5)).toBe('00:15:05');
  });
});
