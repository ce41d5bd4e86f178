import { spawnSync } from 'node:child_process';
import { Simulation, type SimResult } from '../../src/core/index.ts';
import { loadPreset, parseScenario, type Scenario, type ValidScenario } from '../../src/scenario/index.ts';

/** A preset with overrides applied through the schema; fails the test on any validation issue. */
export function scenarioWith(overrides: Record<string, unknown>, preset = 'workshop-outage'): ValidScenario {
  const base = loadPreset(preset)!;
  // a preset cut short keeps the events of its timeline that fall inside the shorter run
  const d = overrides.durationMinutes;
  if (typeof d === 'number' && !('events' in overrides)) base.events = base.events.filter((e) => e.atMinute <= d);
  const merged = deepMerge(JSON.parse(JSON.stringify(base)), overrides);
  const { scenario, issues } = parseScenario(merged);
  if (issues.length) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return scenario;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(b)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object')
      deepMerge(a[k] as Record<string, unknown>, v as Record<string, unknown>);
    else a[k] = v;
  }
  return a;
}

export function run(s: Scenario): SimResult {
  const sim = new Simulation(s);
  sim.advance(sim.totalSteps);
  return sim.result();
}

/** Events held anywhere in the fleet, summed independently of the core's own counters. */
export function heldEvents(sim: Simulation): number {
  let n = 0;
  for (let v = 0; v < sim.state.vms; v++) n += sim.state.buf[v] + sim.state.held[v];
  return n;
}

/** One VM alone on one host, no spread: the setting for closed-form checks. */
export function singleVm(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return deepMerge(
    {
      stepSeconds: 1,
      fleet: { zones: 1, hypervisors: 1, vmMix: { pico: 0, nano: 0, XS: 0, S: 0, M: 1, L: 0, XL: 0 } },
      telemetry: { rateSpread: 0, eventsPerSecond: 10, retryMaxSeconds: 1 },
      events: [],
    },
    extra,
  );
}

/** FNV-1a over the bytes of every series and the event log: a fingerprint of a whole run. */
export function fingerprint(r: SimResult): string {
  let h = 0x811c9dc5;
  const eat = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
  };
  for (const key of Object.keys(r.series).sort())
    eat(new Uint8Array((r.series as Record<string, Float32Array>)[key].buffer));
  for (const a of [r.hosts.state, r.hosts.diskReadMBps, r.hosts.dStateSeconds, r.vms.anonMiB])
    eat(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  eat(new TextEncoder().encode(JSON.stringify(r.events)));
  return (h >>> 0).toString(16);
}

/** `npm run -s sim -- ...args` in a child process: its exit code, stdout and stderr. */
export function sim(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
