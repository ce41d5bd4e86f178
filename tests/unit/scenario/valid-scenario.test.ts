// The validated scenario type: only parseScenario makes a ValidScenario, and the functions
// downstream of a boundary take one, so a scenario the page already validated is not validated
// again, and one it did not cannot get there. The @ts-expect-error lines are checked by
// `npm run check` (a raw Scenario must not compile where a ValidScenario is expected); at run time
// this checks what makes skipping the second validation safe: validating a valid scenario again
// changes nothing, not even the order of its keys (the kept ensembles compare scenarios by JSON).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultScenario,
  loadPreset,
  parseScenario,
  presetNames,
  setPath,
  PARAMS,
  type Scenario,
  type ValidScenario,
} from '../../../src/scenario/index.ts';
import { EnsembleRunner, memberScenario } from '../../../src/core/index.ts';
import type { Persist } from '../../../src/persist/index.ts';
import type { SimRunner } from '../../../src/worker/index.ts';

describe('a ValidScenario is validated once', () => {
  it('parsing a valid scenario again gives no issues and the same JSON text (every preset)', () => {
    for (const name of presetNames()) {
      const s = loadPreset(name)!;
      const again = parseScenario(JSON.parse(JSON.stringify(s)));
      expect(again.issues, name).toEqual([]);
      expect(JSON.stringify(again.scenario), name).toBe(JSON.stringify(s));
    }
  });

  it('the same for whatever a bad edit was clamped to (property)', () => {
    const numeric = PARAMS.filter((p) => p.kind === 'int' || p.kind === 'number');
    fc.assert(
      fc.property(
        fc.constantFrom(...presetNames()),
        fc.constantFrom(...numeric),
        fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        (name, p, raw) => {
          const copy = structuredClone(loadPreset(name)!) as unknown as Record<string, unknown>;
          setPath(copy, p.path, raw);
          const once = parseScenario(copy).scenario;
          const twice = parseScenario(JSON.parse(JSON.stringify(once)));
          expect(twice.issues).toEqual([]);
          expect(JSON.stringify(twice.scenario)).toBe(JSON.stringify(once));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the boundaries return one; a hand-made scenario is not one (checked by npm run check)', () => {
    const raw: Scenario = defaultScenario();
    const valid: ValidScenario = parseScenario(raw).scenario;
    const typed = (_s: ValidScenario) => true;
    expect(typed(valid)).toBe(true);
    expect(typed(memberScenario(valid, { index: 0, seed: 3, draws: [] }))).toBe(true);
    // @ts-expect-error a Scenario that never went through parseScenario is not a ValidScenario
    expect(typed(raw)).toBe(true);
    const downstream = (_p: Persist, _w: SimRunner) => {
      // @ts-expect-error the draft save takes only a validated scenario (it does not validate again)
      void _p.saveDraft(raw);
      // @ts-expect-error so does the worker client
      void _w.run(raw);
      // @ts-expect-error and the member runner
      void new EnsembleRunner(raw, { members: 1, varyAssumptions: false }, []);
    };
    expect(typeof downstream).toBe('function');
  });
});
