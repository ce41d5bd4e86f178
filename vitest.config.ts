import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests only (Playwright specs live in tests/e2e), in two tiers (CONTRIBUTING.md, "Tests"):
// - unit: tests/unit/<layer>/, one layer's behaviour on small inputs, Vitest's default 5 s a test;
// - model: tests/unit/model/, what whole preset runs say. Its files share one module graph per
//   worker (isolate: false) so they share the runs of tests/unit/model/runs.ts, each computed once.
//   A test may read tens of whole runs, each seconds long on a loaded 2-core machine: MODEL_TIMEOUT.
const MODEL_TIMEOUT = 120_000;
// Vitest's default is one worker less than the cores: one worker on the 2-core CI machine, which
// leaves a core idle once the browser lane ends. Both tiers take every core (a per-project limit would
// run the tiers one after the other); a run two model files on different workers both need is
// computed once and shared through tests/unit/model/runs-store.ts. One worker more than cores was
// tried (2026-12-07: 539 s against 540 s for the whole CI script): no gain, and lint starved.
const CORES = availableParallelism();
/**
 * unit-tier files that stub globals, mock modules or fake timers or IndexedDB: a fresh module graph
 * each (unit-isolated, below). Every other unit-tier file shares one module graph per worker (unit).
 */
const ISOLATED = [
  'tests/unit/persist/**/*.test.ts', // fake IndexedDB
  'tests/unit/worker/**/*.test.ts', // a mocked scenario module, fake timers
  'tests/unit/ui/address-bar.test.ts', // stubbed location, history, sessionStorage; fake timers
];

export default defineConfig({
  test: {
    environment: 'node',
    // CPU_LOG=file: CPU and wall seconds per test file; CPU_TEST_LOG=file: per test (tests/cpu-log.ts)
    setupFiles: process.env.CPU_LOG || process.env.CPU_TEST_LOG ? ['tests/cpu-log.ts'] : [],
    maxWorkers: CORES,
    projects: [
      {
        // the files that touch no global (no stubbed browser globals, fake IndexedDB, fake timers or
        // module mocks) share one module graph per worker, as the model tier does: each file no longer
        // imports and transforms the core and the scenario layer afresh (2026-12-07, core + scenario
        // alone: 89.6 -> 71.7 CPU s, the same 510 tests passing; ui without address-bar, session 11:
        // 14.2 -> 5.7 CPU s, the same 110 tests)
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/model/**', ...ISOLATED],
          isolate: false,
        },
      },
      {
        // the files that stub globals (ISOLATED): a fresh module graph per file
        extends: true,
        test: {
          name: 'unit-isolated',
          include: ISOLATED,
        },
      },
      {
        extends: true,
        test: {
          name: 'model',
          include: ['tests/unit/model/**/*.test.ts'],
          isolate: false,
          // the directory through which its workers share the runs (tests/unit/model/runs-store.ts)
          globalSetup: ['tests/unit/model/runs-dir.ts'],
          testTimeout: MODEL_TIMEOUT,
          hookTimeout: MODEL_TIMEOUT,
        },
      },
    ],
  },
});
