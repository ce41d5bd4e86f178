// The state of a run: plain typed arrays indexed by dense ids (VMs host-major, so host h owns
// VM slots vmStart[h] .. vmStart[h+1]-1), plus a few scalars. Built once; the step loop only
// writes into these arrays and never allocates. When VMs can move (a maintenance window in the
// scenario), each host gets spare slots (alive = 0, vmId = -1) that live migration fills; a
// migrated VM's per-slot state is copied into the target's slot and its source slot is freed.

import { VM_SIZES, type Scenario } from '../scenario/index.ts';
import { Rng, expApprox } from './rng.ts';
import { HV_HEALTHY } from './types.ts';
import { createPulsarState } from './systems/pulsar.ts';
import { createControlPlaneState } from './systems/controlplane-state.ts';
import { vmLost, vmMoved } from './systems/controlplane.ts';
import { createTasksState } from './systems/tasks.ts';
import { createMigrationState, spareSlotsPerHost } from './systems/migration.ts';
import { createDiskState } from './systems/disk.ts';
import { createSlots, linkSlotArrays } from './fleet/slots.ts';
import { setVmSize, vmLogRate, type VmStatics } from './fleet/vm-size.ts';
import { MiB } from './units.ts';

/** Fibonacci retry delays in seconds (Vector's sink retry backoff: 1, 1, 2, 3, 5, 8 ...). */
export function fibonacciDelays(maxSeconds: number): Float64Array {
  const out: number[] = [];
  let a = 1,
    b = 1;
  while (a < maxSeconds && out.length < 64) {
    out.push(a);
    [a, b] = [b, a + b];
  }
  out.push(maxSeconds);
  return Float64Array.from(out);
}

export type SimState = ReturnType<typeof createState>;

/**
 * Number fields that hold doubles during a run (fractions, clocks, event totals past 2^30) but
 * start as small integers. V8 stores a field in the representation of its first value: a field
 * created as a Smi that later takes a double changes the object's hidden class mid-run, and every
 * system compiled against the old one deoptimises ("wrong map", three waves in the first run of
 * a process). Created as doubles, the state keeps one hidden class from its first step.
 */
const DOUBLE_FIELDS = [
  't',
  'availability',
  'pulsarAvailability',
  'ingestPerStep',
  'ingestWant',
  'produced',
  'delivered',
  'dropped',
  'lost',
  'firstPanicT',
  'stepDelivered',
  'stepBuffered',
  'stepDiskHeldEvents',
  'stepReadDemandBps',
  'poolActive',
  'briefCloses',
  'leakCarry',
  'notificationsLost',
] as const;
const DOUBLE_PULSAR = [
  'inflightTotal',
  'waitingTotal',
  'stepAdmitted',
  'stepRejected',
  'stepLoadedNew',
  'pendingTotal',
  'loadedTotal',
  'peakPending',
] as const;
const DOUBLE_CP = ['baselineCarry', 'drainCarry'] as const;

/** Gives each named number field the double representation; its value is unchanged. */
function asDoubles<T extends object>(o: T, keys: readonly (keyof T & string)[]): void {
  const rec = o as unknown as Record<string, number>;
  for (const k of keys) {
    const v = rec[k];
    rec[k] = 0.5; // a double: the field's representation becomes Double (and stays so)
    rec[k] = v;
  }
}

