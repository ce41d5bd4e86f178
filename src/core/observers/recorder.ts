// Read-only reporter: after every step it copies the state it needs into buffers allocated
// once for the whole run (fleet series per step, host series per step, VM samples every
// `everySteps`). It never changes the state.
//
// What it records is the run's `RecordMode`: 'all' (the playground's run), 'series' (fleet
// series only: no per-host or per-VM buffers) or 'summary' (no buffers at all, only the running
// maxima the summary reads). The maxima are the same float32 values in every mode, so a summary
// is bit-identical whatever was recorded (tests/unit/core/record-mode.test.ts).

import type { SimState } from '../sim-state.ts';
import { recordOps } from './ops-record.ts';
import { createWitness, type Witness } from './witness.ts';
import { SERIES, HV_PANICKED, HV_REBOOTING, type HostSeries, type SeriesKey, type VmSeries } from '../types.ts';

/** VM samples kept per run at most (VMs x samples): bounds memory and transfer size. */
export const VM_SAMPLE_BUDGET = 1_000_000;
/** Host samples kept per run at most (hosts x samples): ~34 MB of host series at most. */
export const HOST_SAMPLE_BUDGET = 2_000_000;

/** What a run records: everything, the fleet series only, or only what its summary needs. */
export type RecordMode = 'all' | 'series' | 'summary';

export class Recorder {
  /** fleet series per step (zero-length in 'summary' mode) */
  readonly series: Record<SeriesKey, Float32Array>;
  /** per-host and per-VM buffers (no samples unless the mode is 'all') */
  readonly hosts: HostSeries;
  readonly vms: VmSeries;
  /** running maxima, so a summary mid-run costs nothing: float32 like the series they come from */
  peakHostReadMBps = 0;
  peakFleetReadGBps = 0;
  peakTasksMaxHost = 0;
  /** what the verdict reads beyond the log (witness.ts), in every mode */
  readonly witness: Witness;

  constructor(
    st: SimState,
    readonly mode: RecordMode = 'all',
  ) {
    const n = mode === 'summary' ? 0 : st.totalSteps,
      H = st.hosts,
      all = mode === 'all';
    this.witness = createWitness(st);
    this.series = Object.fromEntries(SERIES.map((s) => [s.key, new Float32Array(n)])) as Record<
      SeriesKey,
      Float32Array
    >;
    const hostEvery = Math.max(1, Math.ceil((st.totalSteps * H) / HOST_SAMPLE_BUDGET));
    const hostSamples = all ? Math.ceil(n / hostEvery) : 0,
      cells = hostSamples * H;
    this.hosts = {
      hosts: H,
      everySteps: hostEvery,
      samples: hostSamples,
      zoneOf: st.zoneOf.slice(),
      state: new Uint8Array(cells),
      diskReadMBps: new Float32Array(cells),
      dStateSeconds: new Float32Array(cells),
      psiFull: new Float32Array(cells),
      backlogRamMiB: new Float32Array(cells),
    };
    const everySteps = Math.max(1, Math.ceil((st.totalSteps * st.vms) / VM_SAMPLE_BUDGET));
    const samples = all ? Math.ceil(n / everySteps) : 0;
    this.vms = {
      vms: st.vms,
      everySteps,
      samples,
      hostOf: st.hostOf.slice(),
      sizeOf: st.sizeOf.slice(),
      anonMiB: new Float32Array(samples * st.vms),
      cacheMiB: new Float32Array(samples * st.vms),
      down: new Uint8Array(samples * st.vms),
    };
  }

  /** whether record(st, s) samples the VMs (their anonMiB and cacheMiB must be current after step s) */
  samplesVms(s: number): boolean {
    return this.mode === 'all' && s % this.vms.everySteps === 0;
  }

  /** records step `s` (0-based) after it ran */
  record(st: SimState, s: number): void {
    this.witness.record(st);
    if (this.mode === 'summary') return this.recordPeaks(st);
    const x = this.series;
    x.messagingAvailability[s] = st.availability;
    this.recordHosts(st, s);
    x.backlogDiskMiB[s] = st.stepDiskHeldEvents * st.eventMiB;
    x.diskReadDemandGBps[s] = st.stepReadDemandBps / 1e9;
    recordFleet(x, st, s);
    recordOps(x, st, s);
    if (x.tasksMaxHost[s] > this.peakTasksMaxHost) this.peakTasksMaxHost = x.tasksMaxHost[s];
    if (this.samplesVms(s)) this.sampleVms(st, s);
  }

