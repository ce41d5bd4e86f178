// What a time chart draws besides its lines: the previous run's lines (ghosts, faint and dashed)
// and an ensemble's spread (bands, p05 to p95 filled), as chart.js datasets. Pure but for a cache
// of converted points.

import type { Points } from '../../worker/index.ts';
import type { BandPoints } from './band.ts';

type XY = { x: number; y: number }[];

interface Overlaid {
  label: string;
  /** a CSS custom property */
  color: string;
  axis?: 'y' | 'y1';
  scale?: number;
  ghost?: Points;
  band?: BandPoints;
}

/** a #rrggbb colour at an opacity (a hex alpha), anything else as it is */
const alpha = (c: string, a: string) => (/^#[0-9a-f]{6}$/i.test(c) ? `${c}${a}` : c);
/** label backgrounds: 80% */
export const translucent = (c: string): string => alpha(c, 'cc');
/** ghost lines: a third */
export const faint = (c: string): string => alpha(c, '59');
/** ensemble bands: a sixth */
export const bandFill = (c: string): string => alpha(c, '2e');

const bandConverted = new WeakMap<Float32Array, { scale: number; xy: XY }>();
function bandXY(t: Float32Array, y: Float32Array, scale: number): XY {
  let out = bandConverted.get(y);
  if (!out || out.scale !== scale) {
    out = { scale, xy: Array.from(y, (v, i) => ({ x: t[i], y: v * scale })) };
    bandConverted.set(y, out);
  }
  return out.xy;
}

/**
 * The ghosts and bands of `lines`: `css` resolves a colour, `xy` converts points at a scale,
 * `factor` is an axis' unit factor (axis-unit.ts). A band is two datasets: p05 (invisible) and
 * p95 filled down to it.
 */
export function overlays(
  lines: readonly Overlaid[],
  css: (name: string) => string,
  xy: (p: Points | undefined, scale: number) => XY,
  factor: (axis: 'y' | 'y1' | undefined) => number,
  bandLabel: string,
) {
  const ghosts = lines
    .filter((l) => l.ghost)
    .map((l) => {
      const color = faint(css(l.color));
      return {
        label: 'previous run (faint, dashed)',
        extra: 'ghost',
        data: xy(l.ghost, (l.scale ?? 1) * factor(l.axis)),
        borderColor: color,
        backgroundColor: color,
        borderDash: [5, 4],
        borderWidth: 1.4,
        yAxisID: l.axis ?? 'y',
        order: 1,
      };
    });
  const bands = lines
    .filter((l) => l.band)
    .flatMap((l) => {
      const fill = bandFill(css(l.color));
      const scale = (l.scale ?? 1) * factor(l.axis);
      const common = { borderWidth: 0, pointRadius: 0, borderColor: fill, yAxisID: l.axis ?? 'y', order: 2 };
      return [
        { ...common, label: `${l.label} p05`, extra: 'lo', data: bandXY(l.band!.t, l.band!.lo, scale), fill: false },
        {
          ...common,
          label: bandLabel,
          extra: 'band',
          data: bandXY(l.band!.t, l.band!.hi, scale),
          fill: '-1',
          backgroundColor: fill,
        },
      ];
    });
  return { ghosts, bands };
}
