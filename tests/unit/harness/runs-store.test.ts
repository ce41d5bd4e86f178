// The model tier's run store (tests/unit/model/runs-store.ts), on a directory of its own: a worker
// computing a run keeps its claim fresh, so a waiting worker never takes a long run for a dead
// worker's and computes it a second time; a claim nobody refreshes goes stale and can be taken.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { fingerprint, scenarioWith } from '../helpers.ts';
import { runToEnd } from '../model/runs.ts';
import { CLAIM_TIMEOUT_MS, REFRESH_MS, claimed, keep, put, take, useStoreDir } from '../model/runs-store.ts';

describe('the run store', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cascade-runs-store-test-'));
    useStoreDir(dir);
  });
  afterAll(() => {
    useStoreDir(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a run another worker stored, a full one for a lean request too', () => {
    put('stored', 'full', { summary: 1 });
    expect(take('stored', ['lean', 'full'], 'lean')).toEqual({ summary: 1 });
  });

  it('keeps a claim fresh while its run is computed, for as long as it takes; a claim left alone goes stale', () => {
    const t0 = Date.now();
    expect(take('long', ['lean'], 'lean')).toBeUndefined(); // claimed here: ours to compute
    expect(claimed('long', 'lean', t0 + CLAIM_TIMEOUT_MS - 1_000)).toBe(true);
    // the computing worker refreshes its claim between chunks of steps, five minutes into the run
    const later = t0 + 5 * CLAIM_TIMEOUT_MS;
    for (let t = t0 + REFRESH_MS; t <= later; t += REFRESH_MS) keep('long', 'lean', t);
    // a waiting worker still sees it claimed, long after the claim was made
    expect(claimed('long', 'lean', later + CLAIM_TIMEOUT_MS - 1_000)).toBe(true);
    // a worker that stopped refreshing (died): stale once CLAIM_TIMEOUT_MS passed, removed, free to take
    expect(claimed('long', 'lean', later + CLAIM_TIMEOUT_MS + 1_000)).toBe(false);
    expect(claimed('long', 'lean', later)).toBe(false);
  });

  it('refreshes a claim at most every REFRESH_MS', () => {
    const t0 = Date.now() + 10 * CLAIM_TIMEOUT_MS;
    expect(take('throttled', ['lean'], 'lean')).toBeUndefined();
    keep('throttled', 'lean', t0);
    keep('throttled', 'lean', t0 + REFRESH_MS - 1); // too soon: not written
    expect(claimed('throttled', 'lean', t0 + CLAIM_TIMEOUT_MS - 1)).toBe(true);
    expect(claimed('throttled', 'lean', t0 + CLAIM_TIMEOUT_MS + 1)).toBe(false);
  });

  it('steps a run in chunks to the same result as in one go, calling back between chunks', () => {
    const s = scenarioWith({ durationMinutes: 60, fleet: { hypervisors: 2, zones: 1 } });
    const whole = new Simulation(s);
    whole.advance(whole.totalSteps);
    const chunked = new Simulation(s);
    let between = 0;
    runToEnd(chunked, () => between++);
    expect(between).toBeGreaterThan(1);
    expect(chunked.done).toBe(true);
    expect(fingerprint(chunked.result())).toBe(fingerprint(whole.result()));
  });

  it("gives a run read back from the store the fingerprint of the worker's own (its arrays are views into one buffer)", () => {
    const s = scenarioWith({ durationMinutes: 60, fleet: { hypervisors: 2, zones: 1 } });
    const sim = new Simulation(s);
    sim.advance(sim.totalSteps);
    const r = sim.result();
    put('fingerprinted', 'full', r);
    const back = take<typeof r>('fingerprinted', ['full'], 'full')!;
    expect(back.series.hostMemUsedMaxPct.buffer.byteLength).not.toBe(r.series.hostMemUsedMaxPct.buffer.byteLength);
    expect(fingerprint(back)).toBe(fingerprint(r));
  });
});
