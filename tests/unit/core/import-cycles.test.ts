// The core's modules form no import cycle, type-only imports included (eslint's import-x/no-cycle
// lets `import type` through): a part's state module never reaches the composed state back, and
// the composition (state.ts) is imported by the simulation alone.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../src/core');

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

/** Every cycle's modules (strongly connected components of more than one module, or a self-import). */
function cycles(g: Map<string, string[]>): string[][] {
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
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.map((f) => relative(ROOT, f)).sort());
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
