// npm run -s sim -- [--scenario NAME|FILE] [--set path=value]... [--seed N] [--resize-fleet N] [--json] [--series]
// npm run -s sim -- calibrate ... (calibrate.ts), merge ... (merge.ts), check ... (check/)
// Runs one scenario in Node and prints a readable summary, or one JSON object with --json.
// --series adds the timeline per simulated minute (series.ts): a `series` array in the JSON, a table otherwise.
// Bad input: exit 2 with a message naming the path.

import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Simulation, clockLabel, type Summary, type SimEvent } from '../core/index.ts';
import { resizeFromArgs, resizeLine, scenarioFromArgs } from './args.ts';
import { withChanges } from '../core/index.ts';
import { minuteSeries, seriesTable } from './series.ts';
import { mergeCli } from './merge.ts';
import { configLine, parseAgainst, parseMembers, parseShard, runEnsembleCli } from './ensemble.ts';
import { checkCli } from './check/cli.ts';
import { isProgram, processIo, type CliIo } from './io.ts';
import { parseJobs } from './jobs.ts';
import { calibrateCli } from './calibrate.ts';
import { WORLD_SOURCES, incidentOf, type WorldSource } from '../scenario/index.ts';

/**
 * The worlds of an ensemble: --worlds-from as given; else --vary-assumptions, the prior; else the
 * calibrated worlds for a preset that replays an incident, and seeds for any other scenario.
 */
export function worldsFrom(
  flag: string | undefined,
  vary: boolean,
  preset: string,
): { source: WorldSource; error?: string } {
  if (flag !== undefined) {
    if ((WORLD_SOURCES as readonly string[]).includes(flag)) {
      if (vary && flag !== 'prior')
        return {
          source: 'prior',
          error: `--vary-assumptions is --worlds-from prior: it cannot go with --worlds-from ${flag}`,
        };
      return { source: flag as WorldSource };
    }
    return {
      source: 'seeds',
      error: `--worlds-from ${JSON.stringify(flag.slice(0, 40))}: expected ${WORLD_SOURCES.join(', ')}`,
    };
  }
  if (vary) return { source: 'prior' };
  return { source: incidentOf(preset) ? 'calibrated' : 'seeds' };
}

/**
 * The whole command: argv without node and the script, returns the exit code. Never exits itself.
 * In process (tests) every run is in this thread; the program passes `threads` and then an
 * ensemble with `--jobs` above 1 runs on worker threads and its code comes as a promise.
 */
