// Compact goldens of every preset (its own seed): the summary, the event log (count, kinds, and FNV-1a
// hashes of its structure and of its text) and an FNV-1a hash of the Float32 bytes of every
// fleet series at every step, with the max and last value of each so a diff says where a run
// moved, plus hashes of the per-host and per-VM arrays. A model change that moves any of them
// must regenerate the files on purpose, in its own commit saying why:
//   UPDATE_GOLDEN=1 npx vitest run tests/unit/model/golden.test.ts
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SERIES, type SimResult } from '../../../src/core/index.ts';
import { presetNames } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';
import { fullRun } from './runs.ts';

function fnv(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
const hex = (h: number) => h.toString(16).padStart(8, '0');
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const hashText = (lines: string[]) => hex(fnv(new TextEncoder().encode(lines.join('\n'))));
const hashArrays = (arrays: ArrayBufferView[]) => hex(arrays.reduce((h, a) => fnv(bytesOf(a), h), 0x811c9dc5));

/** "hash max last" of one series (the numbers at 7 significant digits, to read a diff by). */
function seriesLine(a: Float32Array): string {
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  const n = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(7)) : x);
  return `${hex(fnv(bytesOf(a)))} max ${n(max)} last ${n(a[a.length - 1])}`;
}

export function compactGolden(r: SimResult) {
  const { perf: _perf, ...summary } = r.summary;
  const byShort: Record<string, number> = {};
  for (const e of r.events) byShort[e.short] = (byShort[e.short] ?? 0) + 1;
  const events = {
    count: r.events.length,
    byShort,
    structure: hashText(
      r.events.map((e) => `${e.id} ${e.t} ${e.component} ${e.severity} hv${e.hv} <${e.cause}> ${e.short}`),
    ),
    text: hashText(r.events.map((e) => e.what)),
  };
  const series = Object.fromEntries(SERIES.map(({ key }) => [key, seriesLine(r.series[key])]));
  const h = r.hosts,
    v = r.vms;
  const arrays = {
    hosts: hashArrays([h.state, h.diskReadMBps, h.dStateSeconds, h.psiFull, h.backlogRamMiB]),
    vms: hashArrays([v.hostOf, v.sizeOf, v.anonMiB, v.cacheMiB, v.down]),
  };
  return { summary, events, series, arrays };
}

/** One line per entry of each section: small files whose diffs read well. */
function serialize(g: ReturnType<typeof compactGolden>): string {
  const section = (o: Record<string, unknown>) =>
    '{\n' +
    Object.entries(o)
      .map(([k, x]) => `  ${JSON.stringify(k)}: ${JSON.stringify(x)}`)
      .join(',\n') +
    '\n }';
  return (
    '{\n' +
    Object.entries(g)
      .map(([k, x]) => ` ${JSON.stringify(k)}: ${section(x as Record<string, unknown>)}`)
      .join(',\n') +
    '\n}\n'
  );
}

describe('compact goldens', () => {
  it('cover every preset', () => {
    expect(presetNames().sort()).toEqual(
      ['clevercloud-2022-04', 'clevercloud-2024-08-02', 'flyingcircus-2017-08-02', 'workshop-outage'].sort(),
    );
  });

  for (const preset of presetNames()) {
    it(`${preset} matches tests/unit/model/golden/${preset}.json`, () => {
      const file = new URL(`./golden/${preset}.json`, import.meta.url);
      const now = compactGolden(fullRun(scenarioWith({}, preset)));
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(new URL('./golden/', import.meta.url), { recursive: true });
        writeFileSync(file, serialize(now));
      }
      expect(existsSync(file), 'the golden file is missing: regenerate it on purpose with UPDATE_GOLDEN=1').toBe(true);
      const golden = JSON.parse(readFileSync(file, 'utf8'));
      expect(now.summary).toEqual(golden.summary);
      expect(now.events).toEqual(golden.events);
      expect(now.series).toEqual(golden.series);
      expect(now.arrays).toEqual(golden.arrays);
    });
  }
});
