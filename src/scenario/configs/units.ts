// Unit conversion for config values as their own tools write them.

// Sizes and durations follow the one vocabulary (../units.ts): "200M" is 200 MiB as journald and
// Pulsar read it, "1MB" is 10^6 bytes.
export { parseBytes, parseSeconds } from '../units.ts';

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
