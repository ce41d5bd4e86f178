// The comparison in a link's fragment (check --site): round trip, and untrusted input refused or
// trimmed with an issue saying what was ignored.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MAX_COMPARE_CHARS,
  MAX_COMPARE_FILES,
  decodeCompare,
  encodeCompare,
  type CompareLink,
} from '../../../src/scenario/index.ts';

const LINK: CompareLink = {
  current: [{ name: 'vector.toml', kind: 'vector', text: '[sinks.a]\ntype = "pulsar"\n' }],
  proposed: [{ name: 'sysctl.conf', text: 'kernel.hung_task_timeout_secs = 600\n' }],
  worlds: 12,
  from: 'seeds',
};
/** a fragment holding any JSON value, the way encodeCompare packs it */
const packed = (value: unknown) =>
  `compare=1.${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;

describe('the compare link', () => {
  it('round-trips files, kinds, worlds and the world source, beside other fragment pairs', async () => {
    const fragment = await encodeCompare(LINK);
    expect(fragment).toMatch(/^compare=1\.[A-Za-z0-9_-]+$/);
    expect(await decodeCompare(`#tab=x&${fragment}`)).toEqual({ link: LINK, issues: [] });
  });

  it('has nothing to say about a fragment without one', async () => {
    expect(await decodeCompare('')).toEqual({ link: null, issues: [] });
    expect(await decodeCompare('#section')).toEqual({ link: null, issues: [] });
  });

  it('refuses damaged, newer, oversized and inflating-bomb fragments whole, with a message', async () => {
    const message = async (hash: string) => {
      const r = await decodeCompare(hash);
      expect(r.link).toBeNull();
      return r.issues.map((i) => i.message).join('; ');
    };
    expect(await message('#compare=1.%%%')).toMatch(/damaged/);
    expect(await message('#compare=1.AAAA')).toMatch(/damaged/);
    expect(await message('#compare=2.AAAA')).toMatch(/newer Cascade \(format 2\)/);
    expect(await message('#compare=x')).toMatch(/damaged/);
    expect(await message(`#compare=1.${'A'.repeat(MAX_COMPARE_CHARS + 10)}`)).toMatch(/over 32768 characters/);
    // 4 MB of spaces inflate from a few KB: read no further than the limit
    const bomb = `compare=1.${deflateRawSync(Buffer.alloc(4_000_000, 32)).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(MAX_COMPARE_CHARS);
    expect(await message(bomb)).toMatch(/damaged or too large/);
    expect(await message(packed([1, 2]))).toMatch(/damaged/);
  });

  it('keeps what it can of a payload with bad fields and says what it ignored', async () => {
    const r = await decodeCompare(
      packed({
        current: [{ text: 'a' }, { name: 5, text: 'b' }, { kind: 'nginx', text: 'c' }, 'x', { name: 'n' }],
        proposed: Array.from({ length: MAX_COMPARE_FILES + 2 }, () => ({ text: 'p' })),
        worlds: 1e9,
        from: 'posterior',
      }),
    );
    expect(r.link!.current).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    expect(r.link!.proposed).toHaveLength(MAX_COMPARE_FILES);
    expect(r.link!.worlds).toBe(8);
    expect(r.link!.from).toBe('calibrated'); // DEFAULT_WORLD_SOURCE
    const said = r.issues.map((i) => i.message).join('\n');
    expect(said).toMatch(/file 3 of the current side names an unknown kind/);
    expect(said).toMatch(/file 4 of the current side has no text; skipped it/);
    expect(said).toMatch(/file 5 of the current side has no text/);
    expect(said).toMatch(/proposed side has 18 files, more than 16/);
    expect(said).toMatch(/worlds must be a whole number from 1 to 64; used 8/);
    expect(said).toMatch(/unknown world source "posterior"; used calibrated/);
  });
});
