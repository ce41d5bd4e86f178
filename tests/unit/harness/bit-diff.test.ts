// bitDiff (tests/unit/helpers.ts): the bit-for-bit comparison the steady-skip tests make of per-VM samples.
import { describe, expect, it } from 'vitest';
import { bitDiff } from '../helpers.ts';

describe('bitDiff', () => {
  it('finds nothing between the same values, and names the first difference otherwise', () => {
    const a = Float32Array.from([1, 2.5, NaN, 4]);
    expect(bitDiff(a, Float32Array.from(a))).toBe('');
    expect(bitDiff(a, Float32Array.from([1, 2.5, NaN, 4.5]))).toBe('at 3: 4 against 4.5');
    expect(bitDiff(a, Float32Array.from([1, 2.5, NaN]))).toBe('length 4 against 3');
  });

  it('tells -0 from 0, and reads each view, not the buffer behind it', () => {
    expect(bitDiff(Float64Array.from([0]), Float64Array.from([-0]))).toBe('at 0: 0 against -0');
    const shared = Float32Array.from([9, 1, 2, 9]);
    expect(bitDiff(shared.subarray(1, 3), Float32Array.from([1, 2]))).toBe('');
  });
});
