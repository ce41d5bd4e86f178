// The incidents' observations (scenario/observations.ts): one schema for every incident preset,
// each figure with a tolerance that holds the seed's own figure, and the workshop with none.
import { describe, expect, it } from 'vitest';
import {
  INCIDENTS,
  OBSERVED_FIGURES,
  checkIncidents,
  fits,
  incidentOf,
  presetNames,
  type Incident,
} from '../../../src/scenario/index.ts';

describe('observations', () => {
  it('every incident keeps the schema', () => {
    expect(checkIncidents(INCIDENTS, presetNames())).toEqual([]);
  });

  it('every preset but the workshop replays an incident with measured observations', () => {
    expect(incidentOf('workshop-outage')).toBeUndefined();
    for (const name of presetNames().filter((n) => n !== 'workshop-outage')) {
      const inc = incidentOf(name);
      expect(inc, name).toBeDefined();
      // two at least: 2017's third (every host maintained) comes the next day, after the run
      expect(inc!.observations.filter((o) => o.measured).length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('the schema check names what is broken', () => {
    const good = INCIDENTS[0];
    const broken: Incident = {
      ...good,
      preset: 'no-such-preset',
      observations: [
        { ...good.observations[0], lo: 200, hi: 100 },
        { ...good.observations[0], figure: 'nope' as (typeof OBSERVED_FIGURES)[number] },
        { ...good.observations[1], id: 'x', target: 500 },
        { ...good.observations[1], id: 'y', measured: false },
      ],
    };
    const problems = checkIncidents([broken], presetNames()).join('\n');
    expect(problems).toContain('no-such-preset: not a preset');
    expect(problems).toContain('lo above hi');
    expect(problems).toContain('unknown figure nope');
    expect(problems).toContain('id must be unique');
    expect(problems).toContain("x: the seed's own figure 500 is outside");
    expect(problems).toContain("y: measured must be false exactly for 'unmeasured'");
  });

  it('a figure fits inclusive bounds, open ends, and never when missing', () => {
    const o = { ...INCIDENTS[0].observations[0], lo: 10, hi: 20 };
    expect([9, 10, 20, 21].map((x) => fits(o, x))).toEqual([false, true, true, false]);
    expect(fits(o, null)).toBe(false);
    expect(fits({ ...o, hi: null }, 1e9)).toBe(true);
  });

  it('the 2024 panics must come after the brokers are back (12:28), around 12:47', () => {
    const first = incidentOf('clevercloud-2024-08-02')!.observations.find((o) => o.id === 'first-panic')!;
    expect(first.lo).toBe(148); // 12:28 on a clock starting at 10:00
    expect(first.target).toBe(167); // 12:47
    expect(fits(first, 118)).toBe(false); // today's seed-1 replay: 11:58
  });
});
