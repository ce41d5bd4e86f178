// Before → now only between runs of one preset, labelled in the page's words; a ghost line that
// repeats the line on screen is left out.
import { describe, expect, it } from 'vitest';
import { loadPreset, type Scenario } from '../../../src/scenario/index.ts';
import { comparable, whatChanged } from '../../../src/ui/results/change.ts';
import { ghostLine, samePoints } from '../../../src/ui/charts/ghost.ts';

const workshop = () => loadPreset('workshop-outage')!;

describe('before → now', () => {
  it('compares runs of one preset only', () => {
    const a = workshop();
    expect(comparable(a, { ...a, seed: 2 } as typeof a)).toBe(true);
    expect(comparable(a, loadPreset('clevercloud-2024-08-02')!)).toBe(false);
  });

  it('says what changed with labels and units, the seed first, at most three named', () => {
    const a = workshop();
    expect(whatChanged(a, structuredClone(a))).toBe('');
    const b: Scenario = structuredClone(a);
    b.telemetry.buffer.whenFull = 'drop_newest';
    expect(whatChanged(a, b)).toBe('When the buffer is full: block → drop_newest');
    b.seed = 7;
    b.fleet.hypervisors = 30;
    b.durationMinutes = 300;
    b.events = [];
    const text = whatChanged(a, b);
    expect(text).toMatch(/^Seed: 1 → 7; /);
    expect(text).toContain('Hypervisors: 12 hosts → 30 hosts');
    expect(text).toMatch(/; 2 more$/);
    expect(text).not.toMatch(/->|\b[a-z]+\.[a-z]+\b/);
  });
});

describe('ghost lines', () => {
  const p = (ys: number[]) => ({ t: Float32Array.from(ys, (_, i) => i * 60), y: Float32Array.from(ys) });
  it('leaves out a ghost equal to the line on screen', () => {
    expect(samePoints(p([0, 1, 2]), p([0, 1, 2]))).toBe(true);
    expect(ghostLine(p([0, 1, 2]), p([0, 1, 2]))).toBeUndefined();
    const before = p([0, 1, 3]);
    expect(ghostLine(p([0, 1, 2]), before)).toBe(before);
    // a run still streaming in has fewer points than the finished one behind it
    expect(ghostLine(p([0, 1]), before)).toBe(before);
    expect(ghostLine(undefined, before)).toBe(before);
    expect(ghostLine(p([0]), undefined)).toBeUndefined();
  });
});
