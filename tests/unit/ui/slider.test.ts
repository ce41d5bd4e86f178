// Parameter sliders: log scale over decades, positions and values round-trip closely.
import { describe, expect, it } from 'vitest';
import { PARAM_BY_PATH, PARAMS, type NumberParam } from '../../../src/scenario/index.ts';
import { hasSlider, isLogScale, positionOf, valueAt, SLIDER_STEPS } from '../../../src/ui/params/slider.ts';

const P = (path: string) => PARAM_BY_PATH.get(path) as NumberParam;

describe('parameter sliders', () => {
  it('the story parameters have sliders, and every slider parameter is numeric', () => {
    const withSlider = PARAMS.filter((p) => hasSlider(p.path));
    expect(withSlider.length).toBeGreaterThanOrEqual(15);
    for (const p of withSlider) expect(['int', 'number'], p.path).toContain(p.kind);
    expect(hasSlider('vmSizes.pico.memoryMiB')).toBe(true);
    expect(hasSlider('hypervisor.hungTaskTimeoutSeconds')).toBe(true);
    expect(hasSlider('seed')).toBe(false);
  });
  it('ranges spanning decades are log-scaled; short ones are linear', () => {
    expect(isLogScale(P('telemetry.buffer.maxEvents'))).toBe(true);
    expect(isLogScale(P('vmSizes.pico.memoryMiB'))).toBe(true);
    expect(isLogScale(P('proxy.leakPercent'))).toBe(false);
    // log: the middle of 1..100,000,000 events is 10,000, not 50 million
    expect(valueAt(P('telemetry.buffer.maxEvents'), SLIDER_STEPS / 2)).toBe(10_000);
    expect(valueAt(P('proxy.leakPercent'), SLIDER_STEPS / 2)).toBe(50);
  });
  it('ends are the table bounds, and every value stays inside them', () => {
    for (const p of PARAMS) {
      if (!hasSlider(p.path) || (p.kind !== 'int' && p.kind !== 'number')) continue;
      expect(valueAt(p, 0), p.path).toBe(p.min);
      expect(valueAt(p, SLIDER_STEPS), p.path).toBe(p.max);
      for (let k = 0; k <= SLIDER_STEPS; k += 37) {
        const v = valueAt(p, k);
        expect(v).toBeGreaterThanOrEqual(p.min);
        expect(v).toBeLessThanOrEqual(p.max);
      }
      // a default sits within one position of where the slider shows it
      const k = positionOf(p, p.default);
      const near = [valueAt(p, k - 1), valueAt(p, k), valueAt(p, k + 1)];
      expect(Math.min(...near.map((v) => Math.abs(v - p.default))) / Math.max(1, p.default), p.path).toBeLessThan(0.02);
    }
  });
});
