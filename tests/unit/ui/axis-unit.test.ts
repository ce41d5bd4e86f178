// Chart axes in sizes read in the unit their values reach: no "50K MiB", no "2M MiB".
import { describe, expect, it } from 'vitest';
import { axisUnit } from '../../../src/ui/charts/axis-unit.ts';

describe('axisUnit', () => {
  it('moves a MiB axis to GiB or TiB when its values reach them', () => {
    expect(axisUnit('MiB', 600)).toEqual({ unit: 'MiB', factor: 1 });
    expect(axisUnit('MiB', 50_000)).toEqual({ unit: 'GiB', factor: 1 / 1024 });
    expect(axisUnit('MiB', 2_000_000)).toEqual({ unit: 'TiB', factor: 1 / 1024 ** 2 });
    // never below the axis' own unit
    expect(axisUnit('GiB', 0.5)).toEqual({ unit: 'GiB', factor: 1 });
  });

  it('leaves other units and empty charts alone', () => {
    expect(axisUnit('hosts', 2_000_000)).toEqual({ unit: 'hosts', factor: 1 });
    expect(axisUnit('GB/s', 25)).toEqual({ unit: 'GB/s', factor: 1 });
    expect(axisUnit('MiB', 0)).toEqual({ unit: 'MiB', factor: 1 });
  });
});
