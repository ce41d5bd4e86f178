// One unit vocabulary: what a size, rate, duration or count suffix means, whether it is written
// in a config file the page imports (journald.conf, a Vector config, Pulsar settings) or typed
// into a number box, and what the property table's `unit` strings measure. The config importers
// (configs/units.ts) and the page (ui/format.ts) both read suffixes through this module, so the
// same text means the same number everywhere.
//
// Sizes:
// - with an "i", binary (IEC 80000-13): Ki, KiB = 1024; Mi, MiB = 1024^2; Gi, GiB; Ti, TiB.
// - with a "B" and no "i", decimal (SI): kB, KB = 1000; MB = 10^6; GB = 10^9; TB = 10^12.
// - a bare letter K, M, G, T is binary, as the tools whose configs the page reads write it:
//   journald.conf(5) takes "K, M, G, T, P, E as units for the specified sizes (equal to 1024,
//   1024², ... bytes)", and Pulsar's size strings ("100K, 10M, 16G, 2T" in pulsar-admin,
//   org.apache.pulsar.cli.converters.ByteUnitUtil) use K = 1024. Vector takes sizes as a plain
//   number of bytes (buffer.max_size is a NonZeroU64, lib/vector-buffers/src/config.rs; its docs
//   call 268435488 bytes "~256 megabytes"); a plain number is bytes here too.
// - letters are read in any case ("200m" = "200M"), as journald and Pulsar do.
// Rates: the size rule per second (MB/s = 10^6 B/s, as the table's diskReadMBps; MiB/s binary).
// Durations: µs/us, ms, s/sec, m/min, h/hr, d (the systemd.time(7) spellings).
// Counts (events, lookups): k, M, G are thousand, million, billion; a count is no size.
// Sizes are shown in binary units with their IEC names (KiB, MiB, GiB), so what the page shows
// reads back unchanged.

export type Dimension = 'bytes' | 'time' | 'rate' | 'count';

const KiB = 1024;

/** size suffixes (lower case) -> bytes */
export const SIZE_SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: KiB,
  ki: KiB,
  kib: KiB,
  kb: 1e3,
  m: KiB ** 2,
  mi: KiB ** 2,
  mib: KiB ** 2,
  mb: 1e6,
  g: KiB ** 3,
  gi: KiB ** 3,
  gib: KiB ** 3,
  gb: 1e9,
  t: KiB ** 4,
  ti: KiB ** 4,
  tib: KiB ** 4,
  tb: 1e12,
};

/** rate suffixes (lower case) -> bytes per second */
export const RATE_SUFFIXES: Readonly<Record<string, number>> = {
  'b/s': 1,
  'kb/s': 1e3,
  'kib/s': KiB,
  'mb/s': 1e6,
  'mib/s': KiB ** 2,
  'gb/s': 1e9,
  'gib/s': KiB ** 3,
};

/** duration suffixes (lower case) -> seconds */
export const TIME_SUFFIXES: Readonly<Record<string, number>> = {
  µs: 1e-6,
  μs: 1e-6,
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  m: 60,
  min: 60,
  h: 3600,
  hr: 3600,
  d: 86_400,
};

/** multipliers of plain counts ("200k events", "1.5M"); case matters (m is no count prefix) */
export const COUNT_SUFFIXES: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9 };

/** binary size names, each 1024 times the one before: how sizes are shown */
export const SIZE_NAMES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** The property table's `unit` strings that measure something, and one of each in bytes, seconds or bytes/s. */
export const TABLE_UNITS: Readonly<Record<string, { dim: Exclude<Dimension, 'count'>; factor: number }>> = {
  B: { dim: 'bytes', factor: 1 },
  KiB: { dim: 'bytes', factor: KiB },
  MiB: { dim: 'bytes', factor: KiB ** 2 },
  GiB: { dim: 'bytes', factor: KiB ** 3 },
  'MB/s': { dim: 'rate', factor: 1e6 },
  'MiB/s': { dim: 'rate', factor: KiB ** 2 },
  µs: { dim: 'time', factor: 1e-6 },
  ms: { dim: 'time', factor: 1e-3 },
  s: { dim: 'time', factor: 1 },
  min: { dim: 'time', factor: 60 },
};

const BY_DIM: Record<Exclude<Dimension, 'count'>, Readonly<Record<string, number>>> = {
  bytes: SIZE_SUFFIXES,
  rate: RATE_SUFFIXES,
  time: TIME_SUFFIXES,
};

/**
 * What one of `suffix` is in bytes, bytes/s, seconds or units (count), or undefined when the
 * suffix does not measure that dimension. Sizes, rates and durations ignore case; counts do not.
 */
export function suffixFactor(dim: Dimension, suffix: string): number | undefined {
  if (dim === 'count') return suffix === '' ? 1 : own(COUNT_SUFFIXES, suffix);
  return own(BY_DIM[dim], suffix.toLowerCase());
}
const own = (table: Readonly<Record<string, number>>, key: string): number | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The dimensions other than `dim` in which `suffix` means something (for a message). */
export function otherDimensions(dim: Dimension, suffix: string): Exclude<Dimension, 'count'>[] {
  return (['bytes', 'time', 'rate'] as const).filter((d) => d !== dim && suffixFactor(d, suffix) !== undefined);
}

/** Bytes from "268435488", "256MiB", "2GiB", "200M" (= 200 MiB), "1MB" (= 10^6). Null when it is not a size. */
export function parseBytes(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : null;
  const m = /^\s*(\d{1,15}(?:\.\d{1,6})?)\s*([kmgt]i?b?|b)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = suffixFactor('bytes', m[2] ?? '');
  return unit === undefined ? null : Math.round(Number(m[1]) * unit);
}

/** Seconds from "30", "30s", "500ms", "5min" (a bare number is in `bareUnit` seconds). */
export function parseSeconds(text: string | number, bareUnit = 1): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text * bareUnit : null;
  const m = /^\s*(\d{1,15}(?:\.\d{1,6})?)\s*([a-zµ]{0,3})\s*$/i.exec(text);
  if (!m) return null;
  if (!m[2]) return Number(m[1]) * bareUnit;
  const unit = suffixFactor('time', m[2]);
  return unit === undefined ? null : Number(m[1]) * unit;
}
