// The bench's yardstick and profile reader (no timing is asserted here: speed is measured by
// `npm run bench`, never by a unit test).
import { describe, expect, it } from 'vitest';
import { LeanKernel } from '../../../src/cli/lean-kernel.ts';
import { selfTimes } from '../../../src/cli/profile-summary.ts';
import { measureEnsemble } from '../../../src/cli/bench-ensemble.ts';
import { fleetBundledMain, main } from '../../../src/cli/bench.ts';
import { loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';

describe('lean kernel', () => {
  it('is deterministic and does the work (the checksum depends on the outage)', () => {
    const a = new LeanKernel(10, 40, 5).run(800, 50, 650);
    const b = new LeanKernel(10, 40, 5).run(800, 50, 650);
    const c = new LeanKernel(10, 40, 5).run(800, 800, 800);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(Number.isFinite(a) && a > 0).toBe(true);
  });
});

describe('profile summary', () => {
  it('adds self time by function and ranks it', () => {
    const frame = (functionName: string) => ({ functionName, url: '' });
    const rows = selfTimes({
      nodes: [
        { id: 1, callFrame: frame('memorySystem') },
        { id: 2, callFrame: frame('telemetrySystem') },
      ],
      samples: [1, 2, 1, 1],
      timeDeltas: [1000, 1000, 1000, 1000],
    });
    expect(rows.map((r) => r.name)).toEqual(['memorySystem', 'telemetrySystem']);
    expect(rows[0].ms).toBe(3);
    expect(rows[0].share).toBeCloseTo(0.75);
  });
});

describe('ensemble bench', WHOLE_RUNS, () => {
  it('runs every member in every record mode and finds the same summaries', () => {
    const base = loadPreset('workshop-outage')!;
    const s = parseScenario({
      ...base,
      durationMinutes: 90,
      fleet: { ...base.fleet, hypervisors: 2, zones: 1 },
    }).scenario;
    const l = measureEnsemble('small', s, 3, 1);
    expect(l.identical).toBe(true);
    expect(l.members).toBe(3);
    expect(l.steps).toBe((90 * 60) / s.stepSeconds);
    for (const x of [l.full, l.series, l.summary]) expect(x).toBeGreaterThan(0);
  });
});

describe('bench command line', () => {
  /** `npm run -s bench -- ...args`, in process: what a child process would give */
  const bench = (...args: string[]) => {
    let stdout = '',
      stderr = '';
    const status = main(args, {
      out: (t) => {
        stdout += t;
      },
      err: (t) => {
        stderr += t;
      },
    });
    return { status, stdout, stderr };
  };
  it('refuses an unknown flag or a missing value with a message and its usage, not a stack trace', () => {
    const r = bench('--nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--nope'");
    expect(r.stderr).toContain('usage: npm run -s bench');
    expect(r.stderr).not.toContain('    at ');
    const m = bench('--hours');
    expect(m.status).toBe(2);
    expect(m.stderr).toContain('--hours');
    const h = bench('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('--replay');
  });
  it('--bundled refuses bad rounds or hours before it builds anything, and --help names it', async () => {
    let err = '';
    const io = { out: () => {}, err: (t: string) => (err += t) };
    expect(await fleetBundledMain(['--bundled', '--rounds', '0'], io)).toBe(2);
    expect(err).toContain('--rounds an integer in 1..20');
    const h = bench('--help');
    expect(h.stdout).toContain('--bundled');
  });
});
