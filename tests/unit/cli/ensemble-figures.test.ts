// The CLI's ensemble summary prints figures to 3 significant digits ("mean 380", not "mean 379.875").
import { describe, expect, it } from 'vitest';
import { readable, type EnsembleOutput } from '../../../src/cli/ensemble.ts';

const spread = (mean: number) => ({ p05: 0, p50: 1, p95: 2, mean, min: 0, max: 2 });

describe('sim --ensemble, readable output', () => {
  it('rounds means to 3 significant digits and groups thousands', () => {
    const out = {
      schema: 1,
      scenario: 'workshop-outage',
      seed: 1,
      clockStart: '10:00',
      ensemble: {
        members: 8,
        seeds: { first: 1, last: 8 },
        varyAssumptions: false,
        anyPanicProbability: 1,
        panicked: spread(379.875),
        firstPanicMinute: null,
        vmsDown: spread(12345.678),
        droppedPercent: spread(15.2083),
        lostPercent: spread(0.123456),
        hypervisors: 2000,
        assumptions: [],
        sensitivity: [],
        sensitivityNoise: 0.71,
      },
      words: ['hypervisors panic in 8 of 8 worlds'],
    } as unknown as EnsembleOutput;
    const text = readable(out);
    expect(text).toContain('panicked     mean 380 of 2,000;');
    expect(text).toContain('VMs down     mean 12,346;');
    expect(text).toContain('dropped      mean 15.2% of events; lost mean 0.123%');
    expect(text).not.toMatch(/\d\.\d{4}/);
  });
});
