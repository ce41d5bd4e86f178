// Numbers and names the page prints from the core: four-digit counts grouped, ids, times and
// dates untouched; event spans named as the event editor names them.
import { describe, expect, it } from 'vitest';
import { eventSpans, groupCounts } from '../../../src/ui/format.ts';
import { loadPreset } from '../../../src/scenario/index.ts';

describe('groupCounts', () => {
  it('groups four-digit counts the core leaves as they are', () => {
    expect(groupCounts('1234 of 2000 hypervisors panicked: 6850 VMs thrashed')).toBe(
      '1,234 of 2,000 hypervisors panicked: 6,850 VMs thrashed',
    );
    expect(groupCounts('8,614,206 events; 12 hosts; 999 VMs')).toBe('8,614,206 events; 12 hosts; 999 VMs');
  });

  it('leaves times, host names, VM ids, dates, versions and decimals alone', () => {
    const text = 'at 11:22:41 on hv-1234, VM #4567, 2024-08-02, Pulsar 3.3.1, 1234.5 MiB, 10:10–12:10';
    expect(groupCounts(text)).toBe(text);
  });
});

describe('eventSpans', () => {
  it('names a span by the event kind’s label, never its key', () => {
    const spans = eventSpans(loadPreset('workshop-outage')!.events);
    expect(spans[0].label).toBe('Messaging outage');
    expect(spans.map((s) => s.label).join()).not.toMatch(/[a-z][A-Z]/); // no camelCase key
  });
});
