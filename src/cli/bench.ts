// npm run -s bench -- [--hours H] [--rounds N] [--replay] [--ensemble N [--scenario NAME]] [--json]
//                      [--page-run [--scenario NAME]]
//
// Fleet bench (default): the full model on 40,000 VMs over 1,000 hypervisors (2 simulated hours,
// a 90 min outage inside; --hours 12 for the long run), timed around the step loop only.
// Replay bench (--replay): every preset at its own size and length.
// Ensemble bench (--ensemble N): members/s of N worlds of a preset (default workshop-outage), full
// runs against summary-only ones (bench-ensemble.ts).
// Calibrated worlds (--calibrated N) and calibrations (--calibrate N) on --jobs J worker threads,
// wall time against issue 25's targets, and worlds per CPU s against the lean kernel's (calibrate-bench.ts).
// The page's run (--page-run): a preset (default the 2024 incident) recording every buffer, as a
// share of the lean kernel's VM-steps/s (target 0.35), and the recorder's share of it (bench-page-run.ts).
// Each figure is printed beside a lean kernel of the same shape (src/cli/lean-kernel.ts) measured
// in the same process, interleaved round by round: on a shared, noisy machine the absolute
// VM-steps/s swing with the load, the ratio is what to compare between commits. Both are timed
// in CPU time of the process (process.cpuUsage): with many processes on 2 cores a wall clock
// mostly measures the wait for a core. The wall-time ratio is printed beside it.

import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Simulation } from '../core/index.ts';
import { incidentOf, loadPreset, parseScenario, presetNames, type Scenario } from '../scenario/index.ts';
import { LeanKernel } from './lean-kernel.ts';
import { formatEnsemble, measureEnsemble } from './bench-ensemble.ts';
import { isProgram, processIo, type CliIo } from './io.ts';
import { benchCalibrated, benchCalibration, formatCalibrateBench } from './calibrate-bench.ts';
import { parseJobs } from './jobs.ts';
import { bundledSimulation, formatPageRun, measurePageRun, type SimulationClass } from './bench-page-run.ts';

