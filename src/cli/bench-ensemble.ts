// `npm run -s bench -- --ensemble N [--scenario NAME]`: members per second of an ensemble of N
// worlds (seeds and assumption draws, as `sim --ensemble N --vary-assumptions` plans them), each
// member run three ways, interleaved member by member so the machine's load hits them alike:
//   full     what a member cost before record modes: every buffer, result().summary
//   series   record: 'series' (the worker's summaryOnly: fleet series, no per-host/per-VM buffers)
//   summary  record: 'summary' (the CLI's members: nothing but the summary's maxima)
// The ratio summary / full is the figure to compare between commits. Members are timed in CPU
// time of this process (process.cpuUsage), not wall time: with the 2 cores shared by many
// processes a wall clock mostly measures the wait for a core.

import { Simulation, assumptionRanges, memberScenario, planEnsemble, type RecordMode } from '../core/index.ts';
import type { Scenario } from '../scenario/index.ts';

export interface EnsembleBenchLine {
  name: string;
  members: number;
  vms: number;
  steps: number;
  /** members per CPU second, median of the rounds */
  full: number;
  series: number;
  summary: number;
  /** summary / full */
  ratio: number;
  /** every mode gave every member the same summary (a bench that drifted would be measuring something else) */
  identical: boolean;
}

const MODES: RecordMode[] = ['all', 'series', 'summary'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runMember(s: Scenario, mode: RecordMode): string {
  const sim = new Simulation(s, { record: mode });
  sim.advance(sim.totalSteps);
  return JSON.stringify(mode === 'summary' ? sim.summary() : sim.result().summary);
}

export function measureEnsemble(name: string, scenario: Scenario, members: number, rounds: number): EnsembleBenchLine {
  const plan = planEnsemble(scenario, { members, varyAssumptions: true }, assumptionRanges());
  const worlds = plan.members.map((m) => memberScenario(scenario, m));
  const perRound: number[][] = MODES.map(() => []);
  let identical = true;
  for (let r = 0; r < rounds; r++) {
    const ms = MODES.map(() => 0);
    worlds.forEach((w, j) => {
      const got: string[] = [];
      // rotate which mode goes first, so none always pays for the garbage of the one before
      for (let k = 0; k < MODES.length; k++) {
        const i = (j + k) % MODES.length;
        const t0 = process.cpuUsage();
        got[i] = runMember(w, MODES[i]);
        const dt = process.cpuUsage(t0);
        ms[i] += (dt.user + dt.system) / 1000;
      }
      if (got.some((x) => x !== got[0])) identical = false;
    });
    ms.forEach((x, i) => perRound[i].push(members / (x / 1000)));
  }
  const probe = new Simulation(worlds[0], { record: 'summary' });
  const [full, series, summary] = perRound.map(median);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    name,
    members,
    vms: probe.state.vmsReal,
    steps: probe.totalSteps,
    full: r2(full),
    series: r2(series),
    summary: r2(summary),
    ratio: Math.round((summary / full) * 1000) / 1000,
    identical,
  };
}

export function formatEnsemble(l: EnsembleBenchLine): string {
  return (
    `ensemble of ${l.members} (${l.name}, ${l.vms.toLocaleString('en-US')} VMs, ${l.steps} steps, varied assumptions)\n` +
    `  members per CPU second: full ${l.full}, series ${l.series}, summary ${l.summary}: summary / full ${l.ratio.toFixed(2)}; ` +
    `${l.identical ? 'summaries identical' : 'SUMMARIES DIFFER'}\n`
  );
}
