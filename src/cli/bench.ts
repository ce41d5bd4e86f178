// npm run -s bench -- [--json]
// The full model on 40,000 VMs over 1,000 hypervisors for 2 simulated hours (a 90 min outage
// inside), timed around the step loop only. Prints VM-steps per second and bytes of state per
// VM. Figures on a shared machine are noisy: compare ratios measured in one run.

import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Simulation } from '../core/index.ts';
import { loadPreset, parseScenario } from '../scenario/index.ts';

export function benchScenario() {
  const base = loadPreset('workshop-outage')!;
  const { scenario, issues } = parseScenario({
    ...base,
    preset: 'bench',
    durationMinutes: 120,
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
  return bytes / sim.state.vms;
}

function main(): void {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const scenario = benchScenario();
  // warm-up on a small copy so the JIT has compiled the systems before timing
  const warm = new Simulation(parseScenario({ ...scenario, fleet: { ...scenario.fleet, hypervisors: 50 } }).scenario);
  warm.advance(warm.totalSteps);

  const sim = new Simulation(scenario);
  const t0 = performance.now();
  sim.advance(sim.totalSteps);
  const ms = performance.now() - t0;
  const vmSteps = sim.state.vms * sim.totalSteps;
  const out = {
    vms: sim.state.vms,
    hypervisors: sim.state.hosts,
    steps: sim.totalSteps,
    vmStepsPerSecond: Math.round(vmSteps / (ms / 1000)),
    bytesPerVm: Math.round(bytesPerVm(sim)),
    wallMs: Math.round(ms),
    panicked: sim.result().summary.hypervisors.panicked,
  };
  if (values.json) process.stdout.write(JSON.stringify(out) + '\n');
  else {
    process.stdout.write(
      `${out.vms.toLocaleString('en-US')} VMs on ${out.hypervisors} hypervisors, ${out.steps} steps of ${scenario.stepSeconds} s\n` +
        `${(out.vmStepsPerSecond / 1e6).toFixed(1)} million VM-steps/s (${out.wallMs} ms), ${out.bytesPerVm} bytes of state per VM, ${out.panicked} hypervisors panicked\n`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
