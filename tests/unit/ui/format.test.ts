// The page's number formatting and the parsing of what a person types into a number box.
import { describe, expect, it } from 'vitest';
import {
  bytes,
  duration,
  inputText,
  int,
  parseQuantity,
  percentOf,
  quantity,
  readable,
} from '../../../src/ui/format.ts';
import { PARAMS } from '../../../src/scenario/index.ts';

describe('format', () => {
  it('bytes in binary units', () => {
    expect(bytes(268435488)).toBe('256 MiB');
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(51_725.617 * 2 ** 20)).toBe('50.51 GiB');
    expect(bytes(1099511627776)).toBe('1 TiB');
  });
  it('counts with thousands separators', () => {
    expect(int(1102687437)).toBe('1,102,687,437');
    expect(int(142942.6)).toBe('142,943');
  });
  it('durations in the unit a person would say', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(0.25)).toBe('250 ms');
    expect(duration(45)).toBe('45 s');
    expect(duration(150)).toBe('2 min 30 s');
    expect(duration(7200)).toBe('2 h');
    expect(duration(163.5 * 60)).toBe('2 h 44 min');
    expect(duration(86_400 * 3 + 3600 * 4)).toBe('3 d 4 h');
  });
  it('percentages of the total', () => {
    expect(percentOf(45, 100)).toBe('45%');
    expect(percentOf(1, 30)).toBe('3.3%');
    expect(percentOf(1, 3)).toBe('33%');
    expect(percentOf(1, 100_000)).toBe('<0.1%');
    expect(percentOf(0, 10)).toBe('0%');
    expect(percentOf(3, 0)).toBe('–');
  });
  it('quantities by the property table unit', () => {
    expect(quantity(268435488, 'B')).toBe('256 MiB');
    expect(quantity(4096, 'MiB')).toBe('4 GiB');
    expect(quantity(120, 's')).toBe('2 min');
    expect(quantity(240, 'min')).toBe('4 h');
    expect(quantity(50_000, 'lookups')).toBe('50,000 lookups');
    expect(quantity(10, '%')).toBe('10%');
  });
  it('a number box shows the exact value, grouped, so it reads back unchanged', () => {
    expect(inputText(268435488)).toBe('268,435,488');
    expect(inputText(0.01)).toBe('0.01');
    expect(inputText(12345.678)).toBe('12,345.678');
    expect(inputText(7)).toBe('7');
    for (const n of [268435488, 0.01, 12345.678, 4294967295, 1e-7, 123456789.123]) {
      expect(parseQuantity(inputText(n), 'B')).toEqual({ ok: true, value: n });
    }
  });
  it('readable says more than the box, or nothing', () => {
    expect(readable(268435488, 'B')).toBe('256 MiB');
    expect(readable(30, 's')).toBeNull();
    expect(readable(3600, 's')).toBe('1 h');
    expect(readable(500, 'events')).toBeNull();
    expect(readable(20, 'µs')).toBeNull();
    expect(readable(150, 's')).toBe('2 min 30 s');
  });
});

describe('parseQuantity', () => {
  it('reads sizes in the parameter unit', () => {
    expect(parseQuantity('256MiB', 'B')).toEqual({ ok: true, value: 268435456 });
    expect(parseQuantity('2 GiB', 'MiB')).toEqual({ ok: true, value: 2048 });
    expect(parseQuantity('2gib', 'MiB')).toEqual({ ok: true, value: 2048 });
    expect(parseQuantity('1.5GB', 'B')).toEqual({ ok: true, value: 1.5e9 });
    expect(parseQuantity('512', 'MiB')).toEqual({ ok: true, value: 512 });
    expect(parseQuantity('512 MiB', 'MiB')).toEqual({ ok: true, value: 512 });
    expect(parseQuantity('1TiB', 'GiB')).toEqual({ ok: true, value: 1024 });
  });
  it('reads times in the parameter unit', () => {
    expect(parseQuantity('30s', 's')).toEqual({ ok: true, value: 30 });
    expect(parseQuantity('2min', 's')).toEqual({ ok: true, value: 120 });
    expect(parseQuantity('2h', 'min')).toEqual({ ok: true, value: 120 });
    expect(parseQuantity('90s', 'min')).toEqual({ ok: true, value: 1.5 });
    expect(parseQuantity('1.5 s', 'ms')).toEqual({ ok: true, value: 1500 });
    expect(parseQuantity('20us', 'µs')).toEqual({ ok: true, value: 20 });
  });
  it('reads rates and counts', () => {
    expect(parseQuantity('1GB/s', 'MB/s')).toEqual({ ok: true, value: 1000 });
    expect(parseQuantity('200k', 'events')).toEqual({ ok: true, value: 200_000 });
    expect(parseQuantity('1.5M', 'lookups')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseQuantity('142,943', 'events')).toEqual({ ok: true, value: 142_943 });
    expect(parseQuantity('1 000 000', 'events')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseQuantity('25 %', '%')).toEqual({ ok: true, value: 25 });
  });
  it('says what was wrong, with examples', () => {
    const bad = parseQuantity('abc', 'MiB');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/“abc” is not a number in MiB \(e\.g\. 256MiB/);
    const wrongDim = parseQuantity('30s', 'MiB');
    expect(wrongDim.ok).toBe(false);
    if (!wrongDim.ok) expect(wrongDim.message).toMatch(/“s” measures time, this value is a size in MiB/);
    const unknown = parseQuantity('3 parsecs', 's');
    if (!unknown.ok) expect(unknown.message).toMatch(/unknown unit “parsecs”/);
    else throw new Error('accepted parsecs');
    const empty = parseQuantity('', 'VMs');
    expect(empty.ok).toBe(false);
    expect(parseQuantity('5 GiB', 'VMs').ok).toBe(false);
  });
  it('every unit in the property table reads its own plain numbers and printed form', () => {
    for (const p of PARAMS) {
      if (p.kind !== 'int' && p.kind !== 'number') continue;
      expect(parseQuantity(inputText(p.default), p.unit), p.path).toEqual({ ok: true, value: p.default });
      expect(parseQuantity(`${p.default} ${p.unit}`, p.unit), p.path).toEqual({ ok: true, value: p.default });
    }
  });
});
