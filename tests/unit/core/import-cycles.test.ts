// Import cycles. The core's modules form none, type-only imports included: a part's state module never
// reaches the composed state back, and the composition (state.ts) is imported by the simulation alone.
// Across src (every layer's .ts modules, .svelte.ts included) no runtime import forms one: a module
// that imports another, directly or through index.ts files, at run time is never imported back at
// run time (type-only imports are erased; this was ESLint's import-x/no-cycle, a third of lint's CPU).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../../src');
const ROOT = join(SRC, 'core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of a module (static `import`/`export ... from`, type-only included). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\b[^'"]*?(?:\bfrom\s*)?['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) out.push(resolve(dirname(file), m[1]));
  return out;
}

function graph(): Map<string, string[]> {
  const files = filesUnder(ROOT);
  const known = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f).filter((i) => known.has(i))]));
}

/**
 * The modules a module loads at run time: static imports and re-exports that are not `import type` /
 * `export type` (an import whose names are all inline `type`s still loads its module: verbatimModuleSyntax
 * keeps it), side-effect imports and dynamic `import()` of a relative path; to a module of src (.svelte
 * components are not followed).
 */
export function runtimeImportsOf(text: string, file: string, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const add = (spec: string) => {
    const p = resolve(dirname(file), spec);
    const hit = [p, `${p}.ts`, join(p, 'index.ts')].find((c) => known.has(c));
    if (hit) out.push(hit);
  };
  const statement = /^\s*(import|export)\b(\s+type\b)?[^'"]*?(?:\bfrom\s*)?['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(statement)) if (!m[2]) add(m[3]);
  for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) add(m[1]);
  return out;
}

function runtimeGraph(): Map<string, string[]> {
  const files = filesUnder(SRC);
  const known = new Set(files);
  return new Map(files.map((f) => [f, runtimeImportsOf(readFileSync(f, 'utf8'), f, known)]));
}

/** Every cycle's modules (strongly connected components of more than one module, or a self-import). */
function cycles(g: Map<string, string[]>, base = ROOT): string[][] {
  let index = 0;
  const idx = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    on = new Set<string>(),
    out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.map((f) => relative(base, f)).sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('core imports', () => {
  const g = graph();

  it('reads the imports of the core (the check sees the modules it guards)', () => {
    expect(g.size).toBeGreaterThan(30);
    const sim = g.get(join(ROOT, 'simulation.ts'))!.map((f) => relative(ROOT, f));
    expect(sim).toContain('state.ts');
    expect(sim).toContain('sim-state.ts'); // a type-only import is seen
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const a = join(ROOT, 'a.ts'),
      b = join(ROOT, 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });

  it('composes the state in state.ts, which only the simulation imports', () => {
    const importers = [...g]
      .filter(([, deps]) => deps.includes(join(ROOT, 'state.ts')))
      .map(([f]) => relative(ROOT, f));
    expect(importers).toEqual(['simulation.ts']);
  });
});

describe('runtime imports across src', () => {
  const g = runtimeGraph();
  const at = (f: string) => (g.get(join(SRC, f)) ?? []).map((d) => relative(SRC, d));

  it('reads every layer, following index.ts and leaving type-only imports out', () => {
    expect(g.size).toBeGreaterThan(200);
    expect(at('core/simulation.ts')).toContain('core/state.ts');
    expect(at('core/simulation.ts')).not.toContain('core/sim-state.ts'); // import type
  });

  it('has no runtime import cycle in any layer', () => {
    expect(cycles(g, SRC)).toEqual([]);
  });

  it('finds a cycle through an index.ts, an inline-type import and a dynamic import (the check can fail)', () => {
    const f = (name: string) => join(SRC, name);
    const known = new Set([f('a/index.ts'), f('a/x.ts'), f('b.ts'), f('c.ts')]);
    const edges = new Map([
      [
        f('a/x.ts'),
        runtimeImportsOf("import { type T } from '../b.ts';\nimport type { U } from '../c.ts';", f('a/x.ts'), known),
      ],
      [
        f('b.ts'),
        runtimeImportsOf("export {\n  y,\n} from './a';\nconst z = () => import('./c.ts');", f('b.ts'), known),
      ],
      [f('a/index.ts'), runtimeImportsOf("export * from './x.ts';", f('a/index.ts'), known)],
      [f('c.ts'), runtimeImportsOf("export type { T } from './b.ts';", f('c.ts'), known)],
    ]);
    expect(edges.get(f('a/x.ts'))).toEqual([f('b.ts')]);
    expect(edges.get(f('b.ts'))).toEqual([f('a/index.ts'), f('c.ts')]);
    expect(edges.get(f('c.ts'))).toEqual([]);
    expect(cycles(edges, SRC)).toEqual([['a/index.ts', 'a/x.ts', 'b.ts']]);
  });
});
