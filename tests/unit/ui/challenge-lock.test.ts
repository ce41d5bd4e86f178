// A challenge locks every control it does not allow, and the scripted events: an edit from
// anywhere (a field, the event editor, a preset, a file) keeps them, and says so.
import { describe, expect, it } from 'vitest';
import { holdPinned, pinnedBy, withEvents, withParam } from '../../../src/ui/scenario-edit.ts';
import { decodeLink, loadPreset } from '../../../src/scenario/index.ts';

describe('a challenge locks the rest', () => {
  const d = decodeLink('?v=2&preset=workshop-outage&seed=1&goal=nopanic&allow=telemetry.buffer.whenFull');
  const pinned = pinnedBy(d.scenario, d.options.lock, d.options.hide);

  it('pins the events with the parameters', () => {
    expect(pinned.find((p) => p.path === 'events')).toEqual({
      path: 'events',
      value: d.scenario.events,
      why: 'locked',
    });
  });

  it('an event edit is refused and the events are kept as the link gave them', () => {
    const held = holdPinned(withEvents(d.scenario, []).scenario, pinned);
    expect(held.scenario.events).toEqual(d.scenario.events);
    expect(held.paths).toEqual(['events']);
    expect(held.message).toBe(
      'the scripted events are locked by the link: kept as they were. Only the link that set it can change it.',
    );
  });

  it('the allowed control changes; a preset keeps the locked ones and the events', () => {
    const ok = holdPinned(withParam(d.scenario, 'telemetry.buffer.whenFull', 'drop_newest').scenario, pinned);
    expect(ok.message).toBe('');
    expect(ok.scenario.telemetry.buffer.whenFull).toBe('drop_newest');
    const other = holdPinned(loadPreset('clevercloud-2024-08-02')!, pinned);
    expect(other.scenario.fleet.hypervisors).toBe(12);
    expect(other.scenario.events).toEqual(d.scenario.events);
    expect(other.paths).toContain('events');
  });
});
