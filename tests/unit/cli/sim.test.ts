// The CLI contract kept stable for acceptance checks.
import { describe, expect, it } from 'vitest';
import { sim, WHOLE_RUNS } from '../helpers.ts';

describe('npm run sim', WHOLE_RUNS, () => {
  it('prints one JSON summary with the contract fields and exact accounting', () => {
    const r = sim('--json', '--set', 'fleet.hypervisors=4');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining([
        'schema',
        'scenario',
        'seed',
        'simulatedMinutes',
        'hypervisors',
        'vms',
        'telemetry',
        'perf',
      ]),
    );
    expect(s.scenario).toBe('workshop-outage');
    expect(s.hypervisors).toEqual(
      expect.objectContaining({ total: 4, panicked: expect.any(Number), peakDiskReadGBps: expect.any(Number) }),
    );
    expect('firstPanicMinute' in s.hypervisors).toBe(true);
    expect(s.vms).toEqual(
      expect.objectContaining({ total: 304, crashed: expect.any(Number), oomKills: expect.any(Number) }),
    );
    const t = s.telemetry;
    expect(t.produced).toBe(t.delivered + t.buffered + t.dropped + t.lost);
    expect(s.perf.vmSteps).toBe(304 * 2880);
  });

  it('takes a bare string, JSON values, a seed and a preset', () => {
    const r = sim(
      '--json',
      '--scenario',
      'workshop-outage',
      '--set',
      'telemetry.buffer.whenFull=drop_newest',
      '--set',
      'hypervisor.hungTaskPanic=true',
      '--seed',
      '9',
    );
    const s = JSON.parse(r.out);
    expect(s.seed).toBe(9);
    expect(s.hypervisors.panicked).toBe(0);
    expect(s.hypervisors.firstPanicMinute).toBeNull();
  });

  it('prints a readable summary by default', () => {
    const r = sim();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hypervisors panicked/);
    expect(r.out).toMatch(/telemetry\s+produced/);
  });

  it('exits 2 naming the path on bad input', () => {
    const bad = sim('--set', 'telemetry.buffer.whenFull=sometimes');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('telemetry.buffer.whenFull');
    const unknown = sim('--set', 'fleet.racks=3');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('fleet.racks: unknown parameter');
    expect(sim('--scenario', 'no-such-thing').code).toBe(2);
    expect(sim('--seed', 'abc').code).toBe(2);
    expect(sim('--bogus').code).toBe(2);
  });
});
