// The fault drill for `sim merge` (issue 27): member lines copied, edited, truncated or forged,
// and files that never end. Each must exit 2 with one message naming the file and line (never a
// stack trace, never a summary with exit 0), and the work done must be bounded: a file is read
// line by line, never whole, and the header's member count is checked before anything is kept.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withChanges } from '../../../src/core/index.ts';
import { loadPreset, parseScenario, type ValidScenario } from '../../../src/scenario/index.ts';
import { runEnsembleCli } from '../../../src/cli/ensemble.ts';
import { eachLine, mergeCli } from '../../../src/cli/merge.ts';
import { MEMBER_LINE_FORMAT, checkMemberLine } from '../../../src/cli/member-lines.ts';
import { sim } from '../helpers.ts';

/** the workshop outage on 3 hosts for 3 h: panics in every world */
function small(): ValidScenario {
  const base = loadPreset('workshop-outage')!;
  return parseScenario({ ...base, durationMinutes: 180, fleet: { ...base.fleet, hypervisors: 3, zones: 1 } }).scenario;
}

type Line = Record<string, unknown> & { header: Record<string, unknown>; a: Record<string, unknown> };

function shardLines(opts: { varyAssumptions?: boolean; b?: ValidScenario | null } = {}): Line[] {
  const out: string[] = [];
  runEnsembleCli(
    small(),
    {
      members: 4,
      varyAssumptions: opts.varyAssumptions ?? false,
      b: opts.b ?? null,
      fixed: [],
      shard: { part: 1, count: 1 },
    },
    (t) => out.push(t),
    false,
  );
  return out
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

const dir = mkdtempSync(join(tmpdir(), 'cascade-merge-faults-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `f${n++}.jsonl`);
  writeFileSync(p, text);
  return p;
}
const text = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

function merge(...files: string[]): { code: number; out: string; err: string[] } {
  const out: string[] = [],
    err: string[] = [];
  const code = mergeCli(
    files,
    false,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join(''), err };
}

/** exit 2, one message naming the file (and the line when given) matching `re`, nothing written */
function refused(r: ReturnType<typeof merge>, re: RegExp, at?: string): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(re);
  if (at) expect(r.err[0]).toContain(at);
  expect(r.err[0]).not.toMatch(/\n\s+at |TypeError|RangeError/);
}

const base = shardLines();
const copy = (): Line[] => JSON.parse(JSON.stringify(base));

describe('fault drill: sim merge reads the one versioned member-line format', () => {
  it('writes the format version on every line and its header, and merges them', () => {
    for (const l of base) {
      expect(l.format).toBe(MEMBER_LINE_FORMAT);
      expect(l.header.format).toBe(MEMBER_LINE_FORMAT);
      expect(l.header.fleet).toEqual({ hypervisors: 3, minutes: 180 });
    }
    expect(merge(file(text(base))).code).toBe(0);
  });

  it('refuses a line without a format version, or of another version', () => {
    const old = copy().map(({ format: _f, ...rest }) => ({ ...rest, header: { ...rest.header, format: undefined } }));
    refused(
      merge(file(text(old))),
      /without a format version \(written by an older sim\): run that shard again/,
      ':1:',
    );
    const next = copy().map((l) => ({ ...l, format: MEMBER_LINE_FORMAT + 1 }));
    refused(
      merge(file(text(next))),
      new RegExp(`format ${MEMBER_LINE_FORMAT + 1}: this sim reads format ${MEMBER_LINE_FORMAT}`),
    );
  });

  it('refuses a header that is not one: 1, {}, assumptions "x", a wrong fleet (no stack trace)', () => {
    for (const [header, re] of [
      [1, /header must be an object \(got 1\)/],
      [{}, new RegExp(`header\\.format must be ${MEMBER_LINE_FORMAT}`)],
      [{ ...base[0].header, assumptions: 'x' }, /header\.assumptions must be a list/],
      [
        { ...base[0].header, fleet: { hypervisors: 0, minutes: 180 } },
        /header\.fleet\.hypervisors must be a whole number in 1\.\./,
      ],
      [{ ...base[0].header, clockStart: '<b>' }, /header\.clockStart must be text like/],
      [
        { ...base[0].header, against: [{ path: '__proto__', value: 1 }] },
        /against must be empty when compared is false|against\[0\]\.path is not a parameter/,
      ],
    ] as const) {
      const lines = copy().map((l) => ({ ...l, header }));
      refused(merge(file(text(lines))), re, ':1:');
    }
  });
});

describe('fault drill: sim merge refuses anything that does not add up', () => {
  it('a header claiming 300,000,000 or 100,000 members (the most is 256): refused before anything is kept', () => {
    for (const members of [300_000_000, 100_000, 257, 0, -5, '8', 4.5]) {
      const lines = copy().map((l) => ({ ...l, header: { ...l.header, members } }));
      refused(merge(file(text(lines))), /header\.members must be a whole number in 1\.\.256/, ':1:');
    }
  });

  it('a header count of 2 over 4 lines: the third line is outside the count', () => {
    const lines = copy().map((l) => ({ ...l, header: { ...l.header, members: 2 } }));
    refused(merge(file(text(lines))), /:3: a\.index must be a whole number in 0\.\.1 \(got 2\)/);
  });

  it('a copied line, or its index edited to 4, -1, 0.5 or 1e308: never "5 of 5 worlds"', () => {
    const f = file(text([...copy(), copy()[1]]));
    refused(merge(f), /member 1 appears twice/, `${f}:5`);
    for (const index of [4, -1, 0.5, 1e308]) {
      const extra = copy()[0];
      extra.a = { ...extra.a, index };
      refused(merge(file(text([...copy(), extra]))), /a\.index must be a whole number in 0\.\.3/, ':5:');
    }
    // the same member in two files (two shards run with the same K)
    refused(merge(file(text(copy())), file(text(copy().slice(0, 1)))), /member 0 appears twice/);
  });

  it('a member whose seed is not the header seed + its index', () => {
    const lines = copy();
    lines[2].a = { ...lines[2].a, seed: 99 };
    refused(merge(file(text(lines))), /a\.seed must be 3 for member 2 of seed 1 \(got 99\)/, ':3:');
  });

  it('figures out of range for the fleet: panicked "lots", 1e999, 50 of 3 hosts; percentages; first panic', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ panicked: 'lots' }, /a\.panicked must be a whole number in 0\.\.3 \(got "lots"\)/],
      [{ panicked: 50 }, /a\.panicked must be a whole number in 0\.\.3 \(got 50\)/],
      [{ hypervisors: 12 }, /a\.hypervisors must be a whole number in 3\.\.3/],
      [{ droppedPercent: 140 }, /a\.droppedPercent must be a number in 0\.\.100/],
      [{ droppedPercent: 60, lostPercent: 60 }, /droppedPercent \+ lostPercent must be at most 100/],
      [{ vms: 1e9 }, /a\.vms must be a whole number in 0\.\.250000/],
      [{ vmsDown: -1 }, /a\.vmsDown must be a whole number/],
      [{ firstPanicMinute: null }, /firstPanicMinute must be a minute in 0\.\.180/],
      [{ firstPanicMinute: 900 }, /firstPanicMinute must be a minute in 0\.\.180/],
      [{ panicked: 0 }, /firstPanicMinute must be null when nothing panicked/],
    ];
    for (const [over, re] of cases) {
      const lines = copy();
      lines[3].a = { ...lines[3].a, ...over };
      refused(merge(file(text(lines))), re, ':4:');
    }
    // 1e999 as written: JSON reads it as Infinity
    const raw = text(copy()).replace(/"panicked":\d+/, '"panicked":1e999');
    refused(merge(file(raw)), /a\.panicked must be a whole number in 0\.\.3 \(got Infinity\)/, ':1:');
  });

  it("draws that are not the header's assumptions, or outside their ranges", () => {
    const varied = shardLines({ varyAssumptions: true });
    const a = varied[0].header.assumptions as { path: string; lo: number; hi: number }[];
    expect(a.length).toBeGreaterThan(3);
    const lines = JSON.parse(JSON.stringify(varied)) as Line[];
    (lines[1].a.draws as { value: number }[])[0].value = a[0].hi * 10;
    refused(merge(file(text(lines))), new RegExp(`a\\.draws\\[0\\]\\.value must be a number in`), ':2:');
    const short = JSON.parse(JSON.stringify(varied)) as Line[];
    (short[0].a.draws as unknown[]).pop();
    refused(merge(file(text(short))), /draws must hold one value per assumption/, ':1:');
    expect(merge(file(text(varied))).code).toBe(0);
  });

  it('B must be there exactly when the header names a change, and be the same world as A', () => {
    const b = withChanges(small(), [{ path: 'telemetry.buffer.whenFull', value: 'drop_newest' }]).scenario;
    const paired = shardLines({ b });
    expect(paired[0].b).toBeDefined();
    expect(merge(file(text(paired))).code).toBe(0);
    const noB = paired.map(({ b: _b, ...rest }) => rest);
    refused(merge(file(text(noB))), /b is missing/);
    const other = JSON.parse(JSON.stringify(paired)) as (Line & { b: Record<string, unknown> })[];
    other[1].b = { ...other[1].b, index: 2, seed: 3 };
    refused(merge(file(text(other))), /b must be the same world as a/, ':2:');
    const stray = copy().map((l) => ({ ...l, b: l.a }));
    refused(merge(file(text(stray))), /b must be absent/);
  });

  it('lines of two ensembles, and a missing member', () => {
    const other = copy().map((l) => ({ ...l, header: { ...l.header, fingerprint: '00000000' } }));
    refused(merge(file(text(copy().slice(0, 2))), file(text(other.slice(2)))), /belongs to another ensemble/, ':1');
    refused(merge(file(text(copy().slice(0, 3)))), /1 of 4 members missing \(first: 3\)/);
  });

  it('not JSON, not UTF-8, an empty file', () => {
    refused(merge(file('{"kind":')), /:1 is not a JSON line/);
    const p = join(dir, 'latin1.jsonl');
    writeFileSync(p, Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
    refused(merge(p), /:1 is not UTF-8 text/);
    refused(merge(file('\n\n')), /hold no member lines/);
    refused(merge(join(dir, 'absent.jsonl')), /cannot read/);
  });
});