export function benchScenario(hours = 2): Scenario {
  const base = loadPreset('workshop-outage')!;
  const { scenario, issues } = parseScenario({
    ...base,
    preset: 'bench',
    durationMinutes: hours * 60,
    fleet: { zones: 4, hypervisors: 1000, vmMix: { pico: 28, nano: 6, XS: 3, S: 2, M: 1, L: 0, XL: 0 } },
    events: [{ atMinute: 10, kind: 'messagingOutage', durationMinutes: 90 }],
  });
  if (issues.length) throw new Error(`bench scenario: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return scenario;
}

/** Bytes of typed-array state indexed by VM, per VM (the recorder's buffers are not state). */
export function bytesPerVm(sim: Simulation): number {
  const st = sim.state as unknown as Record<string, unknown>;
  let bytes = 0;
  for (const value of Object.values(st)) {
    if (ArrayBuffer.isView(value) && (value as unknown as { length: number }).length === sim.state.vms)
      bytes += value.byteLength;
  }
  bytes += sim.state.vmHot.byteLength; // the VM pass's interleaved figures, VM_HOT a VM (fleet/hot.ts)
  return bytes / sim.state.vms;
}

export interface BenchLine {
  name: string;
  vms: number;
  hypervisors: number;
  steps: number;
  /** the model, median of the rounds */
  vmStepsPerSecond: number;
  /** the lean kernel on the same VM count and steps, median of the rounds */
  leanVmStepsPerSecond: number;
  /** model / lean in CPU time of this process: the figure to compare between commits */
  ratio: number;
  /** the same ratio in wall time (what it was before; the wait for a core on a loaded machine blurs it) */
  wallRatio: number;
  wallMs: number;
  /** the model's CPU time, median of the rounds */
  cpuMs: number;
  bytesPerVm: number;
  panicked: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times the model on `scenario` and the lean kernel of the same shape, interleaved `rounds` times. */
export function measure(
  name: string,
  scenario: Scenario,
  rounds: number,
  Sim: SimulationClass = Simulation,
): BenchLine {
  const model: number[] = [],
    lean: number[] = [],
    modelCpu: number[] = [],
    leanCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  let last: Simulation | undefined;
  for (let r = 0; r < rounds; r++) {
    const sim = new Sim(scenario);
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    sim.advance(sim.totalSteps);
    modelCpu.push(cpuMs(c0));
    model.push(performance.now() - t0);
    last = sim;
    const st = sim.state;
    const k = new LeanKernel(st.hosts, st.slotsPerHost, st.dt);
    const outage = Math.floor(st.totalSteps / 3);
    const t1 = performance.now(),
      c1 = process.cpuUsage();
    if (k.run(st.totalSteps, outage, 2 * outage) < 0) throw new Error('unreachable');
    leanCpu.push(cpuMs(c1));
    lean.push(performance.now() - t1);
  }
  const sim = last!;
  const vmSteps = sim.state.vms * sim.totalSteps;
  const ms = median(model),
    leanMs = median(lean),
    cpu = median(modelCpu),
    leanCpuMs = median(leanCpu);
  return {
    name,
    vms: sim.state.vms,
    hypervisors: sim.state.hosts,
    steps: sim.totalSteps,
    vmStepsPerSecond: Math.round(vmSteps / (cpu / 1000)),
    leanVmStepsPerSecond: Math.round(vmSteps / (leanCpuMs / 1000)),
    ratio: Math.round((leanCpuMs / cpu) * 1000) / 1000,
    wallRatio: Math.round((leanMs / ms) * 1000) / 1000,
    wallMs: Math.round(ms),
    cpuMs: Math.round(cpu),
    bytesPerVm: Math.round(bytesPerVm(sim)),
    panicked: sim.result().summary.hypervisors.panicked,
  };
}

/** --hours and --rounds read and checked (undefined, with the message written, when out of range). */
function hoursAndRounds(
  values: { hours: string; rounds: string },
  io: CliIo,
): { hours: number; rounds: number } | undefined {
  const hours = Number(values.hours),
    rounds = Number(values.rounds);
  if (hours > 0 && hours <= 48 && Number.isInteger(rounds) && rounds >= 1 && rounds <= 20) return { hours, rounds };
  io.err('bench: --hours must be in (0, 48] and --rounds an integer in 1..20\n');
  return undefined;
}

function warmUp(scenario: Scenario, Sim: SimulationClass = Simulation): void {
  // a small copy first, so the JIT has compiled the systems before anything is timed
  const warm = new Sim(parseScenario({ ...scenario, fleet: { ...scenario.fleet, hypervisors: 50 } }).scenario);
  warm.advance(warm.totalSteps);
  new LeanKernel(50, 40, scenario.stepSeconds).run(200, 50, 100);
}

function format(l: BenchLine): string {
  const m = (x: number) => (x / 1e6).toFixed(1);
  return (
    `${l.name}: ${l.vms.toLocaleString('en-US')} VM slots on ${l.hypervisors} hypervisors, ${l.steps} steps\n` +
    `  model ${m(l.vmStepsPerSecond)}M VM-steps per CPU s (${l.cpuMs} ms CPU, ${l.wallMs} ms wall), ` +
    `lean kernel ${m(l.leanVmStepsPerSecond)}M: ratio ${l.ratio.toFixed(2)} (wall ${l.wallRatio.toFixed(2)}); ` +
    `${l.bytesPerVm} B of state per VM; ${l.panicked} panicked\n`
  );
}

const USAGE =
  'usage: npm run -s bench -- [--hours H] [--rounds N] [--json]\n' +
  '       npm run -s bench -- --bundled [--hours H] [--rounds N] [--json]   (the fleet bench, bundled and under tsx)\n' +
  '       npm run -s bench -- --replay [--rounds N] [--json]          (every preset)\n' +
  '       npm run -s bench -- --ensemble N [--scenario PRESET] [--json]\n' +
  '       npm run -s bench -- --page-run [--scenario PRESET] [--rounds N] [--json]   (default the 2024 preset)\n' +
  '       npm run -s bench -- --calibrated N | --calibrate N [--jobs J] [--scenario PRESET] [--json]\n';

/** The whole command: argv without node and the script, returns the exit code (tests call it in process). */
export function main(argv: readonly string[], io: CliIo): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        replay: { type: 'boolean', default: false },
        hours: { type: 'string', default: '2' },
        rounds: { type: 'string', default: '3' },
        ensemble: { type: 'string' },
        scenario: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    // an unknown flag or a flag without its value: say which, and how to call it (no stack trace)
    io.err(`bench: ${(e as Error).message.split('\n')[0]}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const hr = hoursAndRounds(values, io);
  if (!hr) return 2;
  const { hours, rounds } = hr;
  if (values.ensemble !== undefined) {
    const name = values.scenario ?? 'workshop-outage';
    const members = Number(values.ensemble),
      base = loadPreset(name);
    if (!Number.isInteger(members) || members < 2 || members > 256 || !base) {
      io.err(`bench: --ensemble must be an integer in 2..256 and --scenario one of ${presetNames().join(', ')}\n`);
      return 2;
    }
    warmUp(base);
    const l = measureEnsemble(name, base, members, rounds);
    io.out(values.json ? JSON.stringify(l) + '\n' : formatEnsemble(l));
    return l.identical ? 0 : 1;
  }
  const lines: BenchLine[] = [];
  if (values.replay) {
    for (const name of presetNames()) {
      const s = loadPreset(name)!;
      warmUp(s);
      lines.push(measure(name, s, rounds));
    }
  } else {
    const s = benchScenario(hours);
    warmUp(s);
    lines.push(measure(`fleet ${hours} h`, s, rounds));
  }
  if (values.json) for (const l of lines) io.out(JSON.stringify(l) + '\n');
  else for (const l of lines) io.out(format(l));
  return 0;
}

/**
 * `--page-run [--scenario P] [--rounds N] [--json]`: the page's run (every buffer recorded) on the
 * core bundled as the page has it and under tsx, against the lean kernel (bench-page-run.ts).
 * Asynchronous: the bundle is built by vite first.
 */
export async function pageRunMain(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'page-run': { type: 'boolean', default: false },
      scenario: { type: 'string', default: 'clevercloud-2024-08-02' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
  });
  const base = loadPreset(values.scenario),
    rounds = Number(values.rounds);
  if (!base || !Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
    io.err(`bench: --page-run takes --scenario (one of ${presetNames().join(', ')}) and --rounds 1..20\n${USAGE}`);
    return 2;
  }
  const bundled = await bundledSimulation();
  let code = 0;
  for (const [Sim, build] of [
    [bundled, 'bundled'],
    [Simulation, 'tsx'],
  ] as const) {
    warmUp(base);
    const l = measurePageRun(values.scenario, base, rounds, Sim, build);
    io.out(values.json ? JSON.stringify(l) + '\n' : formatPageRun(l));
    if (!l.identical) code = 1;
  }
  return code;
}

