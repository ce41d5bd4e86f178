// The persist boundary validates a scenario where it enters the page, on a read, and never on a
// write: the page hands the store a ValidScenario (validated where the edit came in), so the
// draft save, a saved scenario and a run in the history are written as they are. Counted here by
// watching parseScenario, so a validation added back on a write fails this test.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as scenarioLayer from '../../../src/scenario/index.ts';

const parses = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/scenario/index.ts', async (importOriginal) => {
  const m = await importOriginal<typeof scenarioLayer>();
  return {
    ...m,
    parseScenario: (input: unknown) => {
      parses.n++;
      return m.parseScenario(input);
    },
  };
});

const { openPersist, importScenarioJson, writeJournal } = await import('../../../src/persist/index.ts');
const { runScenario } = await import('../../../src/core/index.ts');
type Persist = Awaited<ReturnType<typeof openPersist>>;

const opened: Persist[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});
async function open(): Promise<Persist> {
  const p = await openPersist({ factory: new IDBFactory() });
  opened.push(p);
  return p;
}

const scenario = scenarioLayer.parseScenario({
  ...scenarioLayer.loadPreset('workshop-outage'),
  durationMinutes: 20,
  fleet: { hypervisors: 2, zones: 1 },
}).scenario;
const result = runScenario(scenario);

describe('a scenario is validated once per boundary', () => {
  it('writes do not validate again: draft, saved scenario, run', async () => {
    const p = await open();
    parses.n = 0;
    await p.saveDraft(scenario);
    await p.saveScenario({ name: 'mine', scenario });
    await p.addRun({ scenario, summary: result.summary, stepSeconds: result.stepSeconds, series: {}, events: [] });
    writeJournal(scenario, 1, null);
    expect(parses.n).toBe(0);
  });

  it('reads validate each record once, and give the scenario back as it was written', async () => {
    const p = await open();
    await p.saveDraft(scenario);
    const { id } = await p.addRun({ scenario, summary: result.summary, stepSeconds: 5, series: {}, events: [] });
    parses.n = 0;
    const draft = (await p.loadDraft()).draft!;
    expect(parses.n).toBe(1);
    expect(JSON.stringify(draft.scenario)).toBe(JSON.stringify(scenario));
    expect(draft.issues).toEqual([]);
    parses.n = 0;
    expect((await p.getRun(id!)).run!.scenario).toEqual(scenario);
    expect(parses.n).toBe(1);
  });

  it('a file is a boundary: validated once, what it changed said', () => {
    parses.n = 0;
    const r = importScenarioJson(JSON.stringify({ ...scenario, fleet: { ...scenario.fleet, hypervisors: -3 } }));
    expect(parses.n).toBe(1);
    expect(r.issues.map((i) => i.path)).toEqual(['fleet.hypervisors']);
  });
});
