// The figures an incident's observations read (scenario/observations.ts), measured from one run
// recorded in summary mode: its summary and its event log (both the same in every record mode).
// Pure: a function of the scenario.

import type { ObservedFigure, Scenario } from '../../scenario/index.ts';
import { Simulation } from '../simulation.ts';
import type { SimEvent, Summary } from '../types.ts';

export type Figures = Record<Exclude<ObservedFigure, 'unmeasured'>, number | null>;

const minute = (t: number) => Math.round((t / 60) * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The figures of a finished run. */
export function measureFigures(s: Summary, events: readonly SimEvent[]): Figures {
  let back: number | null = null,
    firstAbort: number | null = null,
    lastAbort: number | null = null,
    nominal: number | null = null;
  for (const e of events) {
    if (e.code === 'messaging-back' && back === null) back = minute(e.t);
    // hosts loaded, then nominal again: the last return counts, and a load that outlives the run has none
    if (e.code === 'hosts-loaded') nominal = null;
    if (e.code === 'hosts-nominal-load') nominal = minute(e.t);
    if (e.code === 'qemu-abort') {
      if (firstAbort === null) firstAbort = minute(e.t);
      lastAbort = minute(e.t);
    }
  }
  const cp = s.controlPlane;
  // the day: the run's span as it went, the rest of the day at the baseline rate
  const spans = 1440 / Math.max(1, s.simulatedMinutes);
  const dayRatio =
    cp.baselineDeployments > 0
      ? round3((cp.deployments + cp.baselineDeployments * (spans - 1)) / (cp.baselineDeployments * spans))
      : null;
  return {
    firstPanicMinute: s.hypervisors.firstPanicMinute,
    hostsPanicked: s.hypervisors.panicked,
    messagingBackMinute: back,
    hostsNominalMinute: nominal,
    deploymentsDayRatio: dayRatio,
    crashHosts: s.tasks.hostsWithCrashes,
    qemuCrashes: s.vms.threadExhaustionCrashes,
    firstCrashMinute: s.tasks.firstCrashMinute ?? firstAbort,
    lastCrashMinute: lastAbort,
    vmsRebootedOrUnresponsive: Math.max(s.vms.rebooted, s.vms.unresponsive),
    hostsMaintainedShare: s.hypervisors.total ? round3(s.migrations.hostsMaintained / s.hypervisors.total) : null,
  };
}

/** Runs a scenario recording only its summary, and measures its figures. */
export function runObserved(scenario: Scenario): { summary: Summary; figures: Figures } {
  const sim = new Simulation(scenario, { record: 'summary' });
  sim.advance(sim.totalSteps);
  const summary = sim.summary();
  return { summary, figures: measureFigures(summary, sim.log.events) };
}

/**
 * Why a scenario cannot show a figure at all (null: it can), so a report says so instead of only
 * marking the observation outside: the queue disk model keeps no load average of the closed loop,
 * so it never logs the hosts loaded or back to nominal (docs/MODEL.md, "Hypervisor CPU").
 */
export function unmeasuredWhy(s: Scenario, figure: ObservedFigure): string | null {
  if (figure === 'hostsNominalMinute' && s.hypervisor.diskModel !== 'closed-loop')
    return `the ${s.hypervisor.diskModel} disk model (hypervisor.diskModel) has no load average of the closed loop, so it never logs the hosts loaded or back to nominal`;
  return null;
}

/** A figure by name ('unmeasured' is never measured). */
export function figureOf(f: Figures, name: ObservedFigure): number | null {
  return name === 'unmeasured' ? null : f[name];
}
