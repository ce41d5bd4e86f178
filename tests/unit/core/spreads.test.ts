// A heterogeneous fleet: per-VM RSS, working set and log rate, per-host disk and mix, drawn from the
// seed by keyed draws (no sequence to disturb), and kept by a VM the orchestrator redeploys.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.ts';
import { expApprox, keyedFloat, lognormalMean } from '../../../src/core/rng.ts';
import { resizeFleet } from '../../../src/scenario/index.ts';
import { scenarioWith, WHOLE_RUNS } from '../helpers.ts';

describe('deterministic spreads', () => {
  it('expApprox is e^x within 0.01% over the range the spreads use, with multiplications only', () => {
    for (let x = -3.5; x <= 3.5; x += 0.25) expect(Math.abs(expApprox(x) / Math.exp(x) - 1)).toBeLessThan(1e-4);
  });

  it('keyed draws are uniform and stable: the same (seed, key, i) gives the same number', () => {
    expect(keyedFloat(7, 123, 2)).toBe(keyedFloat(7, 123, 2));
    let sum = 0,
      low = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const u = keyedFloat(1, k, 0);
      sum += u;
      if (u < 0.1) low++;
    }
    expect(sum / n).toBeGreaterThan(0.49);
    expect(sum / n).toBeLessThan(0.51);
    expect(low / n).toBeGreaterThan(0.09);
    expect(low / n).toBeLessThan(0.11);
  });

  it('keeps the mean log rate while spreading it (lognormal, heavy upper tail)', () => {
    const sim = new Simulation(scenarioWith({ telemetry: { rateSpread: 1 } }));
    const st = sim.state;
    const rates = Array.from(st.ratePerStep.slice(0, st.vmsReal)).map((r) => r / st.dt);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeGreaterThan(25 * 0.95);
    expect(mean).toBeLessThan(25 * 1.05);
    rates.sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    expect(rates[Math.floor(rates.length * 0.9)] / median).toBeGreaterThan(3); // e^1.28 = 3.6
    expect(lognormalMean(0)).toBe(1);
    // the closed form against the Irwin-Hall normal it corrects: E[e^(sigma Z)] by sampling
    let m = 0;
    const n = 40000;
    for (let k = 0; k < n; k++) {
      const z =
        (keyedFloat(3, k, 0) + keyedFloat(3, k, 1) + keyedFloat(3, k, 2) + keyedFloat(3, k, 3) - 2) * Math.sqrt(3);
      m += Math.exp(0.8 * z);
    }
    expect(Math.abs(m / n / lognormalMean(0.8) - 1)).toBeLessThan(0.02);
  });

  it('gives hosts different disks and mixes, each host the same number of VMs, and VMs of a size different figures', () => {
    const st = new Simulation(scenarioWith({}, 'clevercloud-2024-08-02')).state;
    const f = Array.from(st.hostDiskFactor);
    expect(Math.max(...f) / Math.min(...f)).toBeGreaterThan(1.3);
    // (the hosts the fleet starts with: the 2024 replay's 4 parked hosts, addHosts at 16:05, start empty)
    const picos = new Array(st.hostsStart).fill(0);
    for (let v = 0; v < st.vms; v++) if (st.vmId[v] >= 0 && st.sizeOf[v] === 0) picos[st.hostOf[v]]++;
    expect(Math.max(...picos) - Math.min(...picos)).toBeGreaterThan(8);
    for (let h = 0; h < st.hosts; h++) expect(st.hostLive[h]).toBe(h < st.hostsStart ? st.perHost : 0);
    const ws = new Set<number>();
    for (let v = 0; v < st.vms; v++) if (st.sizeOf[v] === 0) ws.add(Math.round(st.wsMiB[v]));
    expect(ws.size).toBeGreaterThan(20);
    // at rest every VM fits: application, agent and working set within its RAM
    for (let v = 0; v < st.vmsReal; v++) expect(st.baseAnonMiB[v] + st.wsMiB[v]).toBeLessThanOrEqual(st.limitMiB[v]);
  });

  it('with every spread at 0, all VMs of a size are identical again', () => {
    const st = new Simulation(
      scenarioWith({
        fleet: { rssSpread: 0, workingSetSpread: 0, mixSpread: 0 },
        telemetry: { rateSpread: 0 },
        hypervisor: { diskSpread: 0 },
      }),
    ).state;
    expect(new Set(Array.from(st.hostDiskFactor)).size).toBe(1);
    const pico = (a: Float64Array) => new Set(Array.from(a).filter((_, v) => st.sizeOf[v] === 0 && st.vmId[v] >= 0));
    expect(pico(st.wsMiB).size).toBe(1);
    expect(pico(st.appRssMiB).size).toBe(1);
    expect(pico(st.ratePerStep).size).toBe(1);
  });
});

describe('a redeployed VM is the same application', WHOLE_RUNS, () => {
  it('keeps its RSS, working set and log rate when the orchestrator starts a copy elsewhere', () => {
    // the 2024 replay on a quarter of its hosts (its redeploy storm, hundreds of VMs moved), recording
    // nothing: the check reads the state
    const s = scenarioWith({}, 'clevercloud-2024-08-02');
    const sim = new Simulation(resizeFleet(s, s.fleet.hypervisors / 4).scenario, { record: 'summary' });
    const st = sim.state;
    const first = new Map<number, [number, number, number, number]>();
    for (let v = 0; v < st.vms; v++)
      if (st.vmId[v] >= 0) first.set(st.vmId[v], [v, st.appRssMiB[v], st.wsMiB[v], st.ratePerStep[v]]);
    const { alive, vmId, appRssMiB, wsMiB, ratePerStep } = st;
    let moved = 0,
      changed = '';
    while (!sim.done && !changed) {
      sim.advance(60);
      for (let v = 0; v < st.vms; v++) {
        const f = alive[v] ? first.get(vmId[v]) : undefined;
        if (!f || f[0] === v) continue;
        moved++;
        if (appRssMiB[v] !== f[1] || wsMiB[v] !== f[2] || ratePerStep[v] !== f[3])
          changed = `VM ${vmId[v]}: ${[appRssMiB[v], wsMiB[v], ratePerStep[v]]} against ${f.slice(1)}`;
      }
    }
    expect(changed).toBe('');
    expect(moved).toBeGreaterThan(100); // the replay redeploys hundreds of VMs
  });
});
