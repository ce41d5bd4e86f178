// The random-stream registry (src/core/streams.ts): no two mechanisms share a keyed draw or a
// hash order, and the core draws only through the registry.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  HASH_ORDERS,
  KEYED,
  KNOWN_SHARED_ORDERS,
  TICKED,
  TICKED_SPAN,
  floatIndices,
  type HashOrder,
  type KeyedStream,
} from '../../../src/core/streams.ts';

const ROOT = resolve(__dirname, '../../../src/core');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Pairs of names whose streams collide by `same`. */
function collisions<T>(entries: Record<string, T>, same: (a: T, b: T) => boolean): string[][] {
  const names = Object.keys(entries),
    out: string[][] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      if (same(entries[names[i]], entries[names[j]])) out.push([names[i], names[j]]);
  return out;
}

const overlap = (a: KeyedStream, b: KeyedStream) => floatIndices(a).some((i) => floatIndices(b).includes(i));
const sameOrder = (a: HashOrder, b: HashOrder) => a.multiplier === b.multiplier;

describe('random streams', () => {
  it('gives every keyed draw float indices of its own, across VM and host keys', () => {
    expect(collisions<KeyedStream>(KEYED, overlap)).toEqual([]);
  });

  it('finds a shared key when there is one (the check can fail)', () => {
    const a: KeyedStream = { of: 'vm', draw: 'normal', index: 4, where: '' }, // floats 16..19
      b: KeyedStream = { of: 'host', draw: 'float', index: 17, where: '' };
    expect(collisions<KeyedStream>({ a, b }, overlap)).toEqual([['a', 'b']]);
  });

  it('gives every ticked stream negative keys of its own', () => {
    const bases = Object.values(TICKED).map((t) => t.keyBase);
    for (const b of bases) expect(b).toBeLessThan(0);
    for (let i = 0; i < bases.length; i++)
      for (let j = i + 1; j < bases.length; j++)
        expect(Math.abs(bases[i] - bases[j])).toBeGreaterThanOrEqual(TICKED_SPAN);
    for (const [name, t] of Object.entries(TICKED))
      expect(readFileSync(join(ROOT, t.where), 'utf8'), name).toContain(`TICKED.${name}`);
  });

  it('gives every hash order a multiplier of its own, but for the pair known to share one', () => {
    const known = KNOWN_SHARED_ORDERS.map((p) => [...p].sort().join(' '));
    const shared = collisions<HashOrder>(HASH_ORDERS, sameOrder).map((p) => [...p].sort().join(' '));
    expect(shared.sort()).toEqual(known.sort()); // and the known list is not stale
  });

  it('draws keyed figures and hash orders only through the registry', () => {
    const offenders: string[] = [];
    for (const file of sources(ROOT)) {
      const name = relative(ROOT, file);
      if (name === 'rng.ts' || name === 'streams.ts') continue;
      const text = readFileSync(file, 'utf8');
      for (const call of keyedCalls(text))
        if (!call.includes('KEYED.') && !call.includes('TICKED.') && !/_KEY\b/.test(call))
          offenders.push(`${name}: ${call}`);
      // a ticked draw names its registry entry next to the call
      for (const call of keyedCalls(text))
        if (/_KEY\b/.test(call) && !text.includes('TICKED.')) offenders.push(`${name}: ${call} (no TICKED entry)`);
      for (const o of Object.values(HASH_ORDERS))
        if (text.toLowerCase().includes(`0x${o.multiplier.toString(16)}`)) offenders.push(`${name}: hash multiplier`);
    }
    expect(offenders).toEqual([]);
    // and each stream is drawn where the registry says
    for (const [name, k] of Object.entries(KEYED))
      expect(readFileSync(join(ROOT, k.where), 'utf8'), name).toContain(`KEYED.${name}.`);
    for (const [name, o] of Object.entries(HASH_ORDERS))
      expect(readFileSync(join(ROOT, o.where), 'utf8'), name).toContain(`HASH_ORDERS.${name}`);
    expect(keyedCalls('keyedNormal(s.seed, id, KEY_X + 1)')).toEqual(['keyedNormal(s.seed, id, KEY_X + 1)']);
  });
});

/** Every call of keyedFloat or keyedNormal in a source text, arguments included (balanced parentheses). */
function keyedCalls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bkeyed(?:Float|Normal)\(/g)) {
    let depth = 0,
      i = m.index;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
    }
    const call = text.slice(m.index, i + 1);
    if (!/^keyed\w+\(\s*\w+\s*:/.test(call)) out.push(call); // not a declaration's parameter list
  }
  return out;
}
