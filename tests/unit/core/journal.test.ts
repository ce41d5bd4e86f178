// Host writeback, the jbd2 commit chain and the hung-task clock (src/core/physics/journal.ts).
import { describe, expect, it } from 'vitest';
import {
  advanceJournal,
  blockedSinceAtScan,
  copyJournalChain,
  cappedCommitSeconds,
  dirtyLimits,
  firstHungScan,
  newJournalChain,
  oldestWaitAt,
  steadyCommitSeconds,
  throttledWriteRate,
  writeBandwidthUnderReads,
  type JournalRates,
} from '../../../src/core/physics/journal.ts';

const GiB = 2 ** 30,
  MiB = 2 ** 20;

describe('writeback limits and throttling', () => {
  it('counts only memory that is not guest RAM as dirtyable (global_dirtyable_memory)', () => {
    const lim = dirtyLimits(512 * GiB, 462 * GiB, 2 * GiB, 10, 20);
    expect(lim.dirtyable).toBe(48 * GiB);
    expect(lim.background).toBeCloseTo(4.8 * GiB, 0);
    expect(lim.limit).toBeCloseTo(9.6 * GiB, 0);
    expect(lim.freerun).toBeCloseTo(7.2 * GiB, 0);
    expect(dirtyLimits(64 * GiB, 70 * GiB, 0, 10, 20).limit).toBe(0); // overbooked: nothing dirtyable
  });

  it('lets writers run below freerun and holds them to writeback at the limit', () => {
    const lim = dirtyLimits(100 * GiB, 0, 0, 10, 20); // freerun 15, limit 20 GiB
    const wb = 100e6;
    expect(throttledWriteRate(500e6, 10 * GiB, lim, wb)).toBe(500e6);
    expect(throttledWriteRate(500e6, 20 * GiB, lim, wb)).toBe(wb);
    expect(throttledWriteRate(500e6, 17.5 * GiB, lim, wb)).toBeCloseTo(300e6, 0); // halfway: halfway down
    expect(throttledWriteRate(50e6, 30 * GiB, lim, wb)).toBe(50e6); // never more than asked
  });

  it('leaves writes their share when reads saturate the device', () => {
    expect(writeBandwidthUnderReads(1.5e9, 0, 0.1)).toBe(1.5e9);
    expect(writeBandwidthUnderReads(1.5e9, 1, 0.1)).toBeCloseTo(150e6, 0);
    expect(writeBandwidthUnderReads(1.5e9, 2, 0.1)).toBeCloseTo(150e6, 0); // utilisation clamped
  });
});

describe('the commit chain', () => {
  const base: JournalRates = {
    orderedBps: 0,
    writeBps: 100e6,
    journalBytes: 4 * MiB,
    flushSeconds: 0.05,
    commitIntervalSeconds: 5,
    orderedCapBytes: 128 * MiB,
    busy: true,
  };

  it('settles at C* = (J / B + f) / (1 - w / B) when the ordered data is not capped (closed form)', () => {
    const r = { ...base, orderedBps: 60e6, orderedCapBytes: Infinity };
    const ch = newJournalChain();
    for (let t = 0; t < 600; t += 5) advanceJournal(ch, t, 5, r);
    const cStar = steadyCommitSeconds(r); // (0.042 + 0.05) / 0.4 = 0.23 s
    expect(ch.lastCommitSeconds).toBeCloseTo(cStar, 6);
    expect(cStar).toBeCloseTo(((4 * MiB) / 100e6 + 0.05) / 0.4, 12);
  });

  it('grows until the in-flight cap holds it when writes outrun the bandwidth, and the wait is two commits', () => {
    const r = { ...base, orderedBps: 120e6 }; // w > B: each commit carries what the previous let in
    expect(steadyCommitSeconds(r)).toBe(Infinity);
    const ch = newJournalChain();
    let longest = 0;
    for (let t = 0; t < 3600; t += 5) longest = Math.max(longest, advanceJournal(ch, t, 5, r));
    const cap = cappedCommitSeconds(r); // (128 + 4) MiB / 100 MB/s + 0.05 = 1.43 s
    expect(ch.lastCommitSeconds).toBeCloseTo(cap, 6);
    expect(longest).toBeCloseTo(2 * cap, 6); // the oldest waiter waited the previous commit and its own
  });

  it('makes a 120 s wait need a minute per commit: in-flight bytes over the write bandwidth left', () => {
    const wait = (writeBps: number) => {
      const r = { ...base, orderedBps: 2 * writeBps, writeBps };
      const ch = newJournalChain();
      let longest = 0;
      for (let t = 0; t < 7200; t += 5) longest = Math.max(longest, advanceJournal(ch, t, 5, r));
      return longest;
    };
    expect(wait(100e6)).toBeLessThan(120); // NVMe writes under reads: seconds
    expect(wait(1e6)).toBeGreaterThan(120); // 128 MiB at 1 MB/s: a 134 s commit, a 268 s wait
    expect(wait(1e6)).toBeLessThan(600);
    expect(wait(0.2e6)).toBeGreaterThan(600); // 600 s needs a five times worse stall, and reaches it
  });

  it('does not depend on how the time is cut (steps of 1, 2, 5, 10 s, or split at scans)', () => {
    const r = { ...base, orderedBps: 3e6, writeBps: 2e6 };
    const runs = [1, 2, 5, 10, 7.3].map((dt) => {
      const ch = newJournalChain();
      let longest = 0;
      for (let t = 0; t < 3000 - 1e-9; t += dt)
        longest = Math.max(longest, advanceJournal(ch, t, Math.min(dt, 3000 - t), r));
      return { longest, last: ch.lastCommitSeconds, wait: oldestWaitAt(ch, 3000) };
    });
    for (const x of runs) {
      expect(x.longest).toBeCloseTo(runs[0].longest, 6);
      expect(x.last).toBeCloseTo(runs[0].last, 6);
      expect(x.wait).toBeCloseTo(runs[0].wait, 6);
    }
  });

  it('commits every 5 s when nobody waits, and nobody waits long', () => {
    const r = { ...base, busy: false, orderedBps: 10e6 };
    const ch = newJournalChain();
    let longest = 0;
    for (let t = 0; t < 60; t += 5) longest = Math.max(longest, advanceJournal(ch, t, 5, r));
    expect(longest).toBeLessThan(6);
    expect(ch.runningOpen % 5).toBeCloseTo(0, 9);
  });
});

