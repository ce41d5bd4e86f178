// The thread boundary: a start request is validated where it enters the worker (its scenario
// through parseScenario, once), the worker answers with issues and never a copy of the scenario,
// and what comes back is checked where it enters the page (readProgress, readOutcome).
import { describe, expect, it, vi } from 'vitest';
import * as scenarioLayer from '../../../src/scenario/index.ts';
import { WHOLE_RUNS } from '../helpers.ts';

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

const { createEngine } = await import('../../../src/worker/engine.ts');
const { readOutcome, readProgress, readStartRequest } = await import('../../../src/worker/index.ts');
type Outcome = import('../../../src/worker/index.ts').Outcome;
type ProgressSink = import('../../../src/worker/index.ts').ProgressSink;
type Progress = import('../../../src/worker/index.ts').Progress;

const small = {
  ...scenarioLayer.loadPreset('workshop-outage')!,
  durationMinutes: 10,
  fleet: { hypervisors: 2, zones: 1 },
};
const sink = (into: Progress[] = []) => ((p: Progress) => void into.push(p)) as unknown as ProgressSink;

describe('a start request entering the worker', () => {
  it('a bad scenario runs what was kept and the results say what was changed, with no scenario', async () => {
    const engine = createEngine();
    parses.n = 0;
    const bad = { ...small, fleet: { hypervisors: 'lots', zones: 1 }, telemetry: { buffer: { whenFull: 'explode' } } };
    const o = (await engine.start({ id: 7, scenario: bad, summaryOnly: true }, sink())) as Outcome;
    expect(parses.n).toBe(1);
    expect(o.type).toBe('results');
    if (o.type !== 'results') return;
    expect(o.id).toBe(7);
    expect(o.issues.map((i) => i.path)).toEqual(['fleet.hypervisors', 'telemetry.buffer.whenFull']);
    expect(o).not.toHaveProperty('scenario');
    expect(o.fleet).toBeNull();
    expect(o.summary.hypervisors.total).toBe(scenarioLayer.defaultScenario().fleet.hypervisors);
  });

  it(
    'a validated scenario comes back with no issues, and progress carries no scenario either',
    WHOLE_RUNS,
    async () => {
      const engine = createEngine();
      const seen: Progress[] = [];
      const valid = scenarioLayer.parseScenario({
        ...small,
        durationMinutes: 240,
        fleet: { hypervisors: 40 },
      }).scenario;
      const o = (await engine.start({ id: 1, scenario: valid, progressEveryMs: 16 }, sink(seen))) as Outcome;
      expect(o).toMatchObject({ type: 'results', issues: [] });
      expect(o).not.toHaveProperty('scenario');
      expect(seen.length).toBeGreaterThan(0); // a 4-hour run of 40 hosts streams progress every 16 ms
      for (const p of seen) {
        expect(readProgress(p)).toBe(p);
        expect(p).not.toHaveProperty('scenario');
      }
    },
  );

  it('numbers that are not finite fall back to the defaults; a request that is not an object runs the defaults', () => {
    const r = readStartRequest({
      id: 3,
      scenario: small,
      maxPoints: Infinity,
      progressEveryMs: 'soon',
      summaryOnly: 1,
    });
    expect(r).toMatchObject({ id: 3, maxPoints: 1000, progressEveryMs: 120, summaryOnly: false, issues: [] });
    const none = readStartRequest(null);
    expect(none.id).toBe(-1);
    expect(none.issues).toEqual([expect.objectContaining({ path: '', action: 'defaulted' })]);
  });
});

describe('an answer entering the page', () => {
  it('an outcome that is not one settles as an error saying so; a cancel and an error pass', () => {
    expect(readOutcome({ type: 'results', id: 1 }, 1)).toMatchObject({
      type: 'error',
      id: 1,
      message: expect.stringMatching(/could not read \(step counts missing\)/),
    });
    expect(readOutcome('nonsense', 4)).toMatchObject({ type: 'error', id: 4 });
    expect(readOutcome({ type: 'cancelled', id: 9, stepsDone: 3, totalSteps: 5 }, 2)).toEqual({
      type: 'cancelled',
      id: 2,
      stepsDone: 3,
      totalSteps: 5,
    });
    expect(readOutcome({ type: 'error', message: 'boom' }, 2)).toEqual({ type: 'error', id: 2, message: 'boom' });
  });

  it('results with a malformed series are refused; progress that is not progress is dropped', async () => {
    const o = await createEngine().start({ id: 5, scenario: small, summaryOnly: true }, sink());
    expect(readOutcome(o, 5)).toBe(o);
    const broken = { ...o, series: { ...(o as { series: object }).series, vmsDown: { t: [0], y: [1] } } };
    expect(readOutcome(broken, 5)).toMatchObject({ type: 'error', message: expect.stringContaining('series vmsDown') });
    expect(readProgress({ type: 'progress', id: 1, stepsDone: 1, totalSteps: 2 })).toBeNull();
    expect(readProgress({ type: 'results' })).toBeNull();
  });
});