describe('fault drill: sim merge reads boundedly', () => {
  it("reads /dev/zero one line's worth, then refuses it", () => {
    refused(merge('/dev/zero'), /\/dev\/zero:1 is longer than 1000000 bytes: not a member line/);
  });

  it('stops at a file over the size limit and a line over the line limit, whatever the chunking', () => {
    const seen: number[] = [];
    const p = file('a\n'.repeat(50) + 'x'.repeat(300) + '\n');
    expect(eachLine(p, (_t, line) => void seen.push(line), { fileBytes: 1000, lineBytes: 200 })).toMatch(
      /:51 is longer than 200 bytes/,
    );
    expect(seen).toHaveLength(50);
    expect(eachLine(p, () => undefined, { fileBytes: 150, lineBytes: 1000 })).toMatch(/larger than 150 bytes/);
    // a line split over many chunks is read whole, and the last line needs no newline
    const long = 'y'.repeat(200_000);
    const got: string[] = [];
    expect(eachLine(file(`${long}\nz`), (t) => void got.push(t))).toBeUndefined();
    expect(got).toEqual([long, 'z']);
  });

  it('the checker never throws on any JSON value', () => {
    for (const v of [
      null,
      1,
      'x',
      [],
      {},
      { kind: 'ensemble-member', format: MEMBER_LINE_FORMAT },
      { kind: 'ensemble-member', format: MEMBER_LINE_FORMAT, header: base[0].header },
    ])
      expect('error' in checkMemberLine(v)).toBe(true);
  });

  it('the CLI prints the message and exits 2, no stack trace', () => {
    const lines = copy().map((l) => ({ ...l, header: 1 }));
    const r = sim('merge', file(text(lines)), '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^merge: .*:1: header must be an object \(got 1\)\n$/);
    expect(r.out).toBe('');
  });
});