/**
 * `--bundled [--hours H] [--rounds N] [--json]`: the fleet bench on the core bundled by vite, as the
 * page and the built CLI (dist-cli) run it, then module by module under tsx, as `npm run bench` and
 * the tests run it. Under tsx every value one module imports from another is read through a getter
 * (ESM live bindings as tsx emits them), which the bundle inlines: the two figures differ by that
 * alone, and the lean kernel, one file, pays it in neither. Asynchronous: the bundle is built first.
 */
export async function fleetBundledMain(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      bundled: { type: 'boolean', default: false },
      hours: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
  });
  const hr = hoursAndRounds(values, io);
  if (!hr) return 2;
  const { hours, rounds } = hr;
  const bundled = await bundledSimulation();
  const s = benchScenario(hours);
  for (const [Sim, build] of [
    [bundled, 'bundled'],
    [Simulation, 'tsx'],
  ] as const) {
    warmUp(s, Sim);
    const l = measure(`fleet ${hours} h, ${build}`, s, rounds, Sim);
    io.out(values.json ? JSON.stringify(l) + '\n' : format(l));
  }
  return 0;
}

/** `--calibrated N` / `--calibrate N`: on worker threads, so asynchronous (calibrate-bench.ts). */
export async function calibrateBenchMain(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      calibrated: { type: 'string' },
      calibrate: { type: 'string' },
      jobs: { type: 'string' },
      scenario: { type: 'string', default: 'clevercloud-2024-08-02' },
      json: { type: 'boolean', default: false },
    },
  });
  const n = Number(values.calibrated ?? values.calibrate);
  const jobs = parseJobs(values.jobs);
  if (!Number.isInteger(n) || n < 1 || typeof jobs === 'string' || !incidentOf(values.scenario)) {
    io.err(`bench: --calibrated/--calibrate N (whole), --jobs J and an incident preset as --scenario\n${USAGE}`);
    return 2;
  }
  const l =
    values.calibrated !== undefined
      ? await benchCalibrated(values.scenario, n, jobs)
      : await benchCalibration(values.scenario, n, jobs);
  io.out(values.json ? JSON.stringify(l) + '\n' : formatCalibrateBench(l));
  return 0;
}

// run when this file is the program (npm run bench), not when a test imports main
if (isProgram(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (argv.some((a) => a === '--calibrated' || a === '--calibrate'))
    void calibrateBenchMain(argv, processIo).then((code) => (process.exitCode = code));
  else if (argv.includes('--page-run')) void pageRunMain(argv, processIo).then((code) => (process.exitCode = code));
  else if (argv.includes('--bundled')) void fleetBundledMain(argv, processIo).then((code) => (process.exitCode = code));
  else process.exitCode = main(argv, processIo);
}
