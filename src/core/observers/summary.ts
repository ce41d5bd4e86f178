// The summary of a run and its one-line verdict, read from the state and the recorded series.

import { SCHEMA_VERSION } from '../../scenario/index.ts';
import { clockLabel } from '../clock.ts';
import type { SimState } from '../sim-state.ts';
import type { SimEvent, Summary } from '../types.ts';
import { causeChain } from './eventlog.ts';
import { loggerNote, panicChain } from './verdict-chain.ts';
import type { LogCode } from './log-codes.ts';
import { readable } from '../text.ts';
import { DEPLOY_KINDS } from '../systems/controlplane/deploy-kinds.ts';

/** The display text of a hung_task_panic entry (its `short`). */
export const PANIC_SHORT = 'hung_task_panic';
/** A host's panic in the event log, found by its code (entries saved before codes existed: by their text). */
export function isPanic(e: SimEvent): boolean {
  return e.code === 'panic' || (e.code === undefined && e.component === 'kernel' && e.short === PANIC_SHORT);
}

/** Running maxima of recorded series (the Recorder keeps them in every record mode). */
export interface Peaks {
  fleetReadGBps: number;
  hostReadMBps: number;
  tasksMaxHost: number;
}

/** how many flags of a per-VM (or per-slot) 0/1 array are set */
function ones(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i];
  return n;
}

export function summarize(st: SimState, peaks: Peaks, events: readonly SimEvent[], steps: number): Summary {
  const s = st.scenario;
  let panicked = 0,
    thrashed = 0;
  for (let h = 0; h < st.hosts; h++) panicked += st.panickedEver[h];
  const hungSeen = new Set<number>(); // hosts, not episodes: a host can hang more than once
  for (const e of events) if (e.code === 'hung-task') hungSeen.add(e.hv);
  const hungHosts = hungSeen.size;
  for (let v = 0; v < st.vms; v++) thrashed += st.thrashedEver[v];
  let crashHosts = 0;
  const unresponsive = ones(st.hungEver);
  const rebootedVms = ones(st.rebootedEver); // distinct VMs: a VM in an OOM loop reboots many times but counts once
  for (let h = 0; h < st.hosts; h++) crashHosts += st.hostsWithThreadCrashes[h];
  const downVms = ones(st.downEver); // distinct VMs, by id: a VM redeployed and down again counts once
  const minute = (t: number) => (t >= 0 ? Math.round((t / 60) * 100) / 100 : null);
  const peakHost = peaks.hostReadMBps / 1000;
  const firstPanicMinute = st.firstPanicT >= 0 ? Math.round((st.firstPanicT / 60) * 100) / 100 : null;
  return {
    schema: SCHEMA_VERSION,
    scenario: s.preset,
    seed: s.seed,
    simulatedMinutes: (steps * st.dt) / 60,
    hypervisors: {
      // the fleet the scenario starts with; hosts added during the run (addHosts) are named by the
      // verdict, and `panicked` counts every host that panicked, added or not
      total: st.hostsStart,
      panicked,
      panics: st.panics,
      firstPanicMinute,
      peakDiskReadGBps: Math.round(peaks.fleetReadGBps * 1000) / 1000,
      peakHostDiskReadGBps: Math.round(peakHost * 1000) / 1000,
      hungTaskHosts: hungHosts,
    },
    vms: {
      total: st.vmsReal,
      crashed: st.vmsCrashed,
      oomKills: st.oomKills,
      thrashedAtLeastOnce: thrashed,
      threadExhaustionCrashes: st.threadExhaustionCrashes,
      rebooted: rebootedVms,
      unresponsive,
      down: downVms,
    },
    tasks: {
      limit: st.tasksLimit,
      maxTasks: Math.round(peaks.tasksMaxHost),
      hostsWithCrashes: crashHosts,
      notificationsLost: st.notificationsLost,
      forksRejected: st.forksRejected,
      firstCrashMinute: minute(st.firstThreadCrashT),
    },
    migrations: {
      completed: st.migCompleted,
      failed: st.migFailed,
      maxConcurrent: st.migMaxConcurrent,
      hostsMaintained: st.hostsMaintained,
      firstRebootMinute: minute(st.firstRebootT),
    },
    telemetry: {
      produced: st.produced,
      delivered: st.delivered,
      buffered: st.stepBuffered,
      dropped: st.dropped,
      lost: st.lost,
    },
    messaging: {
      unavailableMinutes: (st.unavailableSteps * st.dt) / 60,
      peakPendingLookups: Math.round(st.pulsar.peakPending),
    },
    controlPlane: {
      deployments: st.cp.deployments,
      // the baseline rate model over the same span: customers' deployments on a quiet day
      baselineDeployments: s.controlPlane.enabled
        ? Math.round((s.controlPlane.baselineDeploymentsPerVmHour * st.vmsReal * steps * st.dt) / 3600)
        : 0,
      byKind: Object.fromEntries(DEPLOY_KINDS.map((k, i) => [k, st.cp.byKind[i]])),
      peakQueue: st.cp.peakQueue,
      failedNoCapacity: st.cp.noCapacity,
    },
    verdict: readable(verdict(st, events, panicked, hungHosts, thrashed, crashHosts, unresponsive, rebootedVms)),
    perf: { vmSteps: steps * st.vmsReal, wallMs: 0 },
  };
}

