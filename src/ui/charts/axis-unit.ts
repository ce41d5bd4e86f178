// The unit a chart's axis reads best in: a size axis in MiB whose values reach 50,000 reads in GiB
// ("48.8 GiB", not "50K MiB"), one reaching 2,000,000 in TiB. Other units are left as they are
// (counts, seconds, shares, rates). Pure.

const BYTES: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };
const ORDER = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * For an axis in `unit` whose values reach `peak`: the unit to label it in (the largest binary
 * unit the peak reaches one of, never smaller than the axis' own) and the factor from `unit` into it.
 */
export function axisUnit(unit: string, peak: number): { unit: string; factor: number } {
  const own = BYTES[unit];
  if (own === undefined || !(peak > 0) || !Number.isFinite(peak)) return { unit, factor: 1 };
  let best: string = unit;
  for (const u of ORDER) if (BYTES[u] >= own && peak * own >= BYTES[u]) best = u;
  return { unit: best, factor: own / BYTES[best] };
}

interface Plotted {
  points?: { y: ArrayLike<number> };
  ghost?: { y: ArrayLike<number> };
  band?: { hi: ArrayLike<number> };
  axis?: 'y' | 'y1';
  scale?: number;
}

/** Both axes' units for a chart's lines (their points, ghosts and bands' tops, each line's scale). */
export function axisUnitsOf(
  lines: readonly Plotted[],
  yUnit: string,
  y1Unit = '',
): Record<'y' | 'y1', { unit: string; factor: number }> {
  const peak = { y: 0, y1: 0 };
  const top = (y: ArrayLike<number> | undefined, scale: number, axis: 'y' | 'y1') => {
    if (!y) return;
    for (let i = 0; i < y.length; i++) if (y[i] * scale > peak[axis]) peak[axis] = y[i] * scale;
  };
  for (const l of lines) {
    const axis = l.axis ?? 'y',
      scale = l.scale ?? 1;
    top(l.points?.y, scale, axis);
    top(l.ghost?.y, scale, axis);
    top(l.band?.hi, scale, axis);
  }
  return { y: axisUnit(yUnit, peak.y), y1: axisUnit(y1Unit, peak.y1) };
}
