// Every default is either sourced (a doc, code file or seed named in `source`), a scenario choice,
// or typical with a plausible range that lies inside the row's valid range and contains the default.
import { describe, expect, it } from 'vitest';
import {
  ASSUMPTION_ROWS,
  EVENT_KINDS,
  PARAMS,
  assumptionRows,
  parseScenario,
  setPath,
  type Param,
} from '../../../src/scenario/index.ts';

/** A source that names where it comes from: a file, a doc page, a seed, a man page or a named config key. */
const CITES =
  /seed 00\d|\.(c|h|rs|java|conf|go|ts|txt|rst|md)\b|\(\d\)|\bdocs?\b|kernel|qemu|vector|pulsar|systemd|journald|kube|Kubernetes|vendor data|fc\.qemu|MODEL\.md/i;

const numberRows = (ps: readonly Param[]) => ps.filter((p) => p.kind === 'int' || p.kind === 'number');
const eventFields = EVENT_KINDS.flatMap((k) => k.fields.map((f) => ({ ...f, path: `${k.kind}.${f.path}` })));

describe('typical ranges (issue 10)', () => {
  for (const p of [...PARAMS, ...eventFields]) {
    it(`${p.path}: sourced, a scenario choice, or typical with a range`, () => {
      const typicalText = /\btypical\b/i.test(p.source);
      const choice = p.source.startsWith('scenario choice');
      if ((p.kind === 'int' || p.kind === 'number') && p.typical) {
        const { lo, hi, why } = p.typical;
        expect(typicalText, `${p.path} has a range, so its source should say typical`).toBe(true);
        expect(lo, p.path).toBeLessThan(hi);
        expect(lo, p.path).toBeGreaterThanOrEqual(p.min);
        expect(hi, p.path).toBeLessThanOrEqual(p.max);
        expect(p.default, p.path).toBeGreaterThanOrEqual(lo);
        expect(p.default, p.path).toBeLessThanOrEqual(hi);
        if (p.kind === 'int') expect(Number.isInteger(lo) && Number.isInteger(hi), p.path).toBe(true);
        expect(why.length, `${p.path}: say why`).toBeGreaterThan(20);
      } else {
        // no range: the default must not be a guess
        expect(typicalText, `${p.path} says typical but has no plausible range`).toBe(false);
        expect(choice || CITES.test(p.source), `${p.path}: name the doc or code file (${p.source})`).toBe(true);
      }
    });
  }

  it('lists the assumption rows (path, lo, hi) in table order, and only those', () => {
    const withRange = numberRows(PARAMS).filter((p) => (p.kind === 'int' || p.kind === 'number') && p.typical);
    expect(ASSUMPTION_ROWS.map((r) => r.path)).toEqual(withRange.map((p) => p.path));
    expect(ASSUMPTION_ROWS.length).toBeGreaterThan(60);
    const disk = ASSUMPTION_ROWS.find((r) => r.path === 'hypervisor.diskReadMBps')!;
    expect(disk).toMatchObject({ lo: 550, hi: 6500, default: 2000, int: false, unit: 'MB/s' });
    expect(ASSUMPTION_ROWS.find((r) => r.path === 'fleet.vmMix.pico')).toMatchObject({ lo: 20, hi: 80, int: true });
    // sourced rows are not assumptions
    for (const path of ['telemetry.buffer.maxEvents', 'hypervisor.hungTaskTimeoutSeconds', 'seed', 'stepSeconds'])
      expect(
        ASSUMPTION_ROWS.some((r) => r.path === path),
        path,
      ).toBe(false);
    expect(assumptionRows([])).toEqual([]);
  });

  it('accepts every corner of the box as is (each row at lo, then each at hi)', () => {
    for (const end of ['lo', 'hi'] as const) {
      for (const r of ASSUMPTION_ROWS) {
        const raw: Record<string, unknown> = {};
        setPath(raw, r.path, r[end]);
        const { issues } = parseScenario(raw);
        expect(
          issues.filter((i) => i.path === r.path),
          `${r.path}=${r[end]}`,
        ).toEqual([]);
      }
    }
  });
});
