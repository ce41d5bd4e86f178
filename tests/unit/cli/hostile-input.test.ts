// The fault drill, command line (issue 16): hostile input to sim (a file that never ends, deep
// nesting, tens of thousands of unknown keys, numbers beyond float64) exits 2 with a message that
// names the path, never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_UNKNOWN } from '../../../src/scenario/index.ts';
import { sim } from '../helpers.ts';

describe('fault drill: the CLI exits 2 with a message, never a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-faults-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const noTrace = (err: string) => {
    expect(err).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
    expect(err.split('\n').length).toBeLessThan(MAX_LISTED_UNKNOWN + 10);
  };

  it('reads /dev/zero with a limit and fails at once', () => {
    const r = sim('--scenario', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--scenario: "/dev/zero" is longer than 1000000 bytes; refused');
    noTrace(r.err);
  });

  it('a deep file, a deep --set value and a 50,000-part path', () => {
    const deep = file('deep.json', '{"x":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}');
    const deepObj = file('deep-obj.json', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
    for (const args of [
      ['--scenario', deep],
      ['--scenario', deepObj],
      ['--set', `x=${'['.repeat(30_000)}${']'.repeat(30_000)}`],
      ['--set', `${Array(50_000).fill('a').join('.')}=1`],
    ]) {
      const r = sim('--json', ...args);
      expect(r.code, args.join(' ').slice(0, 40)).toBe(2);
      expect(r.err).toMatch(/^sim: invalid scenario\n {2}(x|a(\.a)+): /);
      noTrace(r.err);
    }
  });

  it('summarises unknown keys, accepts a BOM, and says why 1e999 is refused', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 60_000; i++) wide[`k${i}`] = 1;
    const many = sim('--scenario', file('wide.json', JSON.stringify(wide)));
    expect(many.code).toBe(2);
    expect(many.err).toContain(`and ${60_000 - MAX_LISTED_UNKNOWN} more unknown parameters; ignored`);
    noTrace(many.err);
    const bom = sim('--json', '--scenario', file('bom.json', '\uFEFF{"fleet":{"hypervisors":4}}'));
    expect(bom.code).toBe(0);
    expect(JSON.parse(bom.out).hypervisors.total).toBe(4);
    const huge = sim('--set', 'fleet.hypervisors=1e999');
    expect(huge.code).toBe(2);
    expect(huge.err).toContain('fleet.hypervisors: must be a finite number in hosts (got "1e999"');
    const hex = sim('--seed', '0x10');
    expect(hex.code).toBe(2);
    expect(hex.err).toContain('--seed: must be a decimal number (got "0x10")');
  });
});
