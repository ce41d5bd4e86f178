// The fleet map's state colours stay apart in both schemes: at 2,000 hosts a cell is 9 px and
// carries no letter, so colour alone tells thrashing from panicked there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../src/ui/app.css', import.meta.url), 'utf8');
const STATES = ['healthy', 'pressured', 'thrashing', 'hung', 'panicked', 'rebooting', 'parked'];

/** the --s-* colours of the first block of the text */
function colours(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of STATES) {
    const m = new RegExp(`--s-${s}:\\s*(#[0-9a-f]{6})`, 'i').exec(block);
    if (m) out[s] = m[1];
  }
  return out;
}

/** CIE76 distance between two #rrggbb colours (sRGB, D65) */
function distance(a: string, b: string): number {
  const lab = (hex: string) => {
    const c = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    const x = (c[0] * 0.4124 + c[1] * 0.3576 + c[2] * 0.1805) / 0.95047,
      y = c[0] * 0.2126 + c[1] * 0.7152 + c[2] * 0.0722,
      z = (c[0] * 0.0193 + c[1] * 0.1192 + c[2] * 0.9505) / 1.08883;
    const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('fleet map state colours', () => {
  const light = colours(css);
  const dark = { ...light, ...colours(css.slice(css.indexOf('prefers-color-scheme: dark'))) };
  for (const [scheme, c] of [
    ['light', light],
    ['dark', dark],
  ] as const)
    it(`${scheme}: every two states are at least 28 apart, thrashing and panicked at least 45`, () => {
      expect(Object.keys(c)).toEqual(STATES);
      for (let i = 0; i < STATES.length; i++)
        for (let j = i + 1; j < STATES.length; j++)
          expect(distance(c[STATES[i]], c[STATES[j]]), `${STATES[i]} / ${STATES[j]}`).toBeGreaterThanOrEqual(28);
      expect(distance(c.thrashing, c.panicked)).toBeGreaterThanOrEqual(45);
    });
});