describe('khungtaskd', () => {
  it('reports a task between ceil(T / i) x i and that plus one interval after it blocked', () => {
    for (const [timeout, interval] of [
      [120, 120],
      [240, 120],
      [600, 600],
      [120, 50],
    ]) {
      const w = Math.ceil(timeout / interval) * interval;
      for (const phase of [0, 17.5, 119]) {
        for (let b = 1000; b < 1000 + interval; b += interval / 7) {
          const s = firstHungScan(b, phase, interval, timeout);
          expect(s - b).toBeGreaterThanOrEqual(w);
          expect(s - b).toBeLessThan(w + interval);
          expect(((s - phase) / interval) % 1).toBeCloseTo(0, 9); // on khungtaskd's grid
        }
      }
    }
    expect(firstHungScan(0, 0, 120, 0)).toBe(Infinity); // hung_task_timeout_secs=0 disables it
  });
});

describe('the fast path of a quiet, busy host', () => {
  it('gives the same chain as following every commit', () => {
    const r: JournalRates = {
      orderedBps: 20e6,
      writeBps: 1e9,
      journalBytes: 1 * MiB,
      flushSeconds: 0.002,
      commitIntervalSeconds: 5,
      orderedCapBytes: 128 * MiB,
      busy: true,
    };
    const cs = steadyCommitSeconds(r); // ~3 ms: 1,600 commits in a 5 s step
    const fine = newJournalChain(),
      coarse = newJournalChain();
    let lf = 0,
      lc = 0;
    for (let t = 0; t < 60; t += cs) lf = Math.max(lf, advanceJournal(fine, t, cs, r)); // never the fast path
    for (let t = 0; t < 60; t += 5) lc = Math.max(lc, advanceJournal(coarse, t, 5, r));
    expect(coarse.lastCommitSeconds).toBeCloseTo(fine.lastCommitSeconds, 6);
    expect(lc).toBeCloseTo(lf, 4);
    expect(oldestWaitAt(coarse, 60)).toBeLessThan(2 * cs + 1e-9);
  });
});

describe('a scan inside a step', () => {
  it('sees the same oldest waiter as a chain cut at the scan', () => {
    const r: JournalRates = {
      orderedBps: 4e6,
      writeBps: 2e6,
      journalBytes: 4 * MiB,
      flushSeconds: 0.01,
      commitIntervalSeconds: 5,
      orderedCapBytes: 256 * MiB,
      busy: true,
    };
    const ch = newJournalChain();
    for (let t = 0; t < 1200; t += 10) advanceJournal(ch, t, 10, r);
    const start = copyJournalChain(ch, newJournalChain());
    const scratch = newJournalChain();
    for (const scanT of [1200, 1203.7, 1209.99]) {
      const cut = copyJournalChain(start, newJournalChain());
      advanceJournal(cut, 1200, scanT - 1200, r);
      expect(blockedSinceAtScan(start, r, 1200, scanT, scratch)).toBeCloseTo(scanT - oldestWaitAt(cut, scanT), 9);
    }
    // and the copy leaves the step-start chain as it was
    expect(start).toEqual(copyJournalChain(ch, newJournalChain()));
    expect(oldestWaitAt(start, 1200)).toBeGreaterThan(120); // 256 MiB at 2 MB/s: a long chain
  });
});
