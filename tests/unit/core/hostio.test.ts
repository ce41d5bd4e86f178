// One host's disk in a step (src/core/physics/hostio.ts): reads in a closed loop, the journal, the scans.
import { describe, expect, it } from 'vitest';
import {
  HOST_IO_RUNTIME,
  createHostIo,
  hostBlockedSince,
  hostJournal,
  hostReads,
  resetHostIo,
  type HostIoParams,
} from '../../../src/core/physics/hostio.ts';
import { classRate } from '../../../src/core/physics/blockio.ts';

const MiB = 2 ** 20;
const p: HostIoParams = {
  readIops: 500_000,
  readBps: 3e9,
  writeBps: 1.5e9,
  baseLatency: 100e-6,
  faultBytes: 4096,
  seqBytes: 128 * 1024,
  seqReaders: 16,
  writeShareUnderReads: 0.002,
  inFlightBytes: 256 * MiB,
  journalBytes: 4 * MiB,
  flushRounds: 3,
  commitIntervalSeconds: 5,
};
const n = new Float64Array(128),
  L = new Float64Array(128),
  D = new Float64Array(128);

function thrash(vms: number, threads: number, faultsPerSecond: number): number {
  for (let i = 0; i < vms; i++) {
    n[i] = threads;
    L[i] = faultsPerSecond;
  }
  return vms;
}

describe('hostReads', () => {
  it('saturates an IOPS-bound device at R = N / mu - Z when nothing else reads (closed form)', () => {
    const io = createHostIo(1);
    const count = thrash(60, 2, 100_000); // Z = 20 µs
    hostReads(io, 0, p, 1, n, L, D, count, 0, 5);
    const mu = 500_000; // 4 KiB at 3 GB/s is 732k/s: the IOPS bind
    expect(io.ioLatency[0]).toBeCloseTo(120 / mu - 2e-5, 12);
    expect(io.ioReadUtil[0]).toBeCloseTo(1, 9);
    expect(io.ioReadBytes[0]).toBeCloseTo(mu * 4096 * 5, 0);
    expect(io.ioOutstanding[0]).toBeCloseTo(mu * io.ioLatency[0], 6);
  });

  it('serves a light host at the base latency, and the sequential readers their bytes', () => {
    const io = createHostIo(1);
    const count = thrash(2, 2, 1_000);
    hostReads(io, 0, p, 1, n, L, D, count, 200e6, 1);
    expect(io.ioLatency[0]).toBe(p.baseLatency);
    const faults = 2 * classRate(2, 1_000, p.baseLatency),
      seq = classRate(16, 200e6 / (128 * 1024), p.baseLatency);
    expect(io.ioReadBytes[0]).toBeCloseTo(faults * 4096 + seq * 128 * 1024, 0);
    expect(io.ioReadUtil[0]).toBeLessThan(0.1);
  });

  it('gives a slower disk (its factor) a longer wait', () => {
    const a = createHostIo(1),
      b = createHostIo(1);
    const count = thrash(60, 2, 100_000);
    hostReads(a, 0, p, 1, n, L, D, count, 0, 5);
    hostReads(b, 0, p, 0.5, n, L, D, count, 0, 5);
    expect(b.ioLatency[0]).toBeGreaterThan(a.ioLatency[0]);
  });
});

describe('hostJournal and the scans', () => {
  it('grows a long chain on a read-saturated host that takes image writes, and none on a quiet one', () => {
    const busy = createHostIo(1),
      quiet = createHostIo(1);
    const count = thrash(60, 2, 100_000);
    let longest = 0;
    for (let t = 0; t < 1800; t += 5) {
      hostReads(busy, 0, p, 1, n, L, D, count, 0, 5);
      hostJournal(busy, 0, p, 1, 50e6, t, 5); // 50 MB/s of image writes against 3 MB/s left by the reads
      longest = Math.max(longest, busy.jLongestWait[0]);
      hostReads(quiet, 0, p, 1, n, L, D, 1, 0, 5);
      hostJournal(quiet, 0, p, 1, 50e6, t, 5);
    }
    expect(busy.ioWriteBps[0]).toBeCloseTo(1.5e9 * 0.002, 0);
    expect(longest).toBeGreaterThan(120); // (256 + 4) MiB at 3 MB/s: ~91 s a commit, ~180 s the oldest wait
    expect(quiet.jLastCommitSeconds[0]).toBeLessThan(1);
  });

  it('lets a scan inside the step see the chain as a step cut there would', () => {
    const a = createHostIo(1),
      b = createHostIo(1);
    const count = thrash(60, 2, 100_000);
    for (let t = 0; t < 1200; t += 10) {
      hostReads(a, 0, p, 1, n, L, D, count, 0, 10);
      hostJournal(a, 0, p, 1, 50e6, t, 10);
    }
    for (let t = 0; t < 1200; t += 10) {
      hostReads(b, 0, p, 1, n, L, D, count, 0, 10);
      hostJournal(b, 0, p, 1, 50e6, t, 10);
    }
    // a: a 10 s step from 1200 with a scan at 1206; b: the same step cut at the scan
    hostReads(a, 0, p, 1, n, L, D, count, 0, 10);
    hostJournal(a, 0, p, 1, 50e6, 1200, 10);
    const seen = hostBlockedSince(a, 0, p, 1, 1200, 1206);
    hostReads(b, 0, p, 1, n, L, D, count, 0, 6);
    hostJournal(b, 0, p, 1, 50e6, 1200, 6);
    expect(seen).toBeCloseTo(b.jCommitting[0] ? b.jCommittingOpen[0] : 1206, 9);
    expect(1206 - seen).toBeGreaterThan(60);
  });

  it('restarts the chain of a host that comes back', () => {
    const io = createHostIo(1);
    const count = thrash(60, 2, 100_000);
    for (let t = 0; t < 600; t += 5) {
      hostReads(io, 0, p, 1, n, L, D, count, 0, 5);
      hostJournal(io, 0, p, 1, 50e6, t, 5);
    }
    resetHostIo(io, 0);
    hostReads(io, 0, p, 1, n, L, D, 0, 0, 5);
    hostJournal(io, 0, p, 1, 0, 3000, 5);
    expect(3005 - hostBlockedSince(io, 0, p, 1, 3000, 3005)).toBeLessThan(1);
  });
});

describe('HOST_IO_RUNTIME', () => {
  it('names every array of createHostIo once', () => {
    const io = createHostIo(3);
    expect(HOST_IO_RUNTIME.map(([k]) => k).sort()).toEqual(Object.keys(io).sort());
  });
});
