// Instructor locks: an edit from anywhere keeps the values a link locked or hid.
import { describe, expect, it } from 'vitest';
import { holdPinned, pinnedBy, withParam } from '../../../src/ui/scenario-edit.ts';
import { loadPreset } from '../../../src/scenario/index.ts';

describe('holdPinned', () => {
  const base = loadPreset('workshop-outage')!;
  const pinned = pinnedBy(base, ['fleet.hypervisors'], ['telemetry.buffer.whenFull', 'no.such.path']);

  it('pins only real parameters, with the value the link opened', () => {
    expect(pinned).toEqual([
      { path: 'fleet.hypervisors', value: 12, why: 'locked' },
      { path: 'telemetry.buffer.whenFull', value: 'block', why: 'hidden' },
    ]);
  });
  it('refuses a change to a locked or hidden parameter and says what was kept', () => {
    const tried = withParam(base, 'fleet.hypervisors', 40).scenario;
    const held = holdPinned(tried, pinned);
    expect(held.scenario.fleet.hypervisors).toBe(12);
    expect(held.paths).toEqual(['fleet.hypervisors']);
    expect(held.message).toBe(
      'Hypervisors (fleet.hypervisors) is locked by the link: kept at 12, not 40. Only the link that set it can change it.',
    );
    const hidden = holdPinned(withParam(base, 'telemetry.buffer.whenFull', 'drop_newest').scenario, pinned);
    expect(hidden.scenario.telemetry.buffer.whenFull).toBe('block');
    expect(hidden.message).toContain('is hidden by the link');
  });
  it('keeps the pinned values across a whole new scenario (a preset) and lets the rest through', () => {
    const other = loadPreset('clevercloud-2024-08-02')!;
    const held = holdPinned(other, pinned);
    expect(held.scenario.fleet.hypervisors).toBe(12);
    expect(held.scenario.preset).toBe('clevercloud-2024-08-02');
    expect(held.scenario.messaging).toEqual(other.messaging);
  });
  it('lets an edit of another parameter through untouched', () => {
    const tried = withParam(base, 'seed', 9).scenario;
    const held = holdPinned(tried, pinned);
    expect(held).toEqual({ scenario: tried, message: '', paths: [] });
  });
});
