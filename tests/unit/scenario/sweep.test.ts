import { describe, expect, it } from 'vitest';
import {
  PARAM_BY_PATH,
  PARAMS,
  loadPreset,
  planSweep,
  sweepValues,
  sweepableParams,
  MAX_SWEEP_POINTS,
} from '../../../src/scenario/index.ts';

const param = (path: string) => PARAM_BY_PATH.get(path)!;

describe('parameter sweeps', () => {
  it('sweeps every option of an enumeration or a boolean', () => {
    expect(sweepValues(param('telemetry.buffer.whenFull'))).toEqual(['block', 'drop_newest']);
    expect(sweepValues(param('hypervisor.hungTaskPanic'))).toEqual([false, true]);
  });

  it('sweeps numbers evenly within the range, whole for integers, without duplicates', () => {
    expect(sweepValues(param('vmSizes.pico.memoryMiB'), 256, 1024, 4)).toEqual([256, 512, 768, 1024]);
    expect(sweepValues(param('stepSeconds'), 1, 3, 9)).toEqual([1, 2, 3]);
    expect(sweepValues(param('stepSeconds'), -50, 500, 2)).toEqual([1, 30]); // clamped to the table's range
    expect(sweepValues(param('memory.readaheadFactor'), 1, 2, 3)).toEqual([1, 1.5, 2]);
    expect(sweepValues(param('fleet.zones'), 1, 32, 1000).length).toBeLessThanOrEqual(MAX_SWEEP_POINTS);
  });

  it('never offers the seed or text parameters', () => {
    expect(sweepableParams(PARAMS).some((p) => p.path === 'seed' || p.kind === 'string')).toBe(false);
  });

  it('builds one valid scenario per value and reports refused values', () => {
    const base = loadPreset('workshop-outage')!;
    const plan = planSweep(base, 'telemetry.source', ['socket', 'file', 'syslog']);
    expect(plan.points.map((p) => p.scenario.telemetry.source)).toEqual(['socket', 'file']);
    expect(plan.issues).toHaveLength(1);
    expect(plan.issues[0].message).toContain('"syslog"');
    expect(planSweep(base, 'fleet.racks', [1]).points).toEqual([]);
    // a knock-on change is run but said: a shorter run moves the outage that started later
    const late = { ...base, events: [{ atMinute: 100, kind: 'messagingOutage' as const, durationMinutes: 30 }] };
    const short = planSweep(late, 'durationMinutes', [60]);
    expect(short.points).toHaveLength(1);
    expect(short.issues.map((i) => i.path)).toEqual(['events[0].atMinute']);
    expect(sweepValues(param('fleet.zones'), 1, 3, Number.NaN).length).toBeGreaterThan(0);
  });
});
