// Unit conversion for config values as their own tools write them.

const BINARY: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1e12,
  tib: 1024 ** 4,
};

/**
 * Bytes from "268435488", "256MiB", "2GiB", "200M" (systemd's K/M/G are 1024-based, as
 * systemd.syntax(7) says; "MB" is 1,000,000). Null when it is not a size.
 */
export function parseBytes(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : null;
  const m = /^\s*(\d{1,15}(?:\.\d{1,6})?)\s*([kmgt]i?b?|b)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = BINARY[(m[2] ?? '').toLowerCase()];
  return unit === undefined ? null : Math.round(Number(m[1]) * unit);
}

const SECONDS: Record<string, number> = {
  '': 1,
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  m: 60,
  min: 60,
  h: 3600,
  hr: 3600,
};

/** Seconds from "30", "30s", "500ms", "5min" (a bare number is in `bareUnit` seconds). */
export function parseSeconds(text: string | number, bareUnit = 1): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text * bareUnit : null;
  const m = /^\s*(\d{1,15}(?:\.\d{1,6})?)\s*([a-z]{0,3})\s*$/i.exec(text);
  if (!m) return null;
  if (!m[2]) return Number(m[1]) * bareUnit;
  const unit = SECONDS[m[2].toLowerCase()];
  return unit === undefined ? null : Number(m[1]) * unit;
}

/** A whole number (no units); null otherwise. */
export function parseInteger(text: string | number): number | null {
  if (typeof text === 'number') return Number.isInteger(text) ? text : null;
  return /^\s*-?\d{1,15}\s*$/.test(text) ? Number(text) : null;
}

/** true/false from the spellings configs use (1/0, yes/no, on/off, true/false). */
export function parseBool(text: string | number | boolean): boolean | null {
  if (typeof text === 'boolean') return text;
  const t = String(text).trim().toLowerCase();
  if (['1', 'yes', 'true', 'on'].includes(t)) return true;
  if (['0', 'no', 'false', 'off'].includes(t)) return false;
  return null;
}
