// The operators' addHosts (src/core/systems/operator/actions.ts, fleet/state.ts): parked hosts are
// allocated at the start (dense ids after the starting hosts), down and shown as parked; at the
// event's minute they join the fleet empty and the orchestrator places VMs on them. A run is the
// same run up to that minute, and a scenario without addHosts allocates nothing more.
import { describe, expect, it } from 'vitest';
import { HV_HEALTHY, HV_PARKED, Simulation, type SimEvent } from '../../../src/core/index.ts';
import { scenarioWith } from '../helpers.ts';

const AT = 30; // minute the hosts join
const START = 6;

/** A small fleet with the control plane on, busy redeploying (customers redeploy often), 2 hosts added at AT. */
function withAdd(
  extra: Record<string, unknown> = {},
  events: unknown[] = [{ atMinute: AT, kind: 'addHosts', count: 2 }],
) {
  return scenarioWith({
    durationMinutes: 60,
    fleet: { hypervisors: START, zones: 2 },
    controlPlane: { enabled: true, baselineDeploymentsPerVmHour: 0.5, placement: 'spread' },
    events,
    ...extra,
  });
}

const byCode = (events: readonly SimEvent[], code: string) => events.filter((e) => e.code === code);

describe('addHosts', () => {
  it('allocates parked hosts after the starting ones: down, parked, empty, no candidate', () => {
    const sim = new Simulation(withAdd());
    const st = sim.state;
    expect([st.hosts, st.hostsStart, st.hostsIn]).toEqual([START + 2, START, START]);
    expect(st.vmsReal).toBe(START * st.perHost);
    for (let h = START; h < st.hosts; h++) {
      expect([st.up[h], st.hvState[h], st.hostLive[h], st.hostFree[h]]).toEqual([0, HV_PARKED, 0, st.slotsPerHost]);
      expect(st.zoneOf[h]).toBe((h - START) % 2); // added hosts go to the zones in turn
    }
    // until the minute: parked, nothing placed on them
    sim.advance(Math.round((AT * 60) / st.dt) - 1);
    for (let h = START; h < st.hosts; h++) expect([st.up[h], st.hvState[h], st.hostLive[h]]).toEqual([0, HV_PARKED, 0]);
    expect(st.cp.deployments).toBeGreaterThan(0); // the orchestrator placed VMs meanwhile, elsewhere
  });

  it('adds placeable hosts at the minute, and the orchestrator puts VMs on them', () => {
    const sim = new Simulation(withAdd());
    const st = sim.state;
    sim.advance(Math.round((AT * 60) / st.dt) + 1);
    expect(st.hostsIn).toBe(START + 2);
    for (let h = START; h < st.hosts; h++) expect([st.up[h], st.hvState[h]]).toEqual([1, HV_HEALTHY]);
    const added = byCode(sim.log.events, 'hosts-added');
    expect(added).toHaveLength(1);
    expect(added[0].t).toBe(AT * 60);
    expect(added[0].what).toContain('2 parked hypervisors join the fleet empty (hv-6 to hv-7)');
    sim.advance(sim.totalSteps);
    // spread placement prefers the emptiest host: redeploys land on the new hosts
    let live = 0;
    for (let h = START; h < st.hosts; h++) live += st.hostLive[h];
    expect(live).toBeGreaterThan(0);
    // their VMs are live VMs of the fleet: slots alive with an id, counted in the books
    for (let v = st.vmStart[START]; v < st.vmStart[st.hosts]; v++)
      if (st.alive[v]) expect(st.vmId[v]).toBeGreaterThanOrEqual(0);
    const s = sim.summary();
    expect(s.hypervisors.total).toBe(START); // the fleet it starts with
    expect(s.verdict).toMatch(/of 6 hypervisors[^.]*\(2 more added at 10:30/);
  });

  it('changes nothing before its minute: the same run as without it, step for step', () => {
    const a = new Simulation(withAdd()),
      b = new Simulation(withAdd({}, []));
    const steps = Math.round((AT * 60) / a.state.dt);
    a.advance(steps);
    b.advance(steps);
    const ra = a.result(),
      rb = b.result();
    for (const key of Object.keys(rb.series) as (keyof typeof rb.series)[])
      expect(Array.from(ra.series[key].subarray(0, steps)), key).toEqual(Array.from(rb.series[key].subarray(0, steps)));
    expect(ra.events.map((e) => `${e.t} ${e.code} ${e.hv} ${e.what}`)).toEqual(
      rb.events.map((e) => `${e.t} ${e.code} ${e.hv} ${e.what}`),
    );
    // and afterwards the new hosts change the run: VMs the starting hosts would hold run on them
    a.advance(a.totalSteps);
    b.advance(b.totalSteps);
    const liveOn = (st: typeof a.state) => Array.from(st.hostLive.subarray(0, START)).reduce((n, x) => n + x, 0);
    expect(liveOn(a.state)).toBeLessThan(liveOn(b.state));
  });

  it('allocates nothing without an addHosts event', () => {
    const st = new Simulation(withAdd({}, [])).state;
    expect([st.hosts, st.hostsIn, st.hostsStart]).toEqual([START, START, START]);
  });

  it('is skipped with the control plane off, and when no parked host is left', () => {
    const off = new Simulation(withAdd({ controlPlane: { enabled: false } }));
    off.advance(off.totalSteps);
    expect(off.state.hostsIn).toBe(START);
    expect(byCode(off.log.events, 'operator-action-skipped').map((e) => e.what)).toEqual([
      'Operator action "add hosts" skipped: the control plane is off (nothing would place VMs on them).',
    ]);
    for (let h = START; h < off.state.hosts; h++) expect(off.state.hvState[h]).toBe(HV_PARKED);

    // two events of 2 hosts each: 4 parked; the third event finds none left
    const three = withAdd({}, [
      { atMinute: 20, kind: 'addHosts', count: 2 },
      { atMinute: 25, kind: 'addHosts', count: 2 },
    ]);
    const sim = new Simulation(three);
    expect(sim.state.hosts).toBe(START + 4);
    sim.advance(Math.round((22 * 60) / sim.state.dt));
    expect(sim.state.hostsIn).toBe(START + 2);
    sim.state.hostsIn = sim.state.hosts; // as if every parked host had joined already
    sim.advance(sim.totalSteps);
    expect(byCode(sim.log.events, 'operator-action-skipped').map((e) => e.what)).toEqual([
      'Operator action "add hosts" skipped: no parked host is left.',
    ]);
    expect(byCode(sim.log.events, 'hosts-added')).toHaveLength(1);
  });
});
