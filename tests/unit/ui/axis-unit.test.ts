// Chart axes in sizes read in the unit their values reach: no "50K MiB", no "2M MiB".
import { describe, expect, it } from 'vitest';
import { axisUnit, axisUnitsOf } from '../../../src/ui/charts/axis-unit.ts';
import { overlays } from '../../../src/ui/charts/overlays.ts';

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

describe('axisUnitsOf', () => {
  const pts = (...y: number[]) => ({ t: Float32Array.from(y, (_, i) => i), y: Float32Array.from(y) });
  it("reads each axis' peak from its lines, ghosts and bands, each at its scale", () => {
    const u = axisUnitsOf(
      [
        { points: pts(10, 20), ghost: pts(60_000) }, // the ghost reaches GiB
        { points: pts(1), axis: 'y1', scale: 3 },
      ],
      'MiB',
      'hosts',
    );
    expect(u.y).toEqual({ unit: 'GiB', factor: 1 / 1024 });
    expect(u.y1).toEqual({ unit: 'hosts', factor: 1 });
    const band = { t: Float32Array.of(0), lo: Float32Array.of(0), hi: Float32Array.of(3_000_000) };
    expect(axisUnitsOf([{ points: pts(1), band }], 'MiB').y.unit).toBe('TiB');
  });
});

describe('overlays', () => {
  it('draws ghosts faint and dashed, and a band as two datasets, in the unit of their axis', () => {
    const ghost = { t: Float32Array.of(0, 60), y: Float32Array.of(2048, 4096) };
    const band = { t: Float32Array.of(0), lo: Float32Array.of(1024), hi: Float32Array.of(2048) };
    const xy = (p: { t: Float32Array; y: Float32Array } | undefined, scale: number) =>
      p ? Array.from(p.y, (y, i) => ({ x: p.t[i], y: y * scale })) : [];
    const { ghosts, bands } = overlays(
      [{ label: 'in RAM', color: '--c1', ghost, band }],
      () => '#336699',
      xy,
      () => 1 / 1024,
      'p05–p95 of 8 worlds',
    );
    expect(ghosts).toHaveLength(1);
    expect(ghosts[0]).toMatchObject({ borderColor: '#33669959', borderDash: [5, 4], extra: 'ghost' });
    expect(ghosts[0].data).toEqual([
      { x: 0, y: 2 },
      { x: 60, y: 4 },
    ]);
    expect(bands.map((b) => [b.extra, b.label, b.data[0].y])).toEqual([
      ['lo', 'in RAM p05', 1],
      ['band', 'p05–p95 of 8 worlds', 2],
    ]);
  });
});
