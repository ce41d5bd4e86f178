// The model tier's runs, shared between Vitest's workers (runs.ts keeps them in memory inside one
// worker). Each worker is a process of its own, so a run two files on different workers ask for
// was computed twice, once in each: the store is a directory that lives for one `vitest run`
// (runs-dir.ts, the model project's globalSetup, makes it and removes it), holding each finished run
// as V8's structured-clone bytes (typed arrays, -0 and NaN come back as they were). A worker that is
// about to compute a run claims it first (a file created exclusively); another worker that asks for
// it meanwhile waits for the bytes rather than compute the same run on the same cores. The worker
// computing refreshes its claim (keep: the claim file's time) every REFRESH_MS while it steps the run
// (runs.ts), so a claim goes stale only when its worker stopped stepping: died, or hung. A waiting
// worker computes the run itself only when the claim has not been refreshed for CLAIM_TIMEOUT_MS, so a
// long run on a loaded machine is never stolen and computed twice. Without the directory (the unit
// project's harness test, a file run alone by its path) every call says "none".
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the run store's directory for this `vitest run` (runs-dir.ts) */
    modelRunsDir: string;
  }
}

/** how often a worker stepping a run refreshes its claim (keep) */
export const REFRESH_MS = 5_000;
/**
 * a claim not refreshed for this long is a worker that died (or hung) before writing its run: compute
 * it here. Twelve refreshes missed: a worker stepping a run refreshes between chunks of steps that take
 * milliseconds (runs.ts), so only a stopped one misses them, however loaded the machine.
 */
export const CLAIM_TIMEOUT_MS = 60_000;
const POLL_MS = 50;

function storeDir(): string | undefined {
  try {
    return inject('modelRunsDir') || undefined;
  } catch {
    return undefined;
  }
}
let dir = storeDir();
/** Points the store at another directory (tests/unit/harness/runs-store.test.ts); undefined: no store. */
export function useStoreDir(d: string | undefined): void {
  dir = d;
}
const pause = new Int32Array(new SharedArrayBuffer(4));

export type Kind = 'full' | 'lean';
const pathOf = (key: string, kind: Kind) =>
  join(dir!, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.${kind}`);

function read<T>(file: string): T | undefined {
  return existsSync(file) ? (deserialize(readFileSync(file)) as T) : undefined;
}

/**
 * The run another worker stored as one of `kinds` (waiting while one computes any of them), or
 * undefined: then this worker has claimed it as `claimKind`, computes it and calls put (or drop).
 */
export function take<T>(key: string, kinds: readonly Kind[], claimKind: Kind): T | undefined {
  if (!dir) return undefined;
  for (;;) {
    for (const kind of kinds) {
      const r = read<T>(pathOf(key, kind));
      if (r !== undefined) return r;
    }
    // another worker computes it (a full run stores its lean part too): wait for its bytes
    if (kinds.some((kind) => claimed(key, kind))) {
      Atomics.wait(pause, 0, 0, POLL_MS);
      continue;
    }
    try {
      closeSync(openSync(`${pathOf(key, claimKind)}.claim`, 'wx'));
      return undefined; // ours to compute
    } catch {
      // claimed between the look and the claim: wait for it
    }
  }
}

/**
 * True while a worker computes the run as `kind`; a claim not refreshed for CLAIM_TIMEOUT_MS is removed
 * (a dead worker). Two waiters that both find it stale may both compute the run: the same bytes, stored
 * twice (put renames into place), which costs time but never a wrong run.
 */
export function claimed(key: string, kind: Kind, now = Date.now()): boolean {
  const claim = `${pathOf(key, kind)}.claim`;
  try {
    if (now - statSync(claim).mtimeMs < CLAIM_TIMEOUT_MS) return true;
    rmSync(claim, { force: true });
  } catch {
    // no claim
  }
  return false;
}

let refreshed = 0;
/**
 * Called by the worker computing a run between chunks of steps (runs.ts): refreshes its claim's time
 * at most every REFRESH_MS, so the waiting workers keep waiting however long the run takes.
 */
export function keep(key: string, kind: Kind, now = Date.now()): void {
  if (!dir || now - refreshed < REFRESH_MS) return;
  refreshed = now;
  try {
    utimesSync(`${pathOf(key, kind)}.claim`, now / 1000, now / 1000);
  } catch {
    // no claim (already given up): nothing to keep
  }
}

/** Gives up a claim whose run failed: another worker may try it. */
export function drop(key: string, kind: Kind): void {
  if (dir) rmSync(`${pathOf(key, kind)}.claim`, { force: true });
}

/** Stores a finished run for the other workers (written whole, then renamed into place). */
export function put(key: string, kind: Kind, value: unknown): void {
  if (!dir) return;
  const file = pathOf(key, kind);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(value));
  renameSync(tmp, file);
}
