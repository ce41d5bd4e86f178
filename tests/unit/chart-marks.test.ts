// What the charts and the verdict say about a run: outage ranges, event labels, cumulative panics,
// the before / after line and saved-run names.
import { describe, expect, it } from 'vitest';
import { cumulativePanics, eventLines, outageSpans } from '../../src/ui/charts/marks.ts';
import { changeLine } from '../../src/ui/results/change.ts';
import { runName } from '../../src/ui/saved/run-name.ts';
import { loadPreset, setPath } from '../../src/scenario/index.ts';
import { runScenario, type SimEvent, type Summary } from '../../src/core/index.ts';

const at = (t: number) => `t${t}`;
const pts = (t: number[], y: number[]) => ({ t: Float32Array.from(t), y: Float32Array.from(y) });

describe('chart marks', () => {
  it('names each range where messaging was down, and one that lasts to the end', () => {
    const s = outageSpans(pts([0, 60, 120, 180, 240, 300], [1, 0, 0, 1, 0.2, 0.1]), at);
    expect(s).toEqual([
      { from: 60, to: 180, label: 'messaging down t60–t180' },
      { from: 240, to: 300, label: 'messaging down t240–t300' },
    ]);
    expect(outageSpans(pts([0, 60], [1, 0.6]), at)).toEqual([]);
  });

  it('labels events by their kind, and leaves a scripted outage to its shaded range', () => {
    const s = loadPreset('workshop-outage')!;
    const lines = eventLines(s.events, at);
    expect(lines[0].label).toMatch(/^Messaging outage t\d+$/);
    expect(eventLines(s.events, at, [{ from: s.events[0].atMinute * 60, to: 9e9, label: '' }])).toEqual([]);
  });

  it('counts panics so far as a step series from the event log', () => {
    const ev = (t: number, short: string): SimEvent => ({
      id: 0,
      t,
      component: 'kernel',
      severity: 'critical',
      what: '',
      short,
      hv: 0,
      cause: -1,
    });
    const p = cumulativePanics([ev(10, 'hung_task_panic'), ev(20, 'D state > 120 s'), ev(30, 'hung_task_panic')], 100)!;
    expect(Array.from(p.t)).toEqual([0, 10, 10, 30, 30, 100]);
    expect(Array.from(p.y)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(cumulativePanics(null, 100)).toBeUndefined();
  });
});

describe('before and after', () => {
  const base = loadPreset('workshop-outage')!;
  const drop = structuredClone(base);
  setPath(drop as unknown as Record<string, unknown>, 'telemetry.buffer.whenFull', 'drop_newest');

  it('says how many panicked before and now, and what it cost in telemetry', () => {
    const a: Summary = runScenario(base).summary;
    const b: Summary = runScenario(drop).summary;
    const line = changeLine(a, b);
    expect(line).toMatch(new RegExp(`^${a.hypervisors.panicked} → 0 hypervisors panicked`));
    expect(line).toMatch(/cost: \d+(\.\d)?% of events dropped \(was 0%\)/);
    expect(changeLine(b, a)).toMatch(/^0 → \d+ hypervisors panicked.*cost: \d+(\.\d)?% of events lost/);
  });

  it('names a run by what differs from its preset', () => {
    expect(runName(base)).toBe('workshop-outage');
    expect(runName(drop)).toBe('workshop-outage + whenFull=drop_newest');
    const more = structuredClone(drop);
    more.seed = 7;
    expect(runName(more)).toBe('workshop-outage + seed=7 + whenFull=drop_newest');
  });
});
