// The CPU side of a thrash (src/core/physics/cpu.ts): closed forms of a faulting thread whose
// faults cost its vCPU, and of a host short of cores.
import { describe, expect, it } from 'vitest';
import { cpuBoundFaultRate, cpuStretch, faultStall } from '../../../src/core/physics/cpu.ts';
import { classRate } from '../../../src/core/physics/blockio.ts';

describe('CPU per fault (physics/cpu.ts)', () => {
  it('the CPU joins the think time: n L / (n + L c), and with no cost the rate is the open one', () => {
    expect(cpuBoundFaultRate(2, 8000, 0, 1)).toBe(8000);
    // 2 threads, 8,000 faults/s open, 100 µs each: 2 x 8000 / (2 + 0.8) = 5,714/s
    expect(cpuBoundFaultRate(2, 8000, 100e-6, 4)).toBeCloseTo(16000 / 2.8, 6);
    // the same as a class at latency c: a thread's cycle is its think time plus the fault's CPU
    expect(cpuBoundFaultRate(2, 8000, 100e-6, 4)).toBeCloseTo(classRate(2, 8000, 100e-6), 9);
    expect(cpuBoundFaultRate(0, 8000, 100e-6, 1)).toBe(0);
  });

  it("never more faults than the VM's vCPUs carry: vcpus / c", () => {
    // 8 threads asking 100,000/s at 100 µs each would need 8 vCPUs; one vCPU carries 10,000/s
    expect(cpuBoundFaultRate(8, 100000, 100e-6, 1)).toBeCloseTo(10000, 6);
    expect(cpuBoundFaultRate(8, 100000, 100e-6, 2)).toBeCloseTo(20000, 6);
    // steal stretches the CPU in wall time: at a stretch of 2 the same vCPU carries half
    expect(cpuBoundFaultRate(8, 100000, 200e-6, 1)).toBeCloseTo(5000, 6);
  });

  it('a stall counts the read and the CPU of each fault, and is at most 1', () => {
    // x = n L / (n + L R) faults/s, each R + c of a thread's time
    const n = 2,
      L = 5000,
      R = 300e-6,
      c = 100e-6;
    const x = (n * L) / (n + L * R);
    expect(faultStall(n, L, R, c)).toBeCloseTo((x * (R + c)) / n, 12);
    expect(faultStall(n, L, 0, 0)).toBe(0);
    expect(faultStall(1, 1e9, 1, 1)).toBe(1);
    // more latency, more stall (monotone)
    expect(faultStall(n, L, 2 * R, c)).toBeGreaterThan(faultStall(n, L, R, c));
  });

  it('a host stretches runnable time only past its cores (CFS shares them equally)', () => {
    expect(cpuStretch(32, 64)).toBe(1);
    expect(cpuStretch(64, 64)).toBe(1);
    expect(cpuStretch(96, 64)).toBe(1.5);
    expect(cpuStretch(10, 0)).toBe(1);
  });
});
