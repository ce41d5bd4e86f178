// Vector's three formats to a plain object, with smol-toml, yaml and JSON.parse. Never throws:
// an error carries a 1-based line and a message a person can act on.
// YAML keys are checked for duplicates here, in one pass with a set per map: the yaml library's
// own check (uniqueKeys) compares each key with every earlier one, quadratic in a map's size
// (45,000 sinks took 109 s). A value nested beyond what the parsers' recursion can take gets
// "nested too deeply to read", not the engine's "Maximum call stack size exceeded".

import { parse as parseToml } from 'smol-toml';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { VectorFormat } from './detect.ts';

type Obj = Record<string, unknown>;
const isObj = (o: unknown): o is Obj => o !== null && typeof o === 'object' && !Array.isArray(o);

class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first key written twice in any map of the document (YAML requires unique keys). */
function duplicateKey(root: unknown, lines: LineCounter): LineError | null {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key;
        if (isScalar(k)) {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (seen.has(id)) {
            const line = k.range ? lines.linePos(k.range[0]).line : 0;
            return new LineError(line, `the key "${String(k.value).slice(0, 60)}" is written twice in one table`);
          }
          seen.add(id);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(n)) for (const item of n.items) stack.push(item);
  }
  return null;
}

function parseYaml(text: string): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, logLevel: 'error', lineCounter: lines });
  if (doc.errors.length) throw doc.errors[0];
  const dup = duplicateKey(doc.contents, lines);
  if (dup) throw dup;
  return doc.toJS({ maxAliasCount: 100 });
}

const tooDeep = (message: string) => /Maximum call stack|too much recursion|excessively nested/i.test(message);

/** Parses the text; errors carry a 1-based line. Never throws. */
export function parseVector(
  text: string,
  format: VectorFormat,
): { doc: Obj | null; error: { line: number; message: string } | null } {
  try {
    const doc = format === 'toml' ? parseToml(text) : format === 'json' ? JSON.parse(text) : parseYaml(text);
    if (!isObj(doc)) return { doc: null, error: { line: 1, message: 'the file does not hold a table of settings' } };
    return { doc, error: null };
  } catch (e) {
    const err = e as { line?: number; linePos?: { line: number }[]; message?: string };
    const text0 = String(err?.message ?? e);
    const named = /line (\d+)/i.exec(text0);
    const line = err?.line ?? err?.linePos?.[0]?.line ?? (named ? Number(named[1]) : 1);
    const message =
      e instanceof RangeError || tooDeep(text0)
        ? 'nested too deeply to read (lists or tables inside each other hundreds of levels deep)'
        : text0.split('\n')[0].slice(0, 200);
    return { doc: null, error: { line, message } };
  }
}