  /** The host buckets of step s ('all' mode) and the fleet series summed or maximised over hosts. */
  private recordHosts(st: SimState, s: number): void {
    const H = st.hosts,
      all = this.mode === 'all',
      hs = this.hosts,
      o = Math.floor(s / hs.everySteps) * H,
      fresh = all && hs.everySteps === 1;
    let ram = 0,
      psiMax = 0,
      thrashing = 0,
      served = 0,
      capacity = 0,
      dMax = 0,
      hung = 0,
      panicked = 0,
      rebooting = 0,
      load = 0,
      upHosts = 0;
    let psiSum = 0,
      aliveVms = 0,
      peakRead = this.peakHostReadMBps;
    const readCapGBps = st.scenario.hypervisor.diskReadMBps / 1000;
    // imported bindings and every array read once, not per host (ARCHITECTURE.md, Where the time goes)
    const PANICKED = HV_PANICKED,
      REBOOTING = HV_REBOOTING;
    const { hvState, readServedMBps, dStateSeconds, hostPsi, hostRamBacklogMiB, up } = st;
    const { hostThrashing, hungThisEpisode, hostLoadPerCore, hostPsiVms } = st;
    const { state: hState, diskReadMBps: hRead, dStateSeconds: hDState, psiFull: hPsi, backlogRamMiB: hRam } = hs;
    for (let h = 0; h < H; h++) {
      const state = hvState[h],
        read = readServedMBps[h],
        dState = dStateSeconds[h],
        psi = hostPsi[h],
        backlog = hostRamBacklogMiB[h];
      const c = o + h;
      if (fresh) {
        // one step a bucket, each written once: the max with the buffer's zero is the value, or zero
        hState[c] = state;
        hRead[c] = read > 0 ? read : 0;
        hDState[c] = dState > 0 ? dState : 0;
        hPsi[c] = psi > 0 ? psi : 0;
        hRam[c] = backlog > 0 ? backlog : 0;
      } else if (all) {
        // bucket maxima (buffers start at zero, and every value here is >= 0)
        if (state > hState[c]) hState[c] = state;
        if (read > hRead[c]) hRead[c] = read;
        if (dState > hDState[c]) hDState[c] = dState;
        if (psi > hPsi[c]) hPsi[c] = psi;
        if (backlog > hRam[c]) hRam[c] = backlog;
      }
      if (read > peakRead) peakRead = read;
      if (state === PANICKED) panicked++;
      else if (state === REBOOTING) rebooting++;
      if (up[h] === 0) continue;
      upHosts++;
      ram += backlog;
      if (psi > psiMax) psiMax = psi;
      thrashing += hostThrashing[h];
      served += read;
      capacity += readCapGBps;
      if (dState > dMax) dMax = dState;
      if (hungThisEpisode[h]) hung++;
      load += hostLoadPerCore[h];
      const n = hostPsiVms[h];
      psiSum += psi * n;
      aliveVms += n;
    }
    this.peakHostReadMBps = peakRead;
    const x = this.series;
    x.backlogRamMiB[s] = ram;
    x.vmPsiFullMean[s] = aliveVms > 0 ? psiSum / aliveVms : 0;
    x.hvPsiFullMax[s] = psiMax;
    x.thrashingVms[s] = thrashing;
    x.diskReadGBps[s] = served / 1000;
    if (x.diskReadGBps[s] > this.peakFleetReadGBps) this.peakFleetReadGBps = x.diskReadGBps[s];
    x.diskReadCapacityGBps[s] = capacity;
    x.dStateMaxSeconds[s] = dMax;
    x.hungTaskHosts[s] = hung;
    x.panickedHosts[s] = panicked;
    x.rebootingHosts[s] = rebooting;
    x.hvLoadMean[s] = upHosts > 0 ? load / upHosts : 0;
  }

  /** The VM samples of step s: each slot's anon and page cache, and whether it is down or empty. */
  private sampleVms(st: SimState, s: number): void {
    const V = st.vms,
      k = (s / this.vms.everySteps) * V,
      vs = this.vms;
    // float32 to float32: a copy of the bytes
    vs.anonMiB.set(st.anonMiB.subarray(0, V), k);
    vs.cacheMiB.set(st.cacheMiB.subarray(0, V), k);
    const { vmId, alive } = st,
      down = vs.down;
    for (let v = 0; v < V; v++) down[k + v] = vmId[v] < 0 ? 2 : 1 - alive[v];
  }

  /** 'summary' mode: the maxima alone, computed as record() computes the series they come from */
  private recordPeaks(st: SimState): void {
    let served = 0,
      tMax = 0;
    for (let h = 0; h < st.hosts; h++) {
      const r = st.readServedMBps[h];
      if (r > this.peakHostReadMBps) this.peakHostReadMBps = r;
      if (st.up[h] === 0) continue;
      served += r;
      if (st.hostTasks[h] > tMax) tMax = st.hostTasks[h];
    }
    const fleetGBps = Math.fround(served / 1000),
      tasks = Math.fround(tMax);
    if (fleetGBps > this.peakFleetReadGBps) this.peakFleetReadGBps = fleetGBps;
    if (tasks > this.peakTasksMaxHost) this.peakTasksMaxHost = tasks;
  }
}

/** The fleet series read from counters: VMs down, telemetry's accounting and delivery, brokers, deployments. */
function recordFleet(x: Record<SeriesKey, Float32Array>, st: SimState, s: number): void {
  x.vmsDown[s] = st.vmsCrashed - st.vmsRestored;
  x.oomKills[s] = st.oomKills;
  x.produced[s] = st.produced;
  x.delivered[s] = st.delivered;
  x.dropped[s] = st.dropped;
  x.lost[s] = st.lost;
  x.buffered[s] = st.stepBuffered;
  x.deliveryRate[s] = st.stepDelivered / st.dt;
  x.drainCpuCores[s] = (st.stepDelivered * st.scenario.telemetry.drainCpuMicrosPerEvent) / 1e6 / st.dt;
  x.deliveryMBps[s] = (st.stepDelivered * st.scenario.telemetry.eventBytes) / 1e6 / st.dt;
  const p = st.pulsar;
  let brokersUp = 0;
  for (let b = 0; b < p.B; b++) brokersUp += p.up[b];
  x.pendingLookups[s] = p.pendingTotal;
  x.rejectedLookups[s] = p.stepRejected / st.dt;
  x.admittedLookups[s] = p.stepAdmitted / st.dt;
  x.loadedTopics[s] = p.loadedTotal;
  x.brokersUp[s] = brokersUp;
  x.deploymentQueue[s] = st.cp.qLen;
  x.deployments[s] = st.cp.deployments;
}