export function createState(s: Scenario) {
  const rng = new Rng(s.seed);
  const hosts = s.fleet.hypervisors;
  const perHost = VM_SIZES.reduce((n, size) => n + s.fleet.vmMix[size], 0);
  // VM slots per host: the VMs it starts with plus spare slots that live migration (a maintenance
  // window) or the orchestrator (redeploys) can fill; none when nothing can move
  const spare = Math.max(
    spareSlotsPerHost(s, perHost),
    s.controlPlane.enabled ? Math.ceil(perHost * s.controlPlane.spareSlotShare) : 0,
  );
  const slotsPerHost = perHost + spare;
  const vms = hosts * slotsPerHost; // slots; equal to the VM count when nothing moves
  const dt = s.stepSeconds;
  const totalSteps = Math.ceil((s.durationMinutes * 60) / dt);

  // --- hosts
  const zoneOf = new Uint16Array(hosts);
  const vmStart = new Uint32Array(hosts + 1);
  for (let h = 0; h < hosts; h++) {
    zoneOf[h] = Math.floor((h * s.fleet.zones) / hosts);
    vmStart[h + 1] = vmStart[h] + slotsPerHost;
  }
  const scanInterval = s.hypervisor.hungTaskCheckIntervalSeconds || s.hypervisor.hungTaskTimeoutSeconds;
  const nextScan = new Float64Array(hosts);
  for (let h = 0; h < hosts; h++) nextScan[h] = scanInterval > 0 ? rng.float() * scanInterval : Infinity;

  // --- VMs (static)
  const hostOf = new Uint32Array(vms);
  const sizeOf = new Uint8Array(vms);
  const limitMiB = new Float64Array(vms); // RAM minus the min watermark
  const baseAnonMiB = new Float64Array(vms); // app RSS + agent RSS
  const appRssMiB = new Float64Array(vms);
  const wsMiB = new Float64Array(vms);
  const invWsMiB = new Float64Array(vms); // 1 / working set (0 when there is none)
  const ratePerStep = new Float64Array(vms); // events produced per step
  const vcpus = new Uint8Array(vms);
  const journalCap = new Float64Array(vms); // events the log source holds back before discarding the oldest
  const statics: VmStatics = { sizeOf, vcpus, limitMiB, appRssMiB, baseAnonMiB, wsMiB, invWsMiB, journalCap };
  // per host: the sizes of its slots. The nominal mix, or (fleet.mixSpread > 0) a mix of its own:
  // each size's weight times a lognormal tilt (a logistic-normal mix around the fleet's, Aitchison),
  // every slot drawn from it, so hosts differ in mix but each keeps perHost VMs
  const hostSizes = new Uint8Array(perHost);
  const sizeMiB = VM_SIZES.map((z) => s.vmSizes[z].memoryMiB);
  const nominalMiB = VM_SIZES.reduce((n, z, si) => n + s.fleet.vmMix[z] * sizeMiB[si], 0);
  let smallest = 0; // the smallest size in the mix
  while (smallest < VM_SIZES.length - 1 && s.fleet.vmMix[VM_SIZES[smallest]] === 0) smallest++;
  const smallestMiB = sizeMiB[smallest];
  const cdf = new Float64Array(VM_SIZES.length);
  let v = 0,
    nextId = 0;
  for (let h = 0; h < hosts; h++) {
    let k = 0;
    if (s.fleet.mixSpread > 0) {
      let sum = 0;
      for (let si = 0; si < VM_SIZES.length; si++) {
        const n = s.fleet.vmMix[VM_SIZES[si]];
        sum += n > 0 ? n * expApprox(s.fleet.mixSpread * rng.normal()) : 0;
        cdf[si] = sum;
      }
      // placement fills a host up to the RAM of the nominal mix: a size that would leave too little
      // for the remaining slots (at the smallest size each) is replaced by the largest that fits
      let budget = nominalMiB;
      for (k = 0; k < perHost; k++) {
        const u = rng.float() * sum;
        let si = 0;
        while (si < VM_SIZES.length - 1 && u >= cdf[si]) si++;
        const reserve = (perHost - k - 1) * smallestMiB;
        while (si > smallest && sizeMiB[si] > budget - reserve) si--;
        hostSizes[k] = si;
        budget -= sizeMiB[si];
      }
      hostSizes.sort(); // slots by size, as the nominal layout
    } else {
      for (let si = 0; si < VM_SIZES.length; si++)
        for (let n = 0; n < s.fleet.vmMix[VM_SIZES[si]]; n++) hostSizes[k++] = si;
    }
    for (k = 0; k < perHost; k++, v++) {
      hostOf[v] = h;
      setVmSize(statics, s, v, hostSizes[k], nextId); // createSlots gives slot v the same id
      ratePerStep[v] = vmLogRate(s, nextId++) * dt;
    }
    for (k = 0; k < spare; k++, v++) hostOf[v] = h;
  }
  // per host: disk bandwidth, the nominal figure times a lognormal multiplier (hypervisor.diskSpread)
  const hostDiskFactor = new Float64Array(hosts).fill(1);
  if (s.hypervisor.diskSpread > 0)
    for (let h = 0; h < hosts; h++) hostDiskFactor[h] = expApprox(s.hypervisor.diskSpread * rng.normal());
  const eventMiB = s.telemetry.eventBytes / MiB;
  const bufferCap =
    s.telemetry.buffer.type === 'memory'
      ? s.telemetry.buffer.maxEvents
      : Math.floor(s.telemetry.buffer.maxSizeBytes / s.telemetry.eventBytes);

  const st = {
    scenario: s,
    rng,
    dt,
    totalSteps,
    step: 0,
    /** seconds since minute 0 at the start of the current step */
    t: 0,
    hosts,
    /** VM slots (arrays indexed by VM have this length); vmsReal of them start alive */
    vms,
    perHost,
    slotsPerHost,
    /** VMs at the start (slots minus spare slots) */
    vmsReal: hosts * perHost,
    // config derived once
    eventMiB,
    bufferCap,
    bufferInRam: s.telemetry.buffer.type === 'memory',
    dropNewest: s.telemetry.buffer.whenFull === 'drop_newest',
    heldInRam: s.telemetry.source === 'socket' || s.telemetry.source === 'journald-volatile',
    heldOnDisk: s.telemetry.source === 'journald-persistent' || s.telemetry.source === 'file',
    heldInApp: s.telemetry.source === 'socket',
    sinkPerStep: s.telemetry.sinkEventsPerSecond * dt,
    retryDelays: fibonacciDelays(s.telemetry.retryMaxSeconds),
    scanInterval,
    // --- messaging
    messagingDown: 0, // active outages
    availability: 1,
    /** events the brokers can take this step, and how many agents shipped last step (their fair share) */
    ingestPerStep: Infinity,
    connectedAgents: 0,
    /** events the connected agents asked to send last step (the brokers' ingest is shared in proportion) */
    ingestWant: 0,
    pulsar: createPulsarState(s),
    /** availability from the broker model (1 when nothing ever disturbed it) */
    pulsarAvailability: 1,
    cp: createControlPlaneState(s, hosts, vms, zoneOf),
    // --- host state
    zoneOf,
    vmStart,
    up: new Uint8Array(hosts).fill(1),
    hvState: new Uint8Array(hosts).fill(HV_HEALTHY),
    diskQueueSeconds: new Float64Array(hosts),
    blockedSince: new Float64Array(hosts).fill(-1),
    dStateSeconds: new Float64Array(hosts),
    hungThisEpisode: new Uint8Array(hosts),
    nextScan,
    readDemandBytes: new Float64Array(hosts), // this step
    writeDemandBytes: new Float64Array(hosts),
    hostDelivered: new Float64Array(hosts),
    /** per host: its disk bandwidth over the nominal one (hypervisor.diskSpread) */
    hostDiskFactor,
    readServedMBps: new Float64Array(hosts),
    hostPsi: new Float64Array(hosts),
    hostRamBacklogMiB: new Float64Array(hosts),
    hostThrashing: new Uint32Array(hosts),
    /** per-step scratch of the VM pass: the hosts with a first OOM kill or thrashing VM to log, and those VMs */
    memLogHosts: new Int32Array(hosts),
    memLogOomVm: new Int32Array(hosts),
    memLogOomApp: new Uint8Array(hosts),
    memLogThrashVm: new Int32Array(hosts),
    memLogThrashCache: new Float64Array(hosts),
    /**
     * 1 when the VM pass's memory part last found every live VM of the host on the fast path with
     * no events held and no OOM kill: a VM of it that holds no events after telemetry would get
     * the same memory figures again, so that part is skipped for it (not on vmViewDue steps).
     * fleet/slots.ts clears it when a slot of the host starts, ends or moves a VM.
     */
    hostMemSteady: new Uint8Array(hosts),
    hostDrainEvents: new Float64Array(hosts),
    hostLoadPerCore: new Float64Array(hosts),
    /** CPU cores busy on a host besides its VMs and the catch-up (deployments), for the load average */
    extraLoadCores: new Float64Array(hosts),
    /** VMs the memory system averaged hostPsi over this step (the recorder weights by it) */
    hostPsiVms: new Uint32Array(hosts).fill(perHost),
    panickedEver: new Uint8Array(hosts),
    // --- VM state
    hostOf,
    sizeOf,
    vcpus,
    limitMiB,
    baseAnonMiB,
    appRssMiB,
    wsMiB,
    invWsMiB,
    ratePerStep,
    journalCap,
    // slots and their books: alive, vmId, resv, hostLive, hostFree, hostBookedMiB, hostVcpus (fleet/slots.ts)
    ...createSlots(s, hosts, perHost, slotsPerHost, sizeOf, vcpus),
    carry: new Float64Array(vms),
    buf: new Float64Array(vms), // events in the agent's buffer
    held: new Float64Array(vms), // events held back at the source (where depends on telemetry.source)
    retryAt: new Float64Array(vms), // next connection attempt, s (<= t: connected)
    backoff: new Uint8Array(vms),
    /**
     * A VM's anonymous memory and page cache, MiB: current on the steps vmViewDue is true (the
     * memory system skips the two stores on the others; nothing but the recorder's VM samples reads them)
     */
    anonMiB: new Float32Array(vms),
    cacheMiB: new Float32Array(vms),
    psi: new Float32Array(vms),
    thrashedEver: new Uint8Array(vms),
    /** 1 while a VM stays over its memory limit after an OOM kill (an OOM loop counts once) */
    oomLoop: new Uint8Array(vms),
    // --- fleet counters (events are whole numbers held in float64: exact below 2^53)
    produced: 0,
    delivered: 0,
    dropped: 0,
    lost: 0,
    oomKills: 0,
    vmsCrashed: 0,
    /** crashed VMs the orchestrator has redeployed since */
    vmsRestored: 0,
    panics: 0,
    firstPanicT: -1,
    unavailableSteps: 0,
    /** whether this step writes anonMiB and cacheMiB (Simulation sets it: the recorder samples VMs this step) */
    vmViewDue: true,
    /** per-step scratch written by systems, read by the recorder */
    stepDelivered: 0,
    stepBuffered: 0,
    stepDiskHeldEvents: 0,
    stepReadDemandBps: 0,
    // --- hypervisor agents, pids limit (systems/tasks.ts) and maintenance, migration (systems/migration.ts)
    ...createTasksState(s, hosts, dt),
    ...createMigrationState(s, hosts, vms),
    ...createDiskState(hosts),
  };
  asDoubles(st, DOUBLE_FIELDS);
  asDoubles(st.pulsar, DOUBLE_PULSAR);
  asDoubles(st.cp, DOUBLE_CP);
  st.onVmLost = (v) => vmLost(st, v);
  st.onVmMoved = (from, to) => vmMoved(st, from, to);
  linkSlotArrays(st, [st.cp.cpAlive, st.cp.failCount, st.cp.queued, st.cp.nextUpscale]);
  return st;
}
