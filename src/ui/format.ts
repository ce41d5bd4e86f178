// Numbers a person can read, in one place: every figure the page prints goes through here, by
// its unit (the property table's `unit`, or the summary's). Bytes read as KiB/MiB/GiB/TiB,
// durations as s/min/h, times of day as clock times, counts with thousands separators, shares
// as percentages of their total. `parseQuantity` is the way back: what a person types into a
// number box ("256MiB", "2 GiB", "30s", "1.5k") becomes a value in the parameter's own unit.
// What a suffix means is scenario's one unit vocabulary (src/scenario/units.ts): a bare K, M, G is
// binary (200M = 200 MiB, as journald and Pulsar read it), kB, MB, GB decimal, KiB, MiB binary.

import { clockLabel } from '../core/index.ts';
import {
  EVENT_KINDS,
  SIZE_NAMES,
  TABLE_UNITS,
  otherDimensions,
  suffixFactor,
  type Dimension,
  type ScenarioEvent,
} from '../scenario/index.ts';

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const nf1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 12,345.67 (at most two decimals) */
export function num(n: number): string {
  return nf.format(n);
}

/** 12,346: a whole count */
export function int(n: number): string {
  return nf.format(Math.round(n));
}

const sig = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** a figure to 3 significant digits (379.875 -> "380", 15.2083 -> "15.2"); from 1,000 a whole, grouped number */
export function sig3(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 1000 ? int(n) : sig.format(n);
}

/**
 * The core's words with four-digit counts grouped as well ("6850 VMs thrashed" -> "6,850 VMs
 * thrashed"): the core groups from five digits, to leave years alone in any text; its own texts
 * (the verdict, the event log) hold no years. Times, ids, dates and versions are left alone.
 */
