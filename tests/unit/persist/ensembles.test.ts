// "How sure?" results kept with their run: written through the same checks as a read, back whole
// after a reopen (a reload), listed without the band, an unreadable one left out with the run
// kept, and a run saved before ensembles were kept still loads.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openPersist, type Persist, type SavedEnsemble } from '../../../src/persist/index.ts';
import {
  assumptionRanges,
  comparePaired,
  downsample,
  runEnsembleMembers,
  summarizeEnsemble,
  planEnsemble,
} from '../../../src/core/index.ts';
import { run, scenarioWith } from '../helpers.ts';

const scenario = scenarioWith({ durationMinutes: 30, fleet: { hypervisors: 3 } });
const result = run(scenario);
const spec = { members: 3, varyAssumptions: true };
const lines = runEnsembleMembers(scenario, spec, assumptionRanges());
const summary = summarizeEnsemble(
  planEnsemble(scenario, spec, assumptionRanges()),
  lines.map((l) => l.a),
  true,
);
const t = Float32Array.from([0, 60, 120]);
const saved = (): SavedEnsemble => ({
  request: { members: 3, varyAssumptions: true, againstPreset: false },
  summary,
  compare: comparePaired(
    [],
    lines.map((l) => l.a),
    lines.map((l) => l.a),
  ),
  words: ['hypervisors panic in 2 of 3 worlds'],
  band: {
    members: 3,
    series: { panickedHosts: { t, lo: Float32Array.from([0, 0, 1]), hi: Float32Array.from([0, 2, 3]) } },
  },
  savedAt: 77,
});
const runInput = () => ({
  scenario,
  summary: result.summary,
  stepSeconds: result.stepSeconds,
  series: { panickedHosts: downsample(result.series.panickedHosts, result.steps, result.stepSeconds, 50) },
  events: result.events,
});

let opened: Persist[] = [];
async function open(factory: IDBFactory): Promise<Persist> {
  const p = await openPersist({ factory });
  opened.push(p);
  return p;
}
afterEach(() => {
  for (const p of opened) p.close();
  opened = [];
});

function rawRuns(factory: IDBFactory, edit: (runs: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME);
    req.onsuccess = () => {
      const tx = req.result.transaction('runs', 'readwrite');
      edit(tx.objectStore('runs'));
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('persist: ensembles kept with their run', () => {
  it('keeps an ensemble with its run and gives it back after a reopen, band and all', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const { id } = await p.addRun(runInput());
    expect((await p.setRunEnsemble(id!, saved())).saved).toBe(true);
    p.close();
    const again = await open(factory);
    const r = (await again.getRun(id!)).run!;
    expect(r.issues).toEqual([]);
    expect(r.ensemble!.summary.anyPanicProbability).toBe(summary.anyPanicProbability);
    expect(r.ensemble!.summary.panicked).toEqual(summary.panicked);
    expect(r.ensemble!.summary.assumptions).toEqual(summary.assumptions);
    expect(r.ensemble!.words).toEqual(['hypervisors panic in 2 of 3 worlds']);
    expect(Array.from(r.ensemble!.band!.series.panickedHosts!.hi)).toEqual([0, 2, 3]);
    expect(r.ensemble!.compare!.members).toBe(3);
    // the list stays light: the band is read with the run
    const [info] = (await again.listRuns()).items;
    expect(info.ensemble!.summary.members).toBe(3);
    expect(info.ensemble!.band).toBeNull();
  });

  it('refuses to keep an ensemble it could not read back, and a run that is not there', async () => {
    const p = await open(new IDBFactory());
    const { id } = await p.addRun(runInput());
    const bad = { ...saved(), summary: { ...summary, anyPanicProbability: 3 } };
    expect((await p.setRunEnsemble(id!, bad)).saved).toBe(false);
    expect((await p.getRun(id!)).run!.ensemble).toBeUndefined();
    expect((await p.setRunEnsemble(9999, saved())).saved).toBe(false);
  });

  it('loads a run saved before ensembles were kept, and leaves out an unreadable one with the run kept', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const { id: old } = await p.addRun(runInput());
    const { id: broken } = await p.addRun(runInput());
    p.close();
    await rawRuns(factory, (runs) => {
      const req = runs.get(broken!);
      req.onsuccess = () =>
        runs.put({
          ...req.result,
          ensemble: { ...saved(), band: { members: 3, series: { panickedHosts: { t: [1, 2], lo: [1], hi: [1, 2] } } } },
        });
    });
    const again = await open(factory);
    const list = await again.listRuns();
    expect(list.items.map((r) => r.id).sort()).toEqual([old, broken].sort());
    expect(list.skipped).toEqual([]);
    const o = (await again.getRun(old!)).run!;
    expect(o.ensemble).toBeUndefined();
    expect(o.issues).toEqual([]);
    const b = (await again.getRun(broken!)).run!;
    expect(b.ensemble).toBeUndefined();
    expect(b.summary.hypervisors.total).toBe(3);
    expect(b.issues).toEqual([
      expect.objectContaining({
        path: 'ensemble',
        message: expect.stringMatching(/could not be read .* the run is kept/),
      }),
    ]);
  });

  it('drops assumption paths the property table does not know (a saved record is untrusted input)', async () => {
    const factory = new IDBFactory();
    const p = await open(factory);
    const { id } = await p.addRun(runInput());
    const e = saved();
    e.summary = { ...summary, assumptions: [...summary.assumptions, { path: 'no.such.param', lo: 1, hi: 2 }] };
    await p.setRunEnsemble(id!, e);
    const r = (await p.getRun(id!)).run!;
    expect(r.ensemble!.summary.assumptions.map((a) => a.path)).not.toContain('no.such.param');
    expect(r.ensemble!.summary.assumptions.length).toBe(summary.assumptions.length);
  });
});
