// Import/export as text and run comparison: pure functions.
import { describe, expect, it } from 'vitest';
import {
  compareScenarios,
  compareSummaries,
  exportScenarioJson,
  fileName,
  formatFloat32,
  importScenarioJson,
  runToJson,
  seriesToCsv,
  MAX_IMPORT_CHARS,
} from '../../../src/persist/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { run, scenarioWith } from '../helpers.ts';

describe('scenario files', () => {
  it('round-trips every field through export and import', () => {
    const s = loadPreset('clevercloud-2024-08-02')!;
    s.title = 'Mine';
    s.events.push({ atMinute: 200, kind: 'messagingOutage', durationMinutes: 5 });
    s.events.sort((a, b) => a.atMinute - b.atMinute); // a scenario keeps its events in time order
    const back = importScenarioJson(exportScenarioJson(s));
    expect(back).toEqual({ scenario: s, issues: [], ok: true });
  });

  it('validates like a link: bad values clamped, unknown fields ignored, the rest kept', () => {
    const r = importScenarioJson(
      JSON.stringify({
        preset: 'workshop-outage',
        stepSeconds: 0,
        fleet: { hypervisors: 7, racks: 2 },
        title: '<script>x</script>',
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.scenario.fleet.hypervisors).toBe(7);
    expect(r.scenario.stepSeconds).toBe(1);
    expect(r.scenario.title).toBe('<script>x</script>'); // data; the UI renders it as text
    expect(r.issues.map((i) => `${i.path} ${i.action}`)).toEqual(['stepSeconds clamped', 'fleet.racks ignored']);
  });

  it('refuses what is not a scenario, whole, with one issue', () => {
    for (const text of ['not json', '[1,2]', 'null', '"x"', ' '.repeat(MAX_IMPORT_CHARS + 1)]) {
      const r = importScenarioJson(text);
      expect(r.ok, text.slice(0, 10)).toBe(false);
      expect(r.issues).toHaveLength(1);
      expect(r.scenario).toEqual(loadPreset('workshop-outage'));
    }
  });
});

describe('run exports', () => {
  const result = run(scenarioWith({ durationMinutes: 20, fleet: { hypervisors: 3 } }));
  const series = {
    panickedHosts: { t: new Float32Array([5, 10, 15]), y: new Float32Array([0, 1, 2]) },
    backlogRamMiB: { t: new Float32Array([5, 15]), y: new Float32Array([0.1, 1234.5]) },
  };

  it('writes CSV with one time column, labelled columns and gaps where a series has no point', () => {
    const csv = seriesToCsv({ scenario: result.scenario, series });
    expect(csv.split('\n')).toEqual([
      't_seconds,minute,Telemetry backlog held in RAM (MiB),Hosts panicked (hosts)',
      '5,0.0833,0.1,0',
      '10,0.1667,,1',
      '15,0.25,1234.5,2',
      '',
    ]);
  });

  it('writes JSON that carries the scenario (importable) and plain arrays', () => {
    const text = runToJson({ scenario: result.scenario, summary: result.summary, series, events: result.events });
    const obj = JSON.parse(text);
    expect(obj.series.backlogRamMiB).toEqual({
      label: 'Telemetry backlog held in RAM',
      unit: 'MiB',
      t: [5, 15],
      y: [0.1, 1234.5],
    });
    expect(obj.summary).toEqual(result.summary);
    expect(importScenarioJson(text)).toEqual({ scenario: result.scenario, issues: [], ok: true });
  });

  it('prints float32 values in their shortest exact form', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(123456.7))).toBe('123456.7');
    expect(formatFloat32(3)).toBe('3');
    expect(Math.fround(Number(formatFloat32(Math.fround(Math.PI))))).toBe(Math.fround(Math.PI));
  });

  it('makes safe file names', () => {
    expect(fileName('Workshop: a 2 h outage <x>', 'csv')).toBe('Workshop-a-2-h-outage-x.csv');
    expect(fileName('../..', 'json')).toBe('cascade.json');
  });
});

describe('compare', () => {
  const a = run(scenarioWith({ durationMinutes: 60, fleet: { hypervisors: 3 } }));
  const b = run(
    scenarioWith({
      durationMinutes: 60,
      fleet: { hypervisors: 3 },
      telemetry: { buffer: { whenFull: 'drop_newest' } },
    }),
  );

  it('lists every summary figure side by side and flags the differences', () => {
    const rows = compareSummaries(a.summary, b.summary);
    expect(rows[0].path).toBe('verdict');
    expect(rows.every((r) => r.label && 'a' in r && 'b' in r)).toBe(true);
    for (const r of rows)
      expect(r.changed, r.path).toBe(
        r.a !== r.b && !(typeof r.a === 'number' && typeof r.b === 'number' && Math.abs(r.a - r.b) < 1e-9),
      );
    expect(rows.find((r) => r.path === 'hypervisors.total')).toMatchObject({ a: 3, b: 3, changed: false, delta: 0 });
    expect(compareSummaries(a.summary, a.summary).some((r) => r.changed)).toBe(false);
  });

  it('lists the scenario parameters that differ', () => {
    expect(compareScenarios(a.scenario, b.scenario)).toEqual([
      {
        path: 'telemetry.buffer.whenFull',
        label: 'When the buffer is full',
        unit: '',
        a: 'block',
        b: 'drop_newest',
        changed: true,
        delta: null,
      },
    ]);
  });
});
