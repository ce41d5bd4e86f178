// What the charts and the verdict say about a run: outage ranges, event labels, cumulative panics,
// the before / after line and saved-run names.
import { describe, expect, it } from 'vitest';
import { cumulativePanics, eventLines, outageSpans } from '../../../src/ui/charts/marks.ts';
import { ROW, Rows, beside, gapsAround, placeCursor, placeThreshold } from '../../../src/ui/charts/labels.ts';
import { changeLine } from '../../../src/ui/results/change.ts';
import { runName } from '../../../src/ui/saved/run-name.ts';
import { loadPreset, setPath } from '../../../src/scenario/index.ts';
import { runScenario, type SimEvent, type Summary } from '../../../src/core/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';

const at = (t: number) => `t${t}`;
const pts = (t: number[], y: number[]) => ({ t: Float32Array.from(t), y: Float32Array.from(y) });

describe('chart marks', () => {
  it('names each range where messaging was down, and one still down at the last point by its start only', () => {
    const s = outageSpans(pts([0, 60, 120, 180, 600, 900], [1, 0, 0, 1, 0.2, 0.1]), at);
    expect(s).toEqual([
      { from: 60, to: 180, label: 'messaging down t60–t180' },
      // a run streaming in (or ending in the outage) has not seen it end: no end time is made up
      { from: 600, to: 900, label: 'messaging down from t600' },
    ]);
    // back up for less than five minutes is one outage, one label
    expect(outageSpans(pts([0, 60, 120, 180, 240, 300, 700], [1, 0, 1, 0, 0, 1, 1]), at)).toEqual([
      { from: 60, to: 300, label: 'messaging down t60–t300' },
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
      code: short === 'hung_task_panic' ? 'panic' : 'hung-task',
      hv: 0,
      cause: -1,
    });
    const p = cumulativePanics([ev(10, 'hung_task_panic'), ev(20, 'D state > 120 s'), ev(30, 'hung_task_panic')], 100)!;
    expect(Array.from(p.t)).toEqual([0, 10, 10, 30, 30, 100]);
    expect(Array.from(p.y)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(cumulativePanics(null, 100)).toBeUndefined();
  });
});

describe('before and after', WHOLE_RUNS, () => {
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

describe('marker labels', () => {
  const area = { top: 0, bottom: 150, left: 0, right: 400 };
  const box = (x: number, w: number, y: number) => ({ x0: x - 1, x1: x + w + 1, y0: y - ROW + 3, y1: y + 2 });
  const clash = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

  it('puts top labels in rows that never overlap', () => {
    const rows = new Rows(area.top);
    const y1 = rows.place(10, 200)!,
      y2 = rows.place(100, 300)!,
      y3 = rows.place(250, 390)!;
    expect(y2).toBeGreaterThan(y1);
    expect(y3).toBe(y1);
  });

  it('moves a threshold label near the top off the outage label that spans the same pixels', () => {
    const rows = new Rows(area.top);
    const spanY = rows.place(20, 350)!;
    // a capacity line 5 px below the top, its label 180 px wide: right-aligned it would sit on the outage label
    const [x, y] = placeThreshold(rows, 5, 180, area);
    expect(clash(box(x, 180, y), box(20, 330, spanY))).toBe(false);
    expect(y).toBeGreaterThan(5);
    expect(y).toBeLessThanOrEqual(area.bottom);
  });

  it('keeps a threshold label right-aligned above its line when that spot is free', () => {
    const rows = new Rows(area.top);
    rows.place(20, 120);
    expect(placeThreshold(rows, 100, 150, area)).toEqual([400 - 150 - 4, 97]);
  });
});

describe('which models a scenario runs (one answer for the panel, the charts and the ensemble plan)', () => {
  it('every event kind names its model, and a broker slowdown counts as a broker event everywhere', async () => {
    const { EVENT_KINDS, modelsInUse } = await import('../../../src/scenario/index.ts');
    const { openByDefault } = await import('../../../src/ui/params/groups.ts');
    const { CHART_GROUPS } = await import('../../../src/ui/charts/specs.ts');
    for (const k of EVENT_KINDS)
      expect(['messaging', 'brokers', 'controlPlane', 'maintenance', 'agents']).toContain(k.model);
    const s = loadPreset('workshop-outage')!;
    expect(modelsInUse(s).brokerEvents).toBe(false);
    const slow = { ...s, events: [{ kind: 'brokerSlowdown', atMinute: 10, durationSeconds: 60, capacityPercent: 20 }] };
    expect(modelsInUse(slow as typeof s).brokerEvents).toBe(true);
    expect(openByDefault('messaging', slow as typeof s)).toBe(true);
    const pulsar = CHART_GROUPS.find((g) => g.id === 'pulsar')!;
    expect(pulsar.reason(slow as typeof s, () => 0)).toBe('the scenario has broker events');
    expect(pulsar.reason(s, () => 0)).toBeNull();
  });
});

describe('a label beside a line', () => {
  const measure = (t: string) => t.length * 6;
  it('goes right of the line, else left, else is cut to the larger side, never outside the plot', () => {
    expect(beside('abcde', 100, 50, 300, measure)).toEqual({ text: 'abcde', x0: 103, x1: 133 });
    expect(beside('abcde', 290, 50, 300, measure)).toEqual({ text: 'abcde', x0: 257, x1: 287 });
    // a phone's plot: 30 characters (180 px) fit neither side of a line at 160 in [80, 320]
    const b = beside('Maintenance on every host ends', 160, 80, 320, measure);
    expect(b.text.endsWith('…')).toBe(true);
    expect(b.x0).toBe(163);
    expect(b.x1).toBeLessThanOrEqual(320);
    expect(b.text.length).toBeGreaterThan(20);
    const l = beside('Maintenance on every host ends', 300, 80, 320, measure);
    expect(l.x0).toBeGreaterThanOrEqual(80);
    expect(l.x1).toBe(297);
  });
});

describe("the scrubbed time's line and label", () => {
  const area = { top: 10, bottom: 190, left: 60, right: 400 };
  it('puts the label at the foot of the plot, clear of every label placed before', () => {
    const rows = new Rows(area.top);
    // a threshold's label near the bottom, right of the line
    rows.free(120, [[200, 186]]);
    const [x, y] = placeCursor(rows, 195, 80, area);
    // not on the threshold's label: left of the line at the foot, or higher up
    const clash = x < 200 + 120 && 200 < x + 80 && Math.abs(y - 186) < ROW;
    expect(clash).toBe(false);
    expect(y).toBeLessThanOrEqual(area.bottom);
  });

  it('draws the line round the labels it would cross', () => {
    const rows = new Rows(area.top);
    rows.place(60, 140); // "messaging down 10:10–12:10", first row
    const y = rows.place(100, 220)!; // "first panic 11:22:41", second row, across the line at x = 150
    expect(gapsAround(rows.boxes, 150, area.top, area.bottom)).toEqual([
      [area.top, y - ROW + 3],
      [y + 2, area.bottom],
    ]);
    // through both labels at x = 120: one gap, under them
    expect(gapsAround(rows.boxes, 120, area.top, area.bottom)).toEqual([[y + 2, area.bottom]]);
    // a line that crosses no label is whole
    expect(gapsAround(rows.boxes, 300, area.top, area.bottom)).toEqual([[area.top, area.bottom]]);
  });
});
