// The numbers in the core's words: grouped and rounded the same on every machine, ids and times untouched.
import { describe, expect, it } from 'vitest';
import { count, readable } from '../../../src/core/text.ts';

describe('readable numbers in the event log and the verdict', () => {
  it('groups counts of five digits and more, leaves years, ids, times and versions alone', () => {
    expect(count(8614206)).toBe('8,614,206');
    expect(count(2024)).toBe('2024');
    expect(count(-12345)).toBe('-12,345');
    expect(readable('Kernel panic (hung_task_panic=1): 77 VMs die, 8614206 telemetry events they held are lost.')).toBe(
      'Kernel panic (hung_task_panic=1): 77 VMs die, 8,614,206 telemetry events they held are lost.',
    );
    expect(readable('at 11:56:01 on hv-12345, Pulsar 3.3.1, VM #123456, 1.5e9, 2.35 GB/s, 0.444 GB/s')).toBe(
      'at 11:56:01 on hv-12345, Pulsar 3.3.1, VM #123456, 1.5e9, 2.35 GB/s, 0.444 GB/s',
    );
  });

  it('rounds floating point noise (four decimals and more), keeping the magnitude readable', () => {
    expect(readable('a 96.29999999999998 MiB working set')).toBe('a 96.3 MiB working set');
    expect(readable('409095.2729259661 agent notifications were lost')).toBe('409,095 agent notifications were lost');
    expect(readable('waited 0.123456 s')).toBe('waited 0.12 s');
    expect(readable('12345.5 MiB')).toBe('12,345.5 MiB');
  });
});
