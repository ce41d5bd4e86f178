import { Simulation, type SimResult } from '../../src/core/index.ts';
import { loadPreset, parseScenario, type Scenario, type ValidScenario } from '../../src/scenario/index.ts';
import { main } from '../../src/cli/sim.ts';

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
  const { vms, buf, held } = sim.state; // read once: these checks run at every step of whole runs
  let n = 0;
  for (let v = 0; v < vms; v++) n += buf[v] + held[v];
  return n;
}

/** Steps a run to its end, one step at a time, failing at the first step where telemetry is not conserved. */
export function conservedEveryStep(sim: Simulation): void {
  while (!sim.done) {
    sim.advance(1);
    const st = sim.state,
      held = heldEvents(sim);
    if (st.produced !== st.delivered + held + st.dropped + st.lost) throw new Error(`step ${st.step}: not conserved`);
    if (held !== st.stepBuffered)
      throw new Error(`step ${st.step}: ${st.stepBuffered} held by the summary, ${held} in the arrays`);
  }
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
  // each array's own bytes, not its buffer's: a run read back from the model tier's store
  // (runs-store.ts, V8's deserialize) holds its arrays as views into one shared buffer
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (const key of Object.keys(r.series).sort()) eat(view((r.series as Record<string, Float32Array>)[key]));
  for (const a of [r.hosts.state, r.hosts.diskReadMBps, r.hosts.dStateSeconds, r.vms.anonMiB]) eat(view(a));
  eat(new TextEncoder().encode(JSON.stringify(r.events)));
  return (h >>> 0).toString(16);
}

/**
 * Where two typed arrays differ, bit for bit ('' when they are the same bytes): the length, or the first
 * index and both values. Compares the bytes in one call: Vitest's toEqual walks a typed array element by
 * element, 2.5 CPU s for the million values of a small fleet's per-VM samples.
 */
export function bitDiff(a: ArrayBufferView & ArrayLike<number>, b: ArrayBufferView & ArrayLike<number>): string {
  if (a.length !== b.length) return `length ${a.length} against ${b.length}`;
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  if (bytes(a).equals(bytes(b))) return '';
  const show = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `at ${i}: ${show(a[i])} against ${show(b[i])}`;
  return 'the same values in other bytes (NaN payloads)';
}

/**
 * `npm run -s sim -- ...args`, in process (src/cli/sim.ts main): its exit code, stdout and stderr.
 * tests/unit/cli/spawn.test.ts starts the real command once.
 */
export function sim(...args: string[]): { code: number; out: string; err: string } {
  let out = '',
    err = '';
  const code = main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

/**
 * Named time limits for unit-tier tests that need more than Vitest's 5 s default on a loaded 2-core
 * machine. They are hang guards, not measurements (speed is `npm run bench`); pass one as a test's
 * or a describe's options: it('...', WHOLE_RUNS, () => ...).
 */
/** runs preset-sized scenarios to their end, or checks every step of one (the heaviest take
 * ~10 s of CPU, minutes on a 2-core machine shared by a dozen processes) */
export const WHOLE_RUNS = { timeout: 300_000 };
/** a property checked on hundreds of generated inputs (fast-check) */
export const PROPERTIES = { timeout: 60_000 };
/** starts Node child processes (tsx compiling the CLI; npm packing and installing the package) */
export const CHILD_PROCESS = { timeout: 60_000 };
/** reads an input near the one size limit (a megabyte of config text, 200,000 scenario values):
 * linear, about a second of CPU, tens of seconds beside a browser suite on 2 cores */
export const LIMIT_SIZED_INPUT = { timeout: 90_000 };
/** the TypeScript compiler reads src/scenario/types.ts */
export const TS_COMPILER = { timeout: 60_000 };