export function main(argv: readonly string[], io: CliIo): number;
export function main(argv: readonly string[], io: CliIo, threads: true): number | Promise<number>;
export function main(argv: readonly string[], io: CliIo, threads = false): number | Promise<number> {
  if (argv[0] === 'merge') {
    const args = argv.slice(1);
    const json = args.includes('--json');
    return mergeCli(
      args.filter((a) => a !== '--json'),
      json,
      (t) => io.out(t),
      (t) => io.err(t + '\n'),
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scenario: { type: 'string' },
        set: { type: 'string', multiple: true, default: [] },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        events: { type: 'boolean', default: false },
        series: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        ensemble: { type: 'string' },
        'vary-assumptions': { type: 'boolean', default: false },
        against: { type: 'string', multiple: true, default: [] },
        shard: { type: 'string' },
        config: { type: 'string', multiple: true, default: [] },
        'proposed-config': { type: 'string', multiple: true },
        'resize-fleet': { type: 'string' },
        'worlds-from': { type: 'string' },
        jobs: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`sim: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    io.out(
      'usage: npm run -s sim -- [--scenario NAME|FILE] [--config [KIND:]FILE]... [--set path=value]... [--seed N] [--json] [--events] [--series]\n' +
        '                [--resize-fleet N]  (N hosts, the orchestrator, monitoring and broker ingest scaled with them)\n' +
        '       npm run -s sim -- ... --ensemble N [--worlds-from calibrated|prior|seeds] [--vary-assumptions] [--against path=value]...\n' +
        '                [--shard K/N] [--jobs J]  (worlds: calibrated for an incident preset, else seeds; --vary-assumptions = prior)\n' +
        '       npm run -s sim -- calibrate --scenario PRESET --worlds N [--waves W] [--want K] [--jobs J] [--json] [--out FILE] [--shard K/N] | --from FILE...\n' +
        '       npm run -s sim -- ... --config FILE... --proposed-config FILE... [--ensemble N] [--vary-assumptions]\n' +
        '                (current vs proposed on the same worlds; a proposed file replaces the current files of its kind)\n' +
        '       npm run -s sim -- merge FILE... [--json]   (combines the member lines of --shard runs)\n' +
        '       npm run -s sim -- check --config FILE... --proposed-config FILE... [--worlds N] [--policy FILE]\n' +
        '                [--format text|markdown|json]   (a change gate: exit 0 pass, 1 fail, 2 bad input; check --help)\n',
    );
    return 0;
  }
  const proposedSpecs = values['proposed-config'];
  if (proposedSpecs && values.against.length) {
    io.err('sim: --against and --proposed-config both name B: use one of them\n');
    return 2;
  }
  const read = scenarioFromArgs(values.scenario, values.set ?? [], values.seed, values.config ?? [], proposedSpecs);
  const { errors, configs, fixed } = read;
  let { scenario, proposed } = read;
  if (!scenario) {
    io.err(`sim: invalid scenario\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 2;
  }
  // --resize-fleet: after everything else; what the user set stays, both sides of a comparison alike
  const resize = values['resize-fleet'];
  const resized = resize === undefined ? undefined : resizeFromArgs(scenario, resize, fixed ?? []);
  if (typeof resized === 'string') {
    io.err(`sim: ${resized}\n`);
    return 2;
  }
  if (resized) {
    scenario = resized.scenario;
    if (proposed) {
      const b = resizeFromArgs(proposed.scenario, resize!, fixed ?? []);
      proposed = { ...proposed, scenario: typeof b === 'string' ? proposed.scenario : b.scenario };
    }
  }
  const resizeReport = resized && { hosts: resized.hosts, scaled: resized.scaled, kept: resized.kept };
  if (
    values.ensemble !== undefined ||
    values.shard !== undefined ||
    values.against.length ||
    values['vary-assumptions'] ||
    values['worlds-from'] !== undefined ||
    proposed
  ) {
    if (values.series) {
      io.err(
        'sim: --series prints one run per minute: use it without --ensemble, --shard, --against or --proposed-config\n',
      );
      return 2;
    }
    const members = parseMembers(values.ensemble ?? '8');
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const against = parseAgainst(values.against);
    const worlds = worldsFrom(values['worlds-from'], values['vary-assumptions'], scenario.preset);
    const jobs = parseJobs(values.jobs);
    // --against is sugar for B = A with those values, through the one schema
    const sugar = !proposed && against.changes.length ? withChanges(scenario, against.changes) : null;
    const b = proposed?.scenario ?? sugar?.scenario ?? null;
    const errors = [
      ...(typeof members === 'string' ? [members] : []),
      ...(typeof shard === 'string' ? [shard] : []),
      ...(typeof jobs === 'string' ? [jobs] : []),
      ...(worlds.error ? [worlds.error] : []),
      ...against.errors,
      ...(sugar?.issues ?? []).map((i) => `--against ${i.path}: ${i.message}`),
    ];
    if (errors.length) {
      io.err(`sim: ${errors.join('\n  ')}\n`);
      return 2;
    }
    // the ensemble's output is its own (one JSON object, or member lines): the resize goes to stderr there
    if (resized) {
      const line = resizeLine(resized) + '\n';
      if (values.json || shard) io.err(line);
      else io.out(line);
    }
    const ran = runEnsembleCli(
      scenario,
      {
        members: members as number,
        varyAssumptions: worlds.source !== 'seeds',
        worlds: worlds.source,
        b,
        // what the user set (--set, the config files) is not an assumption: it is never drawn
        fixed: fixed ?? [],
        shard: shard as { part: number; count: number } | undefined,
        ...(proposed ? { configs: { current: configs ?? [], proposed: proposed.configs } } : {}),
      },
      (t) => io.out(t),
      values.json,
      threads ? (jobs as number) : 1,
    );
    return ran ? ran.then(() => 0) : 0;
  }
  const t0 = performance.now();
  const sim = new Simulation(scenario);
  sim.advance(sim.totalSteps);
  const result = sim.result();
  result.summary.perf.wallMs = Math.round(performance.now() - t0);
  if (values.json) {
    io.out(
      JSON.stringify({
        ...result.summary,
        ...(configs?.length ? { configs } : {}),
        ...(resizeReport ? { resizeFleet: resizeReport } : {}),
        ...(values.events ? { events: result.events } : {}),
        ...(values.series ? { series: minuteSeries(result) } : {}),
      }) + '\n',
    );
  } else {
    for (const c of configs ?? []) io.out(configLine(c) + '\n');
    if (resized) io.out(resizeLine(resized) + '\n');
    io.out(readable(result.summary, scenario.clockStart, values.events ? result.events : []));
    if (values.series) io.out('\nseries (per simulated minute)\n' + seriesTable(minuteSeries(result)));
  }
  return 0;
}

function readable(s: Summary, clockStart: string, events: readonly SimEvent[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${s.scenario} (seed ${s.seed}, ${s.simulatedMinutes} simulated minutes)`,
    '',
    s.verdict,
    '',
    `hypervisors  ${s.hypervisors.panicked} of ${s.hypervisors.total} panicked (${s.hypervisors.panics} panics), first at ${s.hypervisors.firstPanicMinute === null ? '-' : `minute ${s.hypervisors.firstPanicMinute}`}`,
    `             hung tasks on ${s.hypervisors.hungTaskHosts}; peak disk reads ${s.hypervisors.peakDiskReadGBps} GB/s fleet, ${s.hypervisors.peakHostDiskReadGBps} GB/s on one host`,
    `vms          ${n(s.vms.total)} total, ${n(s.vms.crashed)} crashed, ${n(s.vms.oomKills)} OOM kills, ${n(s.vms.thrashedAtLeastOnce)} thrashed`,
    `telemetry    produced ${n(s.telemetry.produced)} = delivered ${n(s.telemetry.delivered)} + held ${n(s.telemetry.buffered)} + dropped ${n(s.telemetry.dropped)} + lost ${n(s.telemetry.lost)}`,
    `messaging    unavailable ${s.messaging.unavailableMinutes} min`,
    `tasks        peak ${n(s.tasks.maxTasks)} of ${n(s.tasks.limit)} (pids limit); ${n(s.vms.threadExhaustionCrashes)} VMs crashed by QEMU abort on ${s.tasks.hostsWithCrashes} hosts; ${n(s.tasks.notificationsLost)} notifications lost`,
    `migrations   ${n(s.migrations.completed)} completed, ${n(s.migrations.failed)} failed, at most ${n(s.migrations.maxConcurrent)} at once; ${s.migrations.hostsMaintained} hosts maintained; ${n(s.vms.rebooted)} VMs rebooted, ${n(s.vms.unresponsive)} VMs unresponsive`,
    `perf         ${n(s.perf.vmSteps)} VM-steps in ${s.perf.wallMs} ms`,
  ];
  if (events.length) {
    lines.push('', 'timeline');
    for (const e of events)
      lines.push(
        `  ${clockLabel(clockStart, e.t).padEnd(8)} ${e.component.padEnd(10)} ${e.hv >= 0 ? `hv-${e.hv} ` : ''}${e.what}`,
      );
  }
  return lines.join('\n') + '\n';
}

// run when this file is the program (npm run sim), not when a test imports main; `sim check ...`
// (current vs proposed configs judged by a policy, src/cli/check) is asynchronous
if (isProgram(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'check') void checkCli(argv.slice(1)).then((code) => (process.exitCode = code));
  else if (argv[0] === 'calibrate')
    void calibrateCli(argv.slice(1), processIo).then((code) => (process.exitCode = code));
  else void Promise.resolve(main(argv, processIo, true)).then((code) => (process.exitCode = code));
}