export function groupCounts(text: string): string {
  return text.replace(/(?<![\w#:.,/-])(\d)(\d{3})(?![\w:,/]|[.-]\d)/g, '$1,$2');
}

/** 1.2M, 35K: for axis ticks and tight spots */
export function short(n: number): string {
  return Math.abs(n) >= 10_000 ? compact.format(n) : nf.format(Math.round(n * 100) / 100);
}

/** clock time of t seconds after minute 0 */
export function clock(clockStart: string, t: number): string {
  return clockLabel(clockStart, t);
}

/** "minute 10 (10:10)" */
export function minuteAt(clockStart: string, minute: number): string {
  return `minute ${num(minute)} (${clockLabel(clockStart, minute * 60)})`;
}

/** whole percent done, for progress */
export function pct(done: number, total: number): number {
  return total > 0 ? Math.round((100 * done) / total) : 0;
}

/** "45%" of the total; one decimal under 10 %, "<0.1%" for a tiny non-zero share, "–" without a total */
export function percentOf(part: number, total: number): string {
  if (!(total > 0)) return '–';
  const p = (100 * part) / total;
  if (p === 0) return '0%';
  if (Math.abs(p) < 0.1) return '<0.1%';
  return `${Math.abs(p) < 10 ? nf1.format(p) : nf.format(Math.round(p))}%`;
}

/** 268435488 -> "256 MiB", 52_965_000_000 -> "49.33 GiB": the largest binary unit under the value */
export function bytes(n: number): string {
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < SIZE_NAMES.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? int(v) : num(v)} ${SIZE_NAMES[i]}`;
}

/** a duration in seconds: "45 s", "2 min 30 s", "2 h 5 min", "3 d 4 h", "250 ms" */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (s === 0) return '0 s';
  if (s < 1) return `${sign}${num(s * 1000)} ms`;
  if (s < 120) return `${sign}${num(s)} s`;
  const parts = (big: number, bigU: string, small: number, smallU: string) =>
    `${sign}${int(big)} ${bigU}${small > 0 ? ` ${int(small)} ${smallU}` : ''}`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return parts(m, 'min', Math.round(s - m * 60), 's');
  }
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    return parts(h, 'h', Math.round((s - h * 3600) / 60), 'min');
  }
  const d = Math.floor(s / 86_400);
  return parts(d, 'd', Math.round((s - d * 86_400) / 3600), 'h');
}

/** How a value in `unit` reads: bytes and durations in the best unit, the rest with separators. */
export function quantity(value: number, unit: string): string {
  const dim = dimOf(unit);
  if (dim.kind === 'bytes') return bytes(value * dim.factor);
  if (dim.kind === 'time') return duration(value * dim.factor);
  if (unit === '%' || unit === '% of RAM') return `${num(value)}${unit === '%' ? '%' : ' % of RAM'}`;
  return unit ? `${num(value)} ${unit}` : num(value);
}

/** A number box's text: the exact value (shortest round-trip form) with thousands separators. */
export function inputText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (/e/i.test(s)) return s;
  const [whole, frac] = s.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** The readable form shown beside a number box when it says more than the box ("= 256 MiB"). */
export function readable(value: number, unit: string): string | null {
  const dim = dimOf(unit);
  if (dim.kind === 'count') return null;
  // under two minutes the box's own unit reads fine ("20 µs", "30 s")
  if (dim.kind === 'time' && Math.abs(value * dim.factor) < 120) return null;
  const text = quantity(value, unit);
  // "120 s" beside a box holding 120 (unit s) says nothing new
  return text === `${num(value)} ${unit}` ? null : text;
}

// ---- parsing what a person types ----

type Dim = { kind: Dimension; factor: number };

/** the property table's units by dimension (scenario's one vocabulary); any other unit is a count */
const dimOf = (unit: string): Dim => {
  const u = TABLE_UNITS[unit];
  return u ? { kind: u.dim, factor: u.factor } : { kind: 'count', factor: 1 };
};

const EXAMPLES: Record<Dim['kind'], string> = {
  bytes: 'e.g. 256MiB, 2GiB, 1.5GB',
  time: 'e.g. 30s, 2min, 1h',
  rate: 'e.g. 200MB/s, 1GiB/s',
  count: 'e.g. 1500, 1,500, 1.5k',
};

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a number box's text as a value in `unit`: a plain number is already in that unit;
 * a suffix is converted when it measures the same thing (bytes, time, transfer rate); counts
 * take k / M / G. Commas and spaces group digits. Never throws; the message says what was wrong.
 */
export function parseQuantity(text: string, unit: string): Parsed {
  const t = text.trim().replace(/(\d)[,_ ](?=\d{3}\b)/g, '$1');
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(.*)$/i.exec(t);
  const dim = dimOf(unit);
  const inUnit = unit ? ` in ${unit}` : '';
  if (!m) {
    return {
      ok: false,
      message: `“${text.trim()}” is not a number${inUnit} (${EXAMPLES[dim.kind]})`,
    };
  }
  const n = Number(m[1]);
  const suffix = m[2].trim();
  if (suffix === '' || suffix === unit || suffix.toLowerCase() === unit.toLowerCase()) return { ok: true, value: n };
  const f = suffixFactor(dim.kind, suffix);
  if (f === undefined && dim.kind === 'count')
    return { ok: false, message: `“${text.trim()}”: this value is a plain number${inUnit} (${EXAMPLES.count})` };
  if (f === undefined) {
    const other = otherDimensions(dim.kind, suffix)[0];
    const why = other
      ? `“${suffix}” measures ${other === 'bytes' ? 'size' : other}, this value is`
      : `unknown unit “${suffix}”; this value is`;
    return {
      ok: false,
      message: `“${text.trim()}”: ${why} ${dim.kind === 'bytes' ? 'a size' : dim.kind === 'rate' ? 'a transfer rate' : 'a time'}${inUnit} (${EXAMPLES[dim.kind]})`,
    };
  }
  // round away float noise from the conversion (2GiB in MiB is exactly 2048); a whole result is
  // exact already (3TiB in bytes has 13 digits)
  const value = (n * f) / dim.factor;
  const clean = Number.isInteger(value) ? value : Number(value.toPrecision(12));
  return { ok: true, value: clean };
}

const KIND_LABEL = new Map(EVENT_KINDS.map((k) => [k.kind, k.label]));

/**
 * Chart spans for a scenario's events, in seconds since minute 0 (instant events have no length),
 * named as the event editor names them ("Messaging outage", not the kind's key).
 */
export function eventSpans(events: readonly ScenarioEvent[]): { from: number; to: number; label: string }[] {
  return events.map((e) => ({
    from: e.atMinute * 60,
    to: (e.atMinute + ('durationMinutes' in e ? e.durationMinutes : 0)) * 60,
    label: KIND_LABEL.get(e.kind) ?? e.kind,
  }));
}
