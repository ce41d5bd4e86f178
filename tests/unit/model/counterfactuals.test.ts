// Issue 10: cause chains that pass their counterfactuals. For each preset, every cause the
// verdict's chain names is removed in turn (the one change that takes that link away) and the
// effect the verdict counts must not grow. A chain that fails this is a model bug or a wrong chain.
import { describe, expect, it } from 'vitest';
import { scenarioWith } from '../helpers.ts';
import { fullRun, leanRun, type LeanRun } from './runs.ts';

type Effect = (r: LeanRun) => number;
const panics: Effect = (r) => r.summary.hypervisors.panicked;
const aborts: Effect = (r) => r.summary.vms.threadExhaustionCrashes;
const reboots: Effect = (r) => r.summary.vms.rebooted + r.summary.vms.unresponsive;

/** chain link (a prefix of its short text) -> the change that removes it */
const REMOVE: Record<string, Record<string, unknown>> = {
  'messaging outage': { events: [] },
  'rolling upgrade': { messaging: { brokerVersion: '3.3.2' } },
  'messaging down': { messaging: { brokerVersion: '3.3.2' } },
  'load manager fails silently': { messaging: { loadManager: 'modular' } },
  'backlog held in RAM': { telemetry: { source: 'file' } },
  'pico VMs thrash': { vmSizes: { pico: { memoryMiB: 512 } } },
  'nano VMs thrash': { vmSizes: { nano: { memoryMiB: 1024 } } },
  'XS VMs thrash': { vmSizes: { XS: { memoryMiB: 2048 } } },
  "monitoring's redeploys saturate the disk": { controlPlane: { pauseMonitoringActions: true } },
  'redeploys saturate a thrashing host': { controlPlane: { imageMiB: 0, coldBootReads: false } },
  'redeploy storm': { controlPlane: { pauseMonitoringActions: true, customerRedeployPerMinute: 0 } },
  'host disk saturated': { hypervisor: { diskReadMBps: 20000 } },
  'D state': { hypervisor: { hungTaskTimeoutSeconds: 0 } },
  hung_task_panic: { hypervisor: { hungTaskPanic: false } },
  'proxy leaks connections': { proxy: { leakPercent: 0 } },
  'pooler full': { proxy: { poolMaxConnections: 100000 } },
  'agent processes pile up': { hvAgent: { mode: 'single-driver' } },
  'tasks at pids limit': { tasks: { defaultTasksMaxPercent: 100 } },
  'maintenance scheduled': { events: [] },
  'host evacuates': { maintenance: { maxConcurrentHosts: 1 } },
  'memory double-booked': { migration: { admissionLock: true, bookedCapPercent: 95 } },
  'host overcommitted': { hypervisor: { memoryGiB: 768 } },
};

/**
 * The 2024 chain's messaging, backlog and disk links, each removed on its own: the fallback bus keeps
 * the control plane's messages flowing with the outage still on (the old broker would remove the
 * upgrade before it too), a bounded buffer drops instead of holding the backlog in RAM, and a disk
 * just fast enough not to saturate. (These were control-plane.test.ts's table for the same chain,
 * which computed its own runs beside this file's: now one table, each run computed once.)
 */
const REMOVE_IN: Record<string, Record<string, Record<string, unknown>>> = {
  'clevercloud-2024-08-02': {
    'messaging down': { controlPlane: { fallbackBus: true }, telemetry: { buffer: { whenFull: 'drop_newest' } } },
    'backlog held in RAM': { telemetry: { buffer: { whenFull: 'drop_newest' } } },
    'host disk saturated': { hypervisor: { diskReadMBps: 5200 } },
  },
};

function chainOf(r: LeanRun, last: string): string[] {
  const end = r.events.find((e) => e.short.startsWith(last));
  const out: string[] = [];
  for (let i = end ? end.id : -1; i >= 0; i = r.events[i].cause) out.unshift(r.events[i].short);
  return out;
}

for (const [preset, last, effect] of [
  ['workshop-outage', 'hung_task_panic', panics],
  ['clevercloud-2024-08-02', 'hung_task_panic', panics],
  ['clevercloud-2022-04', 'QEMU abort', aborts],
  ['flyingcircus-2017-08-02', 'VM reboots', reboots],
] as const) {
  describe(`${preset}: every cause the verdict names, removed, does not make the effect grow`, () => {
    // the preset's own run (shared with the golden): its chain names the tests, at collection
    const base = fullRun(scenarioWith({}, preset));
    const chain = chainOf(base, last);
    it('names a chain of known causes', () => {
      expect(effect(base)).toBeGreaterThan(0);
      expect(chain.length).toBeGreaterThanOrEqual(3);
    });
    const remove = { ...REMOVE, ...REMOVE_IN[preset] };
    // a panic's last link is the panic switch (hung_task_panic), itself a cause to remove
    for (const link of effect === panics ? chain : chain.slice(0, -1)) {
      const key = Object.keys(remove).find((k) => link.startsWith(k));
      it(`without "${link}"`, () => {
        expect(key, `no counterfactual for the chain link "${link}"`).toBeDefined();
        const without = leanRun(scenarioWith(remove[key!], preset));
        expect(effect(without)).toBeLessThanOrEqual(effect(base));
      });
    }
  });
}
