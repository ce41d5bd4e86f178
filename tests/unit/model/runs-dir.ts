// The model project's globalSetup (vitest.config.ts): one directory for the runs its workers share
// (runs-store.ts), made when `vitest run` starts and removed when it ends, so no run outlives the
// code that computed it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-model-runs-'));
  project.provide('modelRunsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
