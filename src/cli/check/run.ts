// Runs current (A) and the proposal (B) on the same worlds: the ensemble plan drawn from A, each
// member of A and of B on the same seed and the same draw of every typical constant (see
// core/ensemble/plan.ts). With `jobs` > 1 the members run in worker threads (member-worker.ts):
// every member is a pure function of its scenario, so the outcomes are the same bit for bit in
// any number of threads, and are combined in member order.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  assumptionRanges,
  memberOutcome,
  memberScenario,
  planPaired,
  runSummary,
  type Change,
  type EnsemblePlan,
  type Member,
  type MemberLine,
} from '../../core/index.ts';
import type { Scenario } from '../../scenario/index.ts';

export interface PairedRun {
  plan: EnsemblePlan;
  /** what B changes from A; empty: B is A, and B did not run */
  diff: Change[];
  lines: MemberLine[];
}

export interface RunOptions {
  worlds: number;
  varyAssumptions: boolean;
  /** paths the user set: never drawn */
  fixed: readonly string[];
  /** run A even when B changes nothing (a limit reads the proposal's own outcomes) */
  runWhenSame: boolean;
  /** threads; 1 runs here */
  jobs: number;
  /** starts one member worker (member-worker.ts); without it everything runs here */
  worker?: () => Worker;
}

/** One member of A, and of B when given: what a worker does. */
export function runMember(a: Scenario, b: Scenario | null, m: Member): MemberLine {
  const line: MemberLine = { a: memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(a, m))) };
  if (b) line.b = memberOutcome(m.index, m.seed, m.draws, runSummary(memberScenario(b, m)));
  return line;
}

export function defaultJobs(worlds: number): number {
  return Math.max(1, Math.min(worlds, availableParallelism()));
}

export async function runPaired(a: Scenario, b: Scenario, o: RunOptions): Promise<PairedRun> {
  const { plan, diff } = planPaired(
    a,
    b,
    { members: o.worlds, varyAssumptions: o.varyAssumptions, fixed: o.fixed },
    assumptionRanges(),
  );
  if (!diff.length && !o.runWhenSame) return { plan, diff, lines: [] };
  const bRun = diff.length ? b : null;
  const jobs = Math.max(1, Math.min(o.jobs, plan.members.length));
  if (jobs === 1 || !o.worker) return { plan, diff, lines: plan.members.map((m) => runMember(a, bRun, m)) };
  return { plan, diff, lines: await inWorkers(a, bRun, plan.members, jobs, o) };
}

/** Each worker takes the next member when it finishes one; a worker's error rejects the whole run. */
function inWorkers(
  a: Scenario,
  b: Scenario | null,
  members: readonly Member[],
  jobs: number,
  o: RunOptions,
): Promise<MemberLine[]> {
  return new Promise((resolve, reject) => {
    const out = new Array<MemberLine>(members.length);
    let next = 0,
      done = 0,
      failed = false;
    const workers: Worker[] = [];
    const retired = new Set<Worker>();
    const retire = (w: Worker) => {
      retired.add(w);
      void w.terminate();
    };
    const stop = (e: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) retire(w);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const feed = (w: Worker) => {
      if (next >= members.length) return retire(w);
      const m = members[next++];
      w.postMessage({ a, b, member: m });
    };
    for (let i = 0; i < jobs; i++) {
      const w = o.worker!();
      workers.push(w);
      w.on('message', (msg: { index: number; line?: MemberLine; error?: string }) => {
        if (msg.error !== undefined) return stop(new Error(msg.error));
        out[msg.index] = msg.line!;
        if (++done === members.length) {
          for (const x of workers) retire(x);
          resolve(out);
        } else feed(w);
      });
      w.on('error', stop);
      w.on('exit', (code) => {
        if (!retired.has(w)) stop(new Error(`a member worker stopped (exit ${code})`));
      });
      feed(w);
    }
  });
}