/**
 * The control plane's but-for links (systems/controlplane/but-for.ts deployButFor) on other panicked
 * hosts than the first: "On 3 of them monitoring's redeploys made the difference." (distinct hosts) (empty when the
 * first panic's chain already names them or no panic has them).
 */
function deploymentsNamed(events: readonly SimEvent[], firstChain: string): string {
  const monHosts = new Set<number>(),
    depHosts = new Set<number>();
  for (const e of events) {
    if (!isPanic(e)) continue;
    const codes = causeChain(events, e.id).map((c) => c.code);
    if (codes.includes('monitoring-redeploys-saturate-a-thrashing-host')) monHosts.add(e.hv);
    else if (codes.includes('redeploys-saturate-a-thrashing-host')) depHosts.add(e.hv);
  }
  const mon = monHosts.size,
    dep = depHosts.size;
  const parts: string[] = [];
  if (mon > 0 && !firstChain.includes("monitoring's redeploys"))
    parts.push(
      `on ${mon} of them monitoring's redeploys made the difference (without them the disk would not have saturated)`,
    );
  if (dep > 0 && !firstChain.includes('redeploys saturate')) parts.push(`on ${dep} the orchestrator's redeploys did`);
  if (parts.length === 0) return '';
  const text = parts.join('; ');
  return ` ${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** " (4 more added at 16:05)": hosts the operators added during the run (addHosts), else "". */
function addedWords(st: SimState, more = ''): string {
  const added = st.hostsIn - st.hostsStart;
  return added > 0 ? ` (${added} more added at ${clockLabel(st.scenario.clockStart, st.hostsAddedT)}${more})` : '';
}

/**
 * "2 of 60 hypervisors panicked": of the hosts the fleet starts with. Hosts added during the run
 * are named apart, with their own count of panics, so the figure keeps the fleet it is read against.
 */
function panickedOfFleet(st: SimState, panicked: number): string {
  let ofAdded = 0;
  for (let h = st.hostsStart; h < st.hostsIn; h++) ofAdded += st.panickedEver[h];
  const head = `${panicked - ofAdded} of ${st.hostsStart} hypervisors panicked`;
  if (ofAdded === 0) return head + addedWords(st, st.hostsIn > st.hostsStart ? ', none panicked' : '');
  return `${head} and ${ofAdded} of the ${st.hostsIn - st.hostsStart} added at ${clockLabel(st.scenario.clockStart, st.hostsAddedT)}`;
}

function verdict(
  st: SimState,
  events: readonly SimEvent[],
  panicked: number,
  hungHosts: number,
  thrashed: number,
  crashHosts: number,
  unresponsive: number,
  rebootedVms: number,
): string {
  const head = panickedOfFleet(st, panicked);
  const note = loggerNote(st, events);
  if (panicked > 0) {
    const first = events.find(isPanic);
    const { links, notes } = first ? panicChain(st, events, first) : { links: [], notes: [] };
    const chain = links.join(' → ');
    const more = notes.map((n) => ` ${n}`).join('');
    // the socket source's note only where the chain runs through a backlog held in RAM
    const logger = first && causeChain(events, first.id).some((e) => e.code === 'backlog-held') ? note : '';
    return `${head}, the first at ${clockLabel(st.scenario.clockStart, st.firstPanicT)}: ${chain}.${deploymentsNamed(events, chain)}${more}${logger}`;
  }
  const at = (t: number) => clockLabel(st.scenario.clockStart, t);
  const chainOf = (code: LogCode) => {
    const first = events.find((e) => e.code === code);
    return first
      ? causeChain(events, first.id)
          .map((e) => e.short)
          .join(' → ')
      : '';
  };
  if (st.threadExhaustionCrashes > 0) {
    return `${st.threadExhaustionCrashes} VMs crashed on ${crashHosts} of ${st.hostsStart} hypervisors${addedWords(st)} (QEMU could not create a thread), the first at ${at(st.firstThreadCrashT)}: ${chainOf('qemu-abort')}.`;
  }
  if (st.vmsRebooted > 0) {
    const times = st.vmsRebooted > rebootedVms ? ` (${st.vmsRebooted} reboots)` : '';
    return `${rebootedVms} VM${rebootedVms === 1 ? '' : 's'} rebooted${times} and ${unresponsive} VMs unresponsive on overcommitted hosts, the first reboot at ${at(st.firstRebootT)}: ${chainOf('vm-reboots')}.`;
  }
  if (unresponsive > 0) return `${head}: ${unresponsive} VMs hung on overcommitted hosts (swapping), none rebooted.`;
  if (hungHosts > 0) return `${head}: ${hungHosts} had hung tasks, but hung_task_panic is off.${note}`;
  if (st.maintOn)
    return `${head}: ${st.hostsMaintained} of ${st.hostsStart} hosts${addedWords(st)} took their maintenance after ${st.migCompleted} live migrations (${st.migFailed} failed); no host ran out of memory.`;
  if (st.notificationsLost > 0)
    return `${head}: ${st.notificationsLost} agent notifications were lost, but no QEMU hit the pids limit.`;
  if (thrashed > 0)
    return `${head}: ${thrashed} VMs thrashed, but no host disk stayed saturated long enough for a hung task.${note}`;
  if (st.dropped > 0)
    return note ? `${head}.${note}` : `${head}: agents dropped ${st.dropped} events instead of holding them in RAM.`;
  return `${head}: no VM ran short of memory.${note}`;
}
