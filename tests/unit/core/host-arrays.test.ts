// The host-array registry (src/core/systems/hosts/lifecycle.ts): every per-host array of the state
// is either wiped by a crash (HOST_RUNTIME_ARRAYS, with a fresh host's value) or listed as kept
// with why, and a panic leaves the host's runtime arrays at a fresh host's values.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { HOST_KEPT_ARRAYS, HOST_RUNTIME_ARRAYS } from '../../../src/core/systems/hosts/lifecycle.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';

const runtime = HOST_RUNTIME_ARRAYS.map(([key]) => key as string);
const kept = Object.values(HOST_KEPT_ARRAYS).flat();

/** The state's typed arrays with one entry per host. */
function perHostArrays(sim: Simulation): Record<string, ArrayLike<number>> {
  const st = sim.state as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(st).filter(
      ([, v]) => ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === sim.state.hosts,
    ),
  ) as Record<string, ArrayLike<number>>;
}

const SCENARIOS = () => [
  loadPreset('workshop-outage')!,
  loadPreset('clevercloud-2022-04')!,
  loadPreset('flyingcircus-2017-08-02')!, // a maintenance window: the migration books exist
  scenarioWith({ controlPlane: { enabled: true } }, 'clevercloud-2024-08-02'),
];

describe('per-host arrays', () => {
  it('lists every per-host array once: wiped by a crash, or kept with a reason', () => {
    expect(runtime.filter((k) => kept.includes(k))).toEqual([]);
    expect(new Set([...runtime, ...kept]).size).toBe(runtime.length + kept.length);
    const seen = new Set<string>();
    for (const s of SCENARIOS()) {
      const sim = new Simulation(s);
      for (const key of Object.keys(perHostArrays(sim))) {
        seen.add(key);
        expect([...runtime, ...kept], `${s.preset}: ${key}`).toContain(key);
      }
    }
    // and lists nothing the state does not have
    for (const key of [...runtime, ...kept]) expect(seen, key).toContain(key);
  });

  it("gives a fresh host's values as the runtime arrays' values (a run's start)", () => {
    const arrays = perHostArrays(new Simulation(loadPreset('workshop-outage')!));
    for (const [key, value] of HOST_RUNTIME_ARRAYS)
      for (let h = 0; h < 12; h++) expect(arrays[key][h], `${key}[${h}]`).toBe(value);
  });

  it("leaves a panicked host's runtime arrays at a fresh host's values", () => {
    const sim = new Simulation(loadPreset('workshop-outage')!);
    let queueBefore = sim.state.diskQueueSeconds.slice();
    while (sim.state.panics === 0 && !sim.done) {
      queueBefore = sim.state.diskQueueSeconds.slice();
      sim.advance(1);
    }
    const h = sim.state.hvState.indexOf(4); // HV_PANICKED
    expect(h).toBeGreaterThanOrEqual(0);
    expect(queueBefore[h]).toBeGreaterThan(1); // it panicked with its disk saturated: the reset did something
    const arrays = perHostArrays(sim);
    for (const [key, value] of HOST_RUNTIME_ARRAYS) expect(arrays[key][h], key).toBe(value);
  });
});
