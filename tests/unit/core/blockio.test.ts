// The closed-loop disk (src/core/physics/blockio.ts) against its closed forms.
import { describe, expect, it } from 'vitest';
import {
  classRate,
  classStall,
  serviceRate,
  solveClosedLoop,
  solveClosedLoopMixed,
} from '../../../src/core/physics/blockio.ts';

describe('serviceRate', () => {
  it('is bandwidth-bound for large requests and IOPS-bound for small ones', () => {
    // an NVMe of 3 GB/s and 750k IOPS: 4 KiB reads are bandwidth-bound at 732k/s, 512 B at the IOPS
    expect(serviceRate(750_000, 3e9, 4096)).toBeCloseTo(3e9 / 4096, 6);
    expect(serviceRate(750_000, 3e9, 512)).toBe(750_000);
    expect(serviceRate(750_000, 3e9, 0)).toBe(750_000);
  });
});

describe('solveClosedLoop', () => {
  const s0 = 100e-6;

  it('keeps the base latency while the device keeps up', () => {
    // 10 VMs x 2 threads asking 1,000 faults/s each: 20,000/s against 500,000/s
    const n = Array(10).fill(2),
      L = Array(10).fill(1000);
    const r = solveClosedLoop(n, L, 10, 500_000, s0);
    expect(r.latency).toBe(s0);
    expect(r.iterations).toBe(0);
    const x = 10 * classRate(2, 1000, s0);
    expect(r.throughput).toBeCloseTo(x, 9);
    expect(x).toBeLessThan(10_000); // each thread waits s0 per fault: a little below the open-loop rate
    expect(r.outstanding).toBeCloseTo(x * s0, 12); // Little
  });

  it('gives R = N / mu - Z for equal classes when saturated (closed form)', () => {
    // 60 VMs x 4 threads, each thread would fault every 1 ms without waiting (Z = 1 ms)
    const count = 60,
      threads = 4,
      Z = 1e-3,
      mu = 100_000;
    const n = new Float64Array(count).fill(threads),
      L = new Float64Array(count).fill(threads / Z);
    const r = solveClosedLoop(n, L, count, mu, s0);
    const N = count * threads;
    expect(r.latency).toBeCloseTo(N / mu - Z, 12); // 2.4 ms - 1 ms
    expect(r.throughput).toBe(mu);
    expect(r.outstanding).toBeCloseTo(mu * r.latency, 9); // Little: O = X R
    expect(r.outstanding).toBeLessThan(N); // never more than the threads
    expect(r.population).toBe(N);
  });

  it('solves mixed classes exactly: the classes together complete mu requests per second', () => {
    const n = [1, 2, 4, 8, 3, 0, 5],
      L = [50_000, 2_000, 100_000, 10, 40_000, 9_000, 0];
    const mu = 30_000; // below the 55,900/s they would complete at s0: saturated
    const r = solveClosedLoop(n, L, n.length, mu, s0);
    expect(r.latency).toBeGreaterThan(s0);
    let x = 0;
    for (let i = 0; i < n.length; i++) x += classRate(n[i], L[i], r.latency);
    expect(x / mu).toBeCloseTo(1, 10);
    expect(r.population).toBe(1 + 2 + 4 + 8 + 3); // the idle classes (n or L zero) do not count
    expect(r.iterations).toBeLessThan(30);
    // a class's stall share and rate agree with Little per class: x_i R = n_i x stall_i
    for (let i = 0; i < 5; i++)
      expect(classRate(n[i], L[i], r.latency) * r.latency).toBeCloseTo(n[i] * classStall(n[i], L[i], r.latency), 9);
  });

  it('is monotone: more threads wait longer, a faster device waits less, demand never exceeds it', () => {
    const lat = (threads: number, mu: number) =>
      solveClosedLoop([threads, threads], [1e6, 5e4], 2, mu, s0, undefined).latency;
    expect(lat(200, 1e5)).toBeGreaterThan(lat(100, 1e5));
    expect(lat(100, 2e5)).toBeLessThan(lat(100, 1e5));
    for (const threads of [1, 10, 100, 1000]) {
      const r = solveClosedLoop([threads], [1e7], 1, 1e5, s0);
      expect(r.throughput).toBeLessThanOrEqual(1e5);
      // R <= max(S0, N / mu): the queue is what is outstanding, never more
      expect(r.latency).toBeLessThanOrEqual(Math.max(s0, threads / 1e5) * (1 + 1e-12));
    }
  });

  it('turns an unbounded open-loop demand into a bounded wait (the read storm of finding 1)', () => {
    // a thrashing host: 60 small VMs x 2 threads whose deficits would ask 200k faults/s each;
    // the device does 730k 4 KiB reads/s. Open loop: 12M/s asked, a queue growing without end.
    const n = new Float64Array(60).fill(2),
      L = new Float64Array(60).fill(200_000);
    const r = solveClosedLoop(n, L, 60, 730_000, s0);
    expect(r.throughput).toBe(730_000);
    expect(r.latency).toBeLessThan(1e-3); // 120 threads / 730k/s: well under a millisecond
    expect(r.outstanding).toBeLessThanOrEqual(120);
  });
});

describe('solveClosedLoopMixed', () => {
  const s0 = 100e-6;
  it('is solveClosedLoop when every request costs 1 / mu', () => {
    const n = [2, 2, 4, 1],
      L = [200_000, 50_000, 9_000, 1_000_000],
      mu = 120_000;
    const a = solveClosedLoop(n, L, 4, mu, s0);
    const b = solveClosedLoopMixed(n, L, [1 / mu, 1 / mu, 1 / mu, 1 / mu], 4, s0);
    expect(b.latency).toBeCloseTo(a.latency, 12);
    expect(b.throughput).toBeCloseTo(a.throughput, 6);
  });

  it('keeps the device at utilisation one with mixed request sizes, and Little', () => {
    // 60 VMs of 4 KiB faults on 3 GB/s, plus 16 sequential readers of 128 KiB
    const bw = 3e9,
      n = [...Array(60).fill(2), 16],
      L = [...Array(60).fill(100_000), 2_000],
      D = [...Array(60).fill(4096 / bw), 131072 / bw];
    const r = solveClosedLoopMixed(n, L, D, 61, s0);
    let u = 0,
      x = 0;
    for (let i = 0; i < 61; i++) {
      u += D[i] * classRate(n[i], L[i], r.latency);
      x += classRate(n[i], L[i], r.latency);
    }
    expect(u).toBeCloseTo(1, 9);
    expect(r.throughput).toBeCloseTo(x, 6);
    expect(r.outstanding).toBeCloseTo(x * r.latency, 6);
    // the big readers get their bytes at the same latency: the device splits by requests, not bytes
    expect(classRate(16, 2_000, r.latency) * 131072).toBeGreaterThan(classRate(2, 100_000, r.latency) * 4096);
  });
});

describe('a guess from the last step', () => {
  it('reaches the same root in fewer iterations, from either side', () => {
    const s0 = 100e-6,
      bw = 3e9;
    const n = Array(60).fill(2),
      L = Array.from({ length: 60 }, (_, i) => 20_000 + 3_000 * i),
      D = Array(60).fill(4096 / bw);
    const cold = solveClosedLoopMixed(n, L, D, 60, s0);
    for (const k of [0.5, 0.9, 1.01, 1.5, 10]) {
      const warm = solveClosedLoopMixed(n, L, D, 60, s0, undefined, cold.latency * k);
      expect(warm.latency).toBeCloseTo(cold.latency, 12);
      if (k > 0.9 && k < 1.5) expect(warm.iterations).toBeLessThan(cold.iterations);
    }
  });
});
