// The `Scenario` type (src/scenario/types.ts) is derived from the property table's rows
// (src/scenario/params/derive.ts): read the Scenario interface with the TypeScript compiler and
// compare its leaf paths with the PARAMS paths, both ways. A row the derivation misses (or a
// hand-written field beside it) fails here, by name.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { PARAMS, defaultScenario, getPath } from '../../../src/scenario/index.ts';
import { TS_COMPILER } from '../helpers.ts';

/** Top-level fields that are not parameters: identity and the event list (its own table, EVENT_KINDS). */
const META = new Set(['schema', 'preset', 'title', 'events']);

function scenarioTypeLeaves(): string[] {
  const file = fileURLToPath(new URL('../../../src/scenario/types.ts', import.meta.url));
  const program = ts.createProgram([file], { strict: true, noEmit: true, allowImportingTsExtensions: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  let scenario: ts.Type | undefined;
  ts.forEachChild(source, (n) => {
    if (ts.isInterfaceDeclaration(n) && n.name.text === 'Scenario') scenario = checker.getTypeAtLocation(n);
  });
  const out: string[] = [];
  const walk = (type: ts.Type, prefix: string) => {
    for (const prop of type.getProperties()) {
      const path = prefix ? `${prefix}.${prop.name}` : prop.name;
      if (!prefix && META.has(prop.name)) continue;
      const t = checker.getTypeOfSymbol(prop);
      const isRecord =
        (t.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(t) && t.getCallSignatures().length === 0;
      if (isRecord) walk(t, path);
      else out.push(path);
    }
  };
  walk(scenario!, '');
  return out.sort();
}

describe('scenario shape', TS_COMPILER, () => {
  it('has exactly one PARAMS row for every leaf of the Scenario type, and no other row', () => {
    const leaves = scenarioTypeLeaves();
    const params = PARAMS.map((p) => p.path).sort();
    expect(
      leaves.filter((p) => !params.includes(p)),
      'leaves of Scenario with no PARAMS row',
    ).toEqual([]);
    expect(
      params.filter((p) => !leaves.includes(p)),
      'PARAMS rows that are no leaf of Scenario',
    ).toEqual([]);
    expect(new Set(params).size).toBe(params.length);
  });

  it('gives every PARAMS row a value of its kind in the default scenario', () => {
    const d = defaultScenario();
    for (const p of PARAMS) {
      const v = getPath(d as never, p.path);
      const kind = p.kind === 'number' || p.kind === 'int' ? 'number' : p.kind === 'bool' ? 'boolean' : 'string';
      expect(typeof v, p.path).toBe(kind);
    }
  });
});
