// Sweeps over decades (log spacing) and over two parameters (a grid validated by the property
// table). The explanation of a cliff: ui/sweep-cliff.test.ts.
import { describe, expect, it } from 'vitest';
import {
  PARAM_BY_PATH,
  loadPreset,
  planSweep2D,
  spansDecades,
  sweepValues,
  MAX_SWEEP_CELLS,
} from '../../../src/scenario/index.ts';

const param = (path: string) => PARAM_BY_PATH.get(path)!;

describe('log spacing', () => {
  it('is the default for ranges that span decades, not for narrow ones', () => {
    expect(spansDecades(param('telemetry.buffer.maxEvents'))).toBe(true);
    expect(spansDecades(param('memory.readaheadFactor'))).toBe(false);
    expect(spansDecades(param('telemetry.buffer.whenFull'))).toBe(false);
  });
  it('steps in equal ratios between the ends', () => {
    expect(sweepValues(param('telemetry.buffer.maxEvents'), 100, 100_000, 4, true)).toEqual([100, 1000, 10000, 100000]);
    // falls back to even steps when an end is zero
    expect(sweepValues(param('hypervisor.diskReadMBps'), 10, 30, 3, false)).toEqual([10, 20, 30]);
  });
});

describe('2-D sweeps', () => {
  const base = loadPreset('workshop-outage')!;
  it('plans every pair, validated, row-major', () => {
    const plan = planSweep2D(base, 'telemetry.buffer.whenFull', ['block', 'drop_newest'], 'fleet.hypervisors', [6, 12]);
    expect(plan.issues).toEqual([]);
    expect(plan.cells.map((c) => [c!.a, c!.b])).toEqual([
      ['block', 6],
      ['block', 12],
      ['drop_newest', 6],
      ['drop_newest', 12],
    ]);
    expect(plan.cells[3]!.scenario.telemetry.buffer.whenFull).toBe('drop_newest');
    expect(plan.cells[3]!.scenario.fleet.hypervisors).toBe(12);
  });
  it('refuses the same parameter twice, drops refused values on both axes, and caps the cells', () => {
    expect(planSweep2D(base, 'fleet.hypervisors', [1], 'fleet.hypervisors', [2]).issues[0].message).toMatch(
      /two different parameters/,
    );
    const bad = planSweep2D(base, 'telemetry.buffer.whenFull', ['block', 'nope'], 'fleet.hypervisors', [6]);
    expect(bad.valuesA).toEqual(['block']);
    expect(bad.issues.some((i) => i.message.includes('"nope"'))).toBe(true);
    const many = Array.from({ length: 25 }, (_, i) => i + 1);
    const big = planSweep2D(base, 'fleet.hypervisors', many, 'seed', many);
    expect(big.cells.length).toBeLessThanOrEqual(MAX_SWEEP_CELLS);
    expect(big.issues.some((i) => i.action === 'clamped')).toBe(true);
  });
});
