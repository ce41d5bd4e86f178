// The 'hosts loaded' entry and observation (review findings of issue 24): the entry says what loads
// the hypervisors from the fleet's measured shares (disk/closed-loop.ts loadWords), and a scenario
// whose disk model has no load average gets a reason, not a silent miss (core/ensemble/observe.ts).
import { describe, expect, it } from 'vitest';
import { runAgainstIncident } from '../../../src/core/index.ts';
import { incidentOf, loadPreset } from '../../../src/scenario/index.ts';
import { incidentFitText } from '../../../src/ui/ensemble/worlds-words.ts';
import { scenarioWith } from '../helpers.ts';
import { leanRun } from './runs.ts';

/** "name 52%" parts of a hosts-loaded entry, in order */
const parts = (what: string) =>
  [
    ...what
      .split(': ')[1]
      .split(';')[0]
      .matchAll(/([^,]+?) (\d+)%/g),
  ].map((m) => ({ name: m[1].trim(), pct: Number(m[2]) }));

describe('the hosts-loaded entry names what loads the hosts (review finding)', () => {
  it('in the 2024 replay: the parts, largest first, add up to the whole', () => {
    const r = leanRun(loadPreset('clevercloud-2024-08-02')!);
    const e = r.events.find((x) => x.code === 'hosts-loaded')!;
    const p = parts(e.what);
    expect(p.length, e.what).toBeGreaterThan(1);
    const sum = p.reduce((a, x) => a + x.pct, 0);
    expect(sum).toBeGreaterThanOrEqual(97); // rounded parts of 1% and more
    expect(sum).toBeLessThanOrEqual(101);
    for (let i = 1; i < p.length; i++) expect(p[i - 1].pct).toBeGreaterThanOrEqual(p[i].pct);
    // measured at 10:29: QEMU workers waiting for reads 52%, the thrashing guests' faults 41%
    expect(p.map((x) => x.name)).toContain("thrashing guests' faults and reclaim (their vCPUs)");
  });

  it('a catch-up that costs CPU and no thrash: the entry blames the catch-up and the steal, not thrash', () => {
    // room for every small VM's backlog (no thrash to speak of) and 3 ms of CPU per event sent:
    // the agents' sending loads the hosts, past the cores on some once the brokers are back
    const r = leanRun(
      scenarioWith(
        {
          durationMinutes: 200,
          vmSizes: { pico: { memoryMiB: 1024 }, nano: { memoryMiB: 1024 }, XS: { memoryMiB: 2048 } },
          telemetry: { drainCpuMicrosPerEvent: 3000 },
        },
        'clevercloud-2024-08-02',
      ),
    );
    // loaded as the agents reconnect (measured 12:54, the brokers all back from 12:28)
    const e = r.events.find((x) => x.code === 'hosts-loaded' && x.t > 148 * 60)!;
    expect(e, 'loaded again once the brokers are back').toBeDefined();
    const p = parts(e.what);
    expect(p[0].name).toBe('the agents sending their logs (the catch-up)');
    expect(p[0].pct).toBeGreaterThan(80); // measured 95%
    expect(e.what).toMatch(/on \d+ of 60 hosts the CPU demand passes the cores, so runnable vCPUs wait \(steal\)/);
    expect(e.what).not.toMatch(/thrashing guests'[^,;]* [1-9]\d%/);
  });
});

describe("the 'hosts loaded' observation under the queue disk model (review finding)", () => {
  const incident = incidentOf('clevercloud-2024-08-02')!;
  // an hour is enough: the closed loop logs the hosts loaded at 10:29; the queue model never does
  const hour = (diskModel: string) =>
    scenarioWith({ durationMinutes: 60, hypervisor: { diskModel } }, 'clevercloud-2024-08-02');

  it('says why the queue model cannot show it, in the observation and in the words', () => {
    const s = hour('queue');
    const r = leanRun(s);
    const obs = runAgainstIncident(incident, r.summary, r.events, s);
    const loaded = obs.find((o) => o.id === 'hosts-loaded')!;
    expect(loaded.fits).toBe(false);
    expect(loaded.why).toMatch(/^the queue disk model \(hypervisor.diskModel\) has no load average of the closed loop/);
    expect(incidentFitText(obs, incident.label, s.clockStart)).toContain(
      'hypervisors stay loaded for hours after messaging is back (not measured: the queue disk model',
    );
  });

  it('gives no reason where the closed loop can show it (still loaded at the end of the hour is simply outside)', () => {
    const s = hour('closed-loop');
    const r = leanRun(s);
    expect(r.events.some((e) => e.code === 'hosts-loaded')).toBe(true);
    const loaded = runAgainstIncident(incident, r.summary, r.events, s).find((o) => o.id === 'hosts-loaded')!;
    expect(loaded.fits).toBe(false);
    expect(loaded.why).toBeUndefined();
  });
});
