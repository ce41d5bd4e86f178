// Sliders for the few parameters that decide the story, beside their number boxes. A slider
// moves over SLIDER_STEPS positions; a range spanning three decades or more is log-scaled, so
// 256 MiB and 64 GiB are both reachable. Positions map to values rounded to 3 significant
// digits (whole numbers for int parameters), always inside the table's range.

import type { NumberParam } from '../../scenario/index.ts';

/** the parameters with a slider: VM sizes and mix, the buffer, hung_task, the fleet */
export function hasSlider(path: string): boolean {
  return (
    /^fleet\.(vmMix\.\w+|hypervisors)$/.test(path) ||
    /^vmSizes\.\w+\.memoryMiB$/.test(path) ||
    path === 'telemetry.buffer.maxEvents' ||
    path === 'telemetry.buffer.maxSizeBytes' ||
    path === 'telemetry.eventsPerSecond' ||
    path === 'hypervisor.hungTaskTimeoutSeconds' ||
    path === 'hypervisor.hungTaskCheckIntervalSeconds' ||
    path === 'messaging.brokers' ||
    path === 'proxy.leakPercent'
  );
}

export const SLIDER_STEPS = 1000;

interface Scale {
  log: boolean;
  /** the smallest value on the log part of the scale (min, or 1 when min is 0) */
  lo: number;
}

function scale(p: NumberParam): Scale {
  const lo = p.min > 0 ? p.min : 1;
  return { log: p.max / lo >= 1000, lo };
}

export function isLogScale(p: NumberParam): boolean {
  return scale(p).log;
}

function round(p: NumberParam, v: number): number {
  const r = p.kind === 'int' ? Math.round(v) : Number(v.toPrecision(3));
  const nice = p.kind === 'int' && r >= 1000 ? Number(r.toPrecision(3)) : r;
  return Math.min(p.max, Math.max(p.min, nice));
}

/** The value at slider position k (0..SLIDER_STEPS). */
export function valueAt(p: NumberParam, k: number): number {
  const t = Math.min(1, Math.max(0, k / SLIDER_STEPS));
  const s = scale(p);
  if (!s.log) return round(p, p.min + t * (p.max - p.min));
  // position 0 is the minimum itself (0 when the range starts at 0)
  if (k <= 0) return p.min;
  return round(p, s.lo * Math.pow(p.max / s.lo, t));
}

/** The slider position closest to value v. */
export function positionOf(p: NumberParam, v: number): number {
  const s = scale(p);
  if (!s.log) return Math.round(((v - p.min) / (p.max - p.min || 1)) * SLIDER_STEPS);
  if (v <= s.lo) return v <= p.min ? 0 : 1;
  return Math.round((Math.log(v / s.lo) / Math.log(p.max / s.lo)) * SLIDER_STEPS);
}
