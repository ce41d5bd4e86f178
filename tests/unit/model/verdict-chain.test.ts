// What a panic's verdict says beyond the event log (issue 24, item 6; src/core/observers/verdict-chain.ts):
// the VM size that drove the panicked hosts' disks, not the first VM to thrash on one of them; a
// backlog that began before the outage, where the brokers ingest less than the fleet logs; and
// that the chain needs the socket source's unbounded heap, while bounded loggers panic no host.
import { describe, expect, it } from 'vitest';
import { causeChain, isPanic, type SimEvent } from '../../../src/core/index.ts';
import { loadPreset } from '../../../src/scenario/index.ts';
import { withParam } from '../../../src/ui/scenario-edit.ts';
import { scenarioWith } from '../helpers.ts';
import { leanRun } from './runs.ts';

/** the first panic's chain as the event log has it, one short per link */
const logChain = (events: readonly SimEvent[]) => {
  const first = events.find(isPanic)!;
  return causeChain(events, first.id);
};
/** the verdict's chain: the links between "first at hh:mm:ss: " and the first full stop */
const verdictChain = (verdict: string) => verdict.split(': ')[1].split('.')[0].split(' → ');

describe('the thrash link names the size that drove the disks (item 6.1)', () => {
  it('names nano when nano VMs read most from the panicked disks, though a pico VM thrashed first', () => {
    // the workshop with few pico VMs and many nano VMs whose working set is large (400 MiB) in more
    // memory (740 MiB): picos still thrash first (the least room), but when the nanos thrash each
    // misses up to 400 MiB against a pico's 60, and the queue model reads what each misses
    const r = leanRun(
      scenarioWith({
        fleet: { vmMix: { pico: 15, nano: 40 } },
        vmSizes: { nano: { memoryMiB: 740, workingSetMiB: 400 } },
      }),
    );
    expect(r.summary.hypervisors.panicked).toBeGreaterThan(0);
    // the log's link is the first VM to thrash on the first panicked host: a pico
    const thrash = logChain(r.events).find((e) => e.code === 'vms-thrash')!;
    expect(thrash.short).toBe('pico VMs thrash');
    // the verdict names the driver, with its share, and says who thrashed first
    const v = r.summary.verdict;
    expect(verdictChain(v)).toContain('nano VMs thrash');
    expect(verdictChain(v)).not.toContain('pico VMs thrash');
    const share = /The nano VMs made about [a-z ]+ \((\d+)%\) of the refault reads on the panicked hosts' disks/.exec(
      v,
    );
    expect(share, v).not.toBeNull();
    expect(Number(share![1])).toBeGreaterThan(50); // measured 62%
    expect(v).toContain('the first VM to thrash was pico');
  });

  it('names pico in the workshop, where the picos both thrash first and drive the disks', () => {
    const v = leanRun(loadPreset('workshop-outage')!).summary.verdict;
    expect(verdictChain(v)).toContain('pico VMs thrash');
    expect(v).toMatch(/The pico VMs made about [a-z ]+ \(\d+%\) of the refault reads/); // measured 72%
    expect(v).not.toContain('the first VM to thrash');
  });
});

describe('a backlog that began before the outage starts the chain (item 6.2)', () => {
  // the workshop's brokers taking 2,000 events/s each (18,000 in all) against the fleet's 22,700:
  // the share of the platform's ingest a fleet of 2,000 hosts gets from the 2024 brokers when the
  // platform is not scaled with it (1.35 M events/s against 3.7 M logged)
  const short = scenarioWith({ messaging: { brokerIngestEventsPerSecond: 2000 } });

  it('starts at the backlog held in RAM from the first minutes, says why, and names the outage as what added to it', () => {
    const r = leanRun(short);
    expect(r.summary.hypervisors.panicked).toBeGreaterThan(0);
    // the log's own chain starts at the outage (10:10): the backlog entry after it points there
    expect(logChain(r.events)[0].code).toBe('messaging-outage');
    const v = r.summary.verdict;
    expect(verdictChain(v)[0]).toBe('backlog held in RAM');
    expect(verdictChain(v)).not.toContain('messaging outage');
    expect(v).toContain('The backlog began at 10:00 with messaging up: the brokers took 18,000 events/s');
    expect(v).toMatch(/the fleet logged 22,\d{3} \(their ingest, messaging.brokerIngestEventsPerSecond, is not sized/);
    expect(v).toContain('the outage that followed (messaging outage) added to it');
  });

  it('keeps the outage at the root when the brokers take what the fleet logs', () => {
    const v = leanRun(loadPreset('workshop-outage')!).summary.verdict;
    expect(verdictChain(v)[0]).toBe('messaging outage');
    expect(v).not.toContain('The backlog began');
  });
});

describe('the 2024 chain needs the socket source’s unbounded heap (item 6.3)', () => {
  it('the replay says so where its chain holds the backlog in RAM', () => {
    const v = leanRun(loadPreset('clevercloud-2024-08-02')!).summary.verdict;
    expect(v).toContain('backlog held in RAM');
    expect(v).toContain(
      "only because the socket source's logger keeps what the agent cannot take in the application's heap, without bound",
    );
  });

  it('with a bounded buffer (drop_newest) the replay panics no host, and the verdict says why', () => {
    // as the 2024 lesson's last step opens it (ui/lessons/lessons.ts), so the run is shared
    const r = leanRun(
      withParam(loadPreset('clevercloud-2024-08-02')!, 'telemetry.buffer.whenFull', 'drop_newest').scenario,
    );
    expect(r.summary.hypervisors.panicked).toBe(0);
    expect(r.summary.telemetry.dropped).toBeGreaterThan(0);
    expect(r.summary.vms.thrashedAtLeastOnce).toBe(0);
    expect(r.summary.verdict).toContain(
      "The agents' buffers are bounded (telemetry.buffer.whenFull = drop_newest, 500 events each)",
    );
    expect(r.summary.verdict).toContain("no backlog took the VMs' memory");
  });

  it('a volatile journal and a log file bound it too: no panic, and the verdict says where the backlog went', () => {
    const workshop = loadPreset('workshop-outage')!;
    const journal = leanRun(withParam(workshop, 'telemetry.source', 'journald-volatile').scenario).summary;
    expect(journal.hypervisors.panicked).toBe(0);
    expect(journal.verdict).toContain('The runtime journal is bounded (telemetry.source = journald-volatile, 2% of');
    const file = leanRun(withParam(workshop, 'telemetry.source', 'file').scenario).summary;
    expect(file.hypervisors.panicked).toBe(0);
    expect(file.verdict).toContain("The backlog waited on the VMs' disks (telemetry.source = file)");
  });
});
