// The one unit vocabulary (src/scenario/units.ts): what each suffix means, with the sources'
// own examples, and that a config importer and a number box read the same text as the same
// number (they disagreed: k was 1024 in configs and 1000 on the page).
import { describe, expect, it } from 'vitest';
import {
  PARAMS,
  SIZE_SUFFIXES,
  TABLE_UNITS,
  TIME_SUFFIXES,
  parseBytes,
  parseSeconds,
  suffixFactor,
} from '../../../src/scenario/index.ts';
import { parseBytes as configBytes, parseSeconds as configSeconds } from '../../../src/scenario/configs/units.ts';
import { bytes, parseQuantity } from '../../../src/ui/format.ts';

const Ki = 1024;

describe('the unit vocabulary', () => {
  it('reads a bare K, M, G, T as binary, as journald.conf(5) and Pulsar size strings do', () => {
    // journald.conf(5): "K, M, G, T, P, E ... (equal to 1024, 1024², ... bytes)"
    expect(parseBytes('200M')).toBe(200 * Ki ** 2);
    expect(parseBytes('4G')).toBe(4 * Ki ** 3);
    // pulsar-admin ByteUnitUtil: "(4096, 100K, 10M, 16G, 2T)", K = 1024
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('100K')).toBe(100 * Ki);
    expect(parseBytes('10M')).toBe(10 * Ki ** 2);
    expect(parseBytes('16G')).toBe(16 * Ki ** 3);
    expect(parseBytes('2T')).toBe(2 * Ki ** 4);
    expect(parseBytes('200m')).toBe(parseBytes('200M'));
  });

  it('reads an "i" as binary and a "B" without it as decimal (IEC / SI)', () => {
    expect(parseBytes('1KiB')).toBe(Ki);
    expect(parseBytes('1Ki')).toBe(Ki);
    expect(parseBytes('256MiB')).toBe(268435456);
    expect(parseBytes('1kB')).toBe(1000);
    expect(parseBytes('1KB')).toBe(1000);
    expect(parseBytes('1MB')).toBe(1e6);
    expect(parseBytes('1.5GB')).toBe(1.5e9);
    expect(parseBytes('1TB')).toBe(1e12);
    // Vector's buffer.max_size is a plain number of bytes
    expect(parseBytes(268435488)).toBe(268435488);
    expect(parseBytes('268435488')).toBe(268435488);
    expect(parseBytes('2 parsecs')).toBeNull();
    expect(parseBytes('1constructor')).toBeNull();
  });

  it('reads durations with the systemd.time spellings and counts as thousands', () => {
    expect(parseSeconds('20us')).toBeCloseTo(20e-6, 12);
    expect(parseSeconds('20µs')).toBeCloseTo(20e-6, 12);
    expect(parseSeconds('500ms')).toBe(0.5);
    expect(parseSeconds('5min')).toBe(300);
    expect(parseSeconds('2h')).toBe(7200);
    expect(parseSeconds('1d')).toBe(86_400);
    expect(parseSeconds('30', 60)).toBe(1800);
    expect(suffixFactor('count', 'k')).toBe(1000);
    expect(suffixFactor('count', 'M')).toBe(1e6);
    expect(suffixFactor('count', 'm')).toBeUndefined();
    expect(suffixFactor('count', 'toString')).toBeUndefined();
  });

  it('means the same number in a config file and in a number box', () => {
    for (const s of Object.keys(SIZE_SUFFIXES).filter((k) => k !== '')) {
      for (const text of [`3${s}`, `3${s.toUpperCase()}`]) {
        const fromConfig = configBytes(text);
        expect(fromConfig, text).not.toBeNull();
        expect(parseQuantity(text, 'B'), text).toEqual({ ok: true, value: fromConfig });
      }
    }
    for (const s of Object.keys(TIME_SUFFIXES).filter((k) => /^[a-z]+$/.test(k))) {
      expect(parseQuantity(`3${s}`, 's'), s).toEqual({
        ok: true,
        value: Number(configSeconds(`3${s}`)!.toPrecision(12)),
      });
    }
    expect(parseQuantity('1.5k', 'events')).toEqual({ ok: true, value: 1500 });
    expect(parseQuantity('1.5k', 'B')).toEqual({ ok: true, value: 1536 });
  });

  it('shows sizes in binary units that read back unchanged', () => {
    for (const n of [1, 1536, 268435456, 3 * Ki ** 3, 5 * Ki ** 4]) {
      expect(parseQuantity(bytes(n), 'B'), bytes(n)).toEqual({ ok: true, value: n });
    }
  });

  it('knows every measuring unit of the property table', () => {
    const measuring = /^(B|[KMGT]i?B|[KMGT]i?B\/s|µs|ms|s|min|h)$/;
    for (const p of PARAMS)
      if ('unit' in p && measuring.test(p.unit)) expect(TABLE_UNITS, `${p.path}: ${p.unit}`).toHaveProperty([p.unit]);
  });
});
