// The page's words for parameters, values, ensembles and paired comparisons: labels not paths,
// the page's arrow not an ASCII one, figures to 3 significant digits with thousands grouped.
import { describe, expect, it } from 'vitest';
import type { EnsembleSummary, PairedComparison } from '../../../src/core/index.ts';
import { sig3 } from '../../../src/ui/format.ts';
import { changeText, changesText, optionText, paramLabel, valueText } from '../../../src/ui/words.ts';
import { oddsText, pairedText } from '../../../src/ui/ensemble/words.ts';

const NO_CODE = /->|\b[a-z]+\.[a-z]+\.[a-zA-Z]+\b/; // an ASCII arrow or a dotted parameter path

describe('sig3', () => {
  it('keeps 3 significant digits below 1,000 and whole grouped numbers from there', () => {
    expect(sig3(379.875)).toBe('380');
    expect(sig3(15.2083)).toBe('15.2');
    expect(sig3(50.5)).toBe('50.5');
    expect(sig3(0.012345)).toBe('0.0123');
    expect(sig3(0)).toBe('0');
    expect(sig3(1234.5)).toBe('1,235');
    expect(sig3(2_000_000)).toBe('2,000,000');
  });
});

describe('parameters in words', () => {
  it('says the label and the value in its unit, never the path', () => {
    expect(paramLabel('telemetry.buffer.whenFull')).toBe('When the buffer is full');
    expect(valueText('telemetry.buffer.maxSizeBytes', 268435456)).toBe('256 MiB');
    expect(valueText('controlPlane.enabled', true)).toBe('on');
    expect(valueText('events', [{}, {}])).toBe('2 events');
    // one of a counted thing in the singular
    expect(valueText('fleet.zones', 1)).toBe('1 zone');
    expect(changeText({ path: 'fleet.zones', from: 3, value: 1 })).toBe('Zones: 3 zones → 1 zone');
    expect(changeText({ path: 'telemetry.buffer.whenFull', from: 'block', value: 'drop_newest' })).toBe(
      'When the buffer is full: block → drop_newest',
    );
    const two = changesText([
      { path: 'telemetry.buffer.type', from: 'memory', value: 'disk' },
      { path: 'telemetry.buffer.whenFull', from: 'block', value: 'drop_newest' },
    ]);
    expect(two).not.toMatch(NO_CODE);
    expect(two).toContain('; ');
  });
});

const spread = (p05: number, p50: number, p95: number) => ({ p05, p50, p95, mean: p50, min: p05, max: p95 });
const ensemble = (over: Partial<EnsembleSummary> = {}): EnsembleSummary =>
  ({
    members: 8,
    seeds: { first: 1, last: 8 },
    varyAssumptions: true,
    anyPanicProbability: 0.875,
    panicked: spread(2, 3, 5),
    firstPanicMinute: { p05: 140, p50: 150, p95: 176 },
    vmsDown: spread(0, 1234, 6850),
    droppedPercent: spread(0, 0, 0),
    lostPercent: spread(0, 0, 0),
    hypervisors: 2000,
    assumptions: [{ path: 'vmSizes.pico.appRssMiB', lo: 1, hi: 2 }],
    sensitivity: [],
    sensitivityNoise: 0.71,
    ...over,
  }) as EnsembleSummary;

describe('ensembles in words', () => {
  it('says the odds with grouped counts and clock times', () => {
    expect(oddsText(ensemble(), '10:00')).toBe(
      'Hypervisors panic in 7 of 8 worlds (seeds and assumptions varied): 2–5 of 2,000 (median 3), the first between 12:20 and 12:56.',
    );
    expect(oddsText(ensemble({ anyPanicProbability: 0 }), '10:00')).toBe(
      'No hypervisor panics in any of the 8 worlds (seeds and assumptions varied).',
    );
  });

  it('names the incident when the worlds are calibrated (issue 25)', () => {
    const worlds = {
      source: 'calibrated' as const,
      incident: { label: 'what happened on 2024-08-02', accepted: 40, tried: 1000 },
    };
    expect(oddsText(ensemble({ worlds, members: 32, anyPanicProbability: 0.5 }), '10:00')).toBe(
      'Hypervisors panic in 16 of 32 worlds consistent with what happened on 2024-08-02: 2–5 of 2,000 (median 3), the first between 12:20 and 12:56.',
    );
  });

  it('says a paired comparison as before → now, to 3 significant digits, with what it cost', () => {
    const c: PairedComparison = {
      against: [{ path: 'telemetry.buffer.whenFull', value: 'drop_newest', from: 'block' }],
      members: 8,
      bFewerPanics: 8,
      bMorePanics: 0,
      equal: 0,
      bRemovesEveryPanic: 8,
      a: { anyPanicProbability: 1, panickedMean: 379.875, droppedPercentMean: 0, lostPercentMean: 15.2083 },
      b: { anyPanicProbability: 0, panickedMean: 0, droppedPercentMean: 45.1234, lostPercentMean: 15.2083 },
    };
    const line = pairedText(c);
    expect(line).toBe(
      '380 → 0 hypervisors panicked (mean of 8 worlds), 8 → 0 worlds with a panic; fewer panics in 8 of 8 worlds, more in 0, the same in 0; every panic gone in 8; cost: 45.1% of events dropped (was 0%)',
    );
    expect(line).not.toMatch(NO_CODE);
    expect(line).not.toMatch(/\d\.\d{4}/);
  });
});

describe('optionText', () => {
  it('keeps a title that fits a dropdown, and the part before its colon of one that does not', () => {
    expect(optionText('The outage: how a messaging outage panics hypervisors')).toBe('The outage');
    expect(optionText('Replay: Clever Cloud, 2 August 2024')).toBe('Replay: Clever Cloud, 2 August 2024');
    expect(optionText('Clever Cloud, April 2022: thread exhaustion on hypervisors')).toBe('Clever Cloud, April 2022');
    expect(optionText('A long title with no colon that goes on and on and on')).toBe(
      'A long title with no colon that goes on and on and on',
    );
  });
});
