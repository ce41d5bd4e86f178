// The model: scheduler, systems and observers wired in one fixed, visible order.
//
//   each step [t, t + dt):
//     1. scheduler   discrete events due at or before t (outages, reboots), in (time, priority, seq) order
//     2. pulsar      broker model: client retries, lookup queues, loaded topics
//        messaging   availability for this step (scripted outage or the broker model)
//     3. telemetry   agents produce, deliver, buffer, push back to the source   } one pass per host
//     4. memory      anon vs page cache, OOM, refaults -> host disk reads, PSI } (systems/vm-pass.ts)
//     5. controlplane monitoring checks, customers, orchestrator queue, placement, deployment costs
//     6. disk        host disk queues, time in D state, load average
//     7. hungtask    khungtaskd scans, panics
//     8. tasks       hypervisor agents, the notification pooler, tasks against the pids limit, QEMU aborts
//     9. migration   maintenance windows, live migration, host memory booked vs used, swapping, OOM reboots
//    10. hoststate   the state each host shows on the map
//    11. recorder    copy into preallocated series (read-only)

import type { Scenario } from '../scenario/index.ts';
import { Scheduler } from './scheduler.ts';
import { createState } from './state.ts';
import type { SimState } from './sim-state.ts';
import { EventLog } from './observers/eventlog.ts';
import { Recorder, type RecordMode } from './observers/recorder.ts';
import { summarize } from './observers/summary.ts';
import { EVENT_MODELS, MODEL_OF, type EventModel } from './event-kinds.ts';
import { applyMessagingEvent, messagingSystem, scheduleMessagingEvents } from './systems/messaging/system.ts';
import { pulsarSystem } from './systems/pulsar/system.ts';
import { applyPulsarEvent, schedulePulsarEvents } from './systems/pulsar/events.ts';
import { vmPassSystem } from './systems/vm-pass.ts';
import { controlPlaneSystem, initControlPlane } from './systems/controlplane/system.ts';
import { applyControlPlaneEvent, scheduleControlPlaneEvents } from './systems/controlplane/events.ts';
import { applyOperatorEvent, scheduleOperatorEvents } from './systems/operator/actions.ts';
import { diskSystem } from './systems/disk/system.ts';
import { hungTaskSystem } from './systems/hungtask/system.ts';
import { applyHostEvent } from './systems/hosts/lifecycle.ts';
import { hostStateSystem } from './systems/hosts/map.ts';
import { tasksSystem } from './systems/tasks/system.ts';
import { migrationSystem } from './systems/migration/system.ts';
import type { SimResult, Summary } from './types.ts';

/** How a model applies one of its scheduler events (arg, arg2: what the kind's registry entry says). */
type ApplyEvent = (
  st: SimState,
  log: EventLog,
  sched: Scheduler,
  kind: number,
  arg: number,
  time: number,
  arg2: number,
) => void;

/** Each event model's apply function (event-kinds.ts: EVENT_MODELS, MODEL_OF). */
const APPLY: Record<EventModel, ApplyEvent> = {
  messaging: applyMessagingEvent,
  host: applyHostEvent,
  pulsar: applyPulsarEvent,
  controlPlane: applyControlPlaneEvent,
  operator: applyOperatorEvent,
};
const APPLY_BY_MODEL: readonly ApplyEvent[] = EVENT_MODELS.map((m) => APPLY[m]);

export interface SimOptions {
  /**
   * What the recorder keeps (default 'all'). 'series': the fleet series, no per-host or per-VM
   * buffers; 'summary': nothing but the summary's running maxima (ensemble members, sweeps).
   * The model, the event log and the summary are the same in every mode, bit for bit.
   */
  record?: RecordMode;
}

export class Simulation {
  readonly state: SimState;
  readonly log: EventLog;
  readonly scheduler = new Scheduler();
  private readonly recorder: Recorder;
  private readonly onEvent: (kind: number, arg: number, time: number, arg2: number) => void;

