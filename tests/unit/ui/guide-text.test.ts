// The first-visit guide names the incident of the preset on screen and a change that fits it.
import { describe, expect, it } from 'vitest';
import { PRESETS, getPath, loadPreset, parseScenario } from '../../../src/scenario/index.ts';
import { guideText, tryText } from '../../../src/ui/guide/guide-text.ts';
import { withParam } from '../../../src/ui/scenario-edit.ts';

describe('guide text per preset', () => {
  it('every preset has its own incident, and the change starts from the preset’s own value', () => {
    const seen = new Set<string>();
    for (const p of PRESETS) {
      const g = guideText(p.name);
      expect(seen.has(g.incident), p.name).toBe(false);
      seen.add(g.incident);
      const s = loadPreset(p.name)!;
      expect(String(getPath(s as unknown as Parameters<typeof getPath>[0], g.param)), p.name).toBe(g.from);
      // the value to try is taken as it is
      const to = Number.isNaN(Number(g.to)) ? g.to : Number(g.to);
      expect(withParam(s, g.param, to).issues, p.name).toEqual([]);
    }
  });

  it('no preset but the workshop is called a messaging outage of two hours', () => {
    for (const p of PRESETS.filter((x) => x.name !== 'workshop-outage'))
      expect(guideText(p.name).incident).not.toContain('two-hour messaging outage');
  });

  it('says the control by its group and label, and fits any other scenario', () => {
    expect(tryText(guideText('workshop-outage'))).toBe(
      'in the Telemetry agent group, set “When the buffer is full” from block to drop_newest',
    );
    const any = guideText('custom');
    expect(any.incident).toBe('the events on its timeline');
    expect(parseScenario({}).scenario.telemetry.buffer.whenFull).toBe(any.from);
  });
});
