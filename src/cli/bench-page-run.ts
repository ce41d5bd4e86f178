// `npm run -s bench -- --page-run [--scenario NAME] [--rounds N]`: the run the page does (every
// buffer recorded: fleet series, per-host and per-VM samples, record 'all') of a preset (default
// the 2024 incident), against the lean kernel of the same shape (issue 25: at least 0.35 of its
// VM-steps/s), and the recorder's own cost: the same run recording only its summary. Interleaved
// round by round and timed in CPU time of this process, so the machine's load hits all three
// alike; the ratios are the figures to compare between commits.
//
// The page runs the core bundled (one module scope); under tsx every imported binding of another
// module is read through a getter, which in the hot loops costs the model a third to a half of its
// speed (a profile shows it as `get` in slots.ts or settings.ts). So the page's run is measured on
// the core bundled by vite, as the page gets it, and under tsx beside it (as `npm run sim` runs).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RecordMode, Simulation } from '../core/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { LeanKernel } from './lean-kernel.ts';

export type SimulationClass = typeof Simulation;

/** The core bundled by vite into one ES module (as the page's build bundles it), imported. */
export async function bundledSimulation(): Promise<SimulationClass> {
  const { build } = await import('vite');
  const out = mkdtempSync(join(tmpdir(), 'cascade-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        ssr: fileURLToPath(new URL('../core/index.ts', import.meta.url)),
        outDir: out,
        emptyOutDir: true,
        minify: false,
        copyPublicDir: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'core.js' } },
      },
      ssr: { noExternal: true, target: 'node' },
    });
    const core = (await import(pathToFileURL(join(out, 'core.js')).href)) as { Simulation: SimulationClass };
    return core.Simulation;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** issue 25: a full-recording run at least this share of the lean kernel's VM-steps/s */
export const PAGE_RUN_TARGET = 0.35;

export interface PageRunLine {
  name: string;
  /** how the core was loaded: bundled as the page has it, or module by module under tsx */
  build: 'bundled' | 'tsx';
  /** VM slots and steps (the lean kernel runs the same) */
  vms: number;
  steps: number;
  /** CPU ms, median of the rounds */
  allMs: number;
  summaryMs: number;
  leanMs: number;
  /** lean / all: the page's run as a share of the lean kernel's VM-steps/s */
  ratio: number;
  /** lean / summary: the same run recording nothing but its summary */
  summaryRatio: number;
  /** (all - summary) / all: the share of the page's run that is the recorder */
  recorderShare: number;
  target: number;
  /** the recorded and the summary-only run gave the same summary (else the bench measured two different runs) */
  identical: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

function timedRun(
  Sim: SimulationClass,
  s: Scenario,
  mode: RecordMode,
): { ms: number; summary: string; sim: Simulation } {
  const sim = new Sim(s, { record: mode });
  const c0 = process.cpuUsage();
  sim.advance(sim.totalSteps);
  const ms = cpuMs(c0);
  return { ms, summary: JSON.stringify(mode === 'summary' ? sim.summary() : sim.result().summary), sim };
}

export function measurePageRun(
  name: string,
  s: Scenario,
  rounds: number,
  Sim: SimulationClass,
  build: PageRunLine['build'],
): PageRunLine {
  const all: number[] = [],
    summary: number[] = [],
    lean: number[] = [];
  let identical = true,
    probe: Simulation | undefined;
  for (let r = 0; r < rounds; r++) {
    // alternate which record mode goes first, so neither always pays for the other's garbage
    const modes: RecordMode[] = r % 2 ? ['summary', 'all'] : ['all', 'summary'];
    const got = modes.map((m) => timedRun(Sim, s, m));
    const a = got[modes.indexOf('all')],
      b = got[modes.indexOf('summary')];
    all.push(a.ms);
    summary.push(b.ms);
    if (a.summary !== b.summary) identical = false;
    probe = a.sim;
    const st = a.sim.state;
    const k = new LeanKernel(st.hosts, st.slotsPerHost, st.dt);
    const outage = Math.floor(st.totalSteps / 3);
    const c0 = process.cpuUsage();
    if (k.run(st.totalSteps, outage, 2 * outage) < 0) throw new Error('unreachable');
    lean.push(cpuMs(c0));
  }
  const allMs = median(all),
    summaryMs = median(summary),
    leanMs = median(lean);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    name,
    build,
    vms: probe!.state.vms,
    steps: probe!.totalSteps,
    allMs: Math.round(allMs),
    summaryMs: Math.round(summaryMs),
    leanMs: Math.round(leanMs),
    ratio: r3(leanMs / allMs),
    summaryRatio: r3(leanMs / summaryMs),
    recorderShare: r3(Math.max(0, allMs - summaryMs) / allMs),
    target: PAGE_RUN_TARGET,
    identical,
  };
}

export function formatPageRun(l: PageRunLine): string {
  const met = l.ratio >= l.target ? 'meets' : 'below';
  return (
    `the page's run of ${l.name} (every buffer recorded; ${l.vms.toLocaleString('en-US')} VM slots, ${l.steps} steps), ` +
    `${l.build === 'bundled' ? 'the core bundled as the page has it' : 'the core under tsx, module by module (as npm run sim)'}\n` +
    `  ${l.ratio.toFixed(2)} of the lean kernel's VM-steps per CPU s (${met} the target ${l.target}); ` +
    `summary only ${l.summaryRatio.toFixed(2)}: the recorder is ${Math.round(l.recorderShare * 100)}% of the run ` +
    `(CPU ms, median: all ${l.allMs}, summary ${l.summaryMs}, lean ${l.leanMs}); ` +
    `${l.identical ? 'summaries identical' : 'SUMMARIES DIFFER'}\n`
  );
}