  constructor(
    readonly scenario: Scenario,
    options: SimOptions = {},
  ) {
    this.state = createState(scenario);
    this.log = new EventLog(this.state.hosts);
    this.recorder = new Recorder(this.state, options.record ?? 'all');
    scheduleMessagingEvents(scenario, this.scheduler);
    schedulePulsarEvents(scenario, this.scheduler);
    scheduleControlPlaneEvents(scenario, this.scheduler);
    scheduleOperatorEvents(scenario, this.scheduler);
    initControlPlane(this.state);
    this.onEvent = (kind, arg, time, arg2) => this.apply(kind, arg, time, arg2);
  }

  get totalSteps(): number {
    return this.state.totalSteps;
  }
  get stepsDone(): number {
    return this.state.step;
  }
  get done(): boolean {
    return this.state.step >= this.state.totalSteps;
  }

  /** Applies one scheduler event: the model that owns its kind (MODEL_OF) applies it. */
  private apply(kind: number, arg: number, time: number, arg2: number): void {
    const model = MODEL_OF[kind];
    if (model >= APPLY_BY_MODEL.length) throw new Error(`scheduler event kind ${kind} has no model`);
    APPLY_BY_MODEL[model](this.state, this.log, this.scheduler, kind, arg, time, arg2);
  }

  /** Runs up to maxSteps steps; returns true when the run is complete. */
  advance(maxSteps: number): boolean {
    const st = this.state,
      log = this.log,
      sched = this.scheduler;
    const last = Math.min(st.totalSteps, st.step + maxSteps);
    while (st.step < last) {
      st.t = st.step * st.dt;
      st.stepReadDemandBps = 0;
      st.vmViewDue = this.recorder.samplesVms(st.step);
      while (sched.peekTime() <= st.t) sched.pop(this.onEvent);
      pulsarSystem(st, log);
      messagingSystem(st);
      vmPassSystem(st, log); // telemetry, then memory, VM by VM
      controlPlaneSystem(st, log);
      diskSystem(st, log);
      hungTaskSystem(st, log, sched);
      tasksSystem(st, log);
      migrationSystem(st, log);
      hostStateSystem(st);
      this.recorder.record(st, st.step);
      st.step++;
    }
    return this.done;
  }

  /** The summary of the run so far, in every record mode. */
  summary(): Summary {
    const r = this.recorder;
    const peaks = {
      fleetReadGBps: r.peakFleetReadGBps,
      hostReadMBps: r.peakHostReadMBps,
      tasksMaxHost: r.peakTasksMaxHost,
    };
    return summarize(this.state, peaks, this.log.events, this.state.step);
  }

  /**
   * The run so far (complete when done). Arrays are the recorder's own: copy before transferring
   * mid-run. With `record: 'series'` the per-host and per-VM buffers have no samples; a
   * `record: 'summary'` run has no series: ask it for summary().
   */
  result(): SimResult {
    if (this.recorder.mode === 'summary') throw new Error("a run with record: 'summary' has no series: use summary()");
    const st = this.state,
      steps = st.step;
    const summary = this.summary();
    return {
      scenario: this.scenario,
      stepSeconds: st.dt,
      steps,
      totalSteps: st.totalSteps,
      series: this.recorder.series,
      hosts: this.recorder.hosts,
      vms: this.recorder.vms,
      events: this.log.events,
      summary,
    };
  }
}

/** Runs a whole scenario in one call. */
export function runScenario(scenario: Scenario): SimResult {
  const sim = new Simulation(scenario);
  sim.advance(sim.totalSteps);
  return sim.result();
}

/** Runs a whole scenario recording nothing but its summary (an ensemble member, a sweep point). */
export function runSummary(scenario: Scenario): Summary {
  const sim = new Simulation(scenario, { record: 'summary' });
  sim.advance(sim.totalSteps);
  return sim.summary();
}
