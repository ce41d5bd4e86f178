// Hypervisor disks, hypervisor.diskModel 'closed-loop' (physics/hostio.ts does the arithmetic;
// this file feeds it and logs; docs/MODEL.md, "Hypervisor disk and D state").
//
// Reads are a closed loop: a thrashing VM's threads each wait for their fault (mm/filemap.c
// filemap_fault holds the folio lock across the read), so what a VM asks falls as the disk's
// latency rises; per host and step the latency is the one at which the VMs' faults and the host's
// sequential reads (background, images, catch-up) just fill the disk (physics/blockio.ts). On NVMe
// that is milliseconds: no read is a hung task (each completion is a context switch).
//
// The long uninterruptible waits are the journal's (fs/jbd2): ext4 in ordered mode commits its
// transaction every 5 s or at once when a task waits on it (fsync; QEMU's flush for a guest
// FLUSH); the commit writes its ordered data (buffered writes to newly allocated blocks: image
// pulls, disk buffers), then its journal blocks and a commit block with a flush. Commits are
// serial and their waiters sleep TASK_UNINTERRUPTIBLE; the oldest has waited since its transaction
// opened (physics/journal.ts). Commits write at what the reads leave of the disk
// (hypervisor.writeShareUnderReads) and wait for at most what is in flight
// (hypervisor.writeInFlightMiB): a 120 s wait needs that to take about a minute. No cap.

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { backgroundNoises } from './noise.ts';
import { cpuBoundFaultRate, cpuStretch, faultStall } from '../../physics/cpu.ts';
import { VM_CPU_SHARE } from '../../settings.ts';
import { HOSTS_LOADED_SHARE, HOSTS_NOMINAL_SHARE } from '../../../scenario/index.ts';
import {
  createHostIo,
  hostBlockedSince,
  hostJournal,
  hostReads,
  resetHostIo,
  type HostIo,
  type HostIoParams,
} from '../../physics/hostio.ts';

/**
 * The closed-loop disk's per-host state (physics/hostio.ts) and scratch, made on a run's first
 * closed-loop step and kept beside the run's state rather than in it: the queue model's runs, the
 * default, keep the state object they were tuned on (a bigger one measured 40% slower in the bench).
 */
interface ClosedLoopState {
  io: HostIo;
  n: Float64Array;
  L: Float64Array;
  D: Float64Array;
  /** the slot of each class (faultClasses), for vmStalls to write back without scanning the host again */
  vm: Int32Array;
  /** the VM pass's stalled slots (faultingSlots), host by host from each host's first slot, in slot order */
  faulting: Int32Array;
  /** per host: how many of its slots `faulting` lists */
  faultingCount: Int32Array;
  /** the step the VM pass last listed them (faultClasses scans the host when not this step) */
  faultingStep: number;
  /** per host: wall seconds per CPU second of a runnable thread last step (physics/cpu.ts cpuStretch; 1: no steal) */
  stretch: Float64Array;
  /** 1 while the fleet's load is above nominal (hosts loaded: logHostLoad) */
  loaded: number;
}
const runs = new WeakMap<SimState, ClosedLoopState>();
function of(st: SimState): ClosedLoopState {
  let c = runs.get(st);
  if (!c) {
    let max = 0;
    for (let h = 0; h < st.hosts; h++) max = Math.max(max, st.vmStart[h + 1] - st.vmStart[h]);
    c = {
      io: createHostIo(st.hosts),
      n: new Float64Array(max + 1),
      L: new Float64Array(max + 1),
      D: new Float64Array(max + 1),
      vm: new Int32Array(max + 1),
      faulting: new Int32Array(st.vms),
      faultingCount: new Int32Array(st.hosts),
      faultingStep: -1,
      stretch: new Float64Array(st.hosts).fill(1),
      loaded: 0,
    };
    runs.set(st, c);
  }
  return c;
}

/**
 * Where the VM pass lists, host by host, the slots it leaves stalled (psi > 0: a working set that
 * does not fit), so that faultClasses reads those instead of every slot of the host. Made here on
 * the run's first step, before this system's own first step: the same state, made earlier.
 */
export function faultingSlots(st: SimState): Pick<ClosedLoopState, 'faulting' | 'faultingCount' | 'faultingStep'> {
  return of(st);
}

/** A host that panicked: its closed-loop figures and journal chain restart when it is back. */
export function resetClosedLoopHost(st: SimState, h: number): void {
  const c = runs.get(st);
  if (c) {
    resetHostIo(c.io, h);
    c.stretch[h] = 1;
  }
}

/** The host's closed-loop figures (tests, the recorder): undefined before the run's first closed-loop step. */
export function closedLoopIo(st: SimState): HostIo | undefined {
  return runs.get(st)?.io;
}

/** A journal wait longer than this is far beyond a healthy commit (milliseconds): the host shows as saturated. */
const BLOCK_SECONDS = 1;
/** Dependent rounds of a jbd2 commit after its data, each behind the read queue: journal blocks, commit block + flush (fs/jbd2/commit.c). */
const FLUSH_ROUNDS = 3;
/** Bytes of one sequential read request (background, images, catch-up): the 128 KiB readahead window (mm/readahead.c VM_READAHEAD_PAGES). */
const SEQ_REQUEST_BYTES = 128 * 1024;
/** Sequential readers of a host in the closed loop (background, images, catch-up): typical. */
const SEQ_READERS = 16;

const params: HostIoParams = {
  readIops: 0,
  readBps: 0,
  writeBps: 0,
  baseLatency: 0,
  faultBytes: 4096,
  seqBytes: SEQ_REQUEST_BYTES,
  seqReaders: SEQ_READERS,
  writeShareUnderReads: 0,
  inFlightBytes: 0,
  journalBytes: 0,
  flushRounds: FLUSH_ROUNDS,
  commitIntervalSeconds: 5, // JBD2_DEFAULT_MAX_COMMIT_AGE
};

/** The run's disk parameters (the same for every host; each host scales them by its disk factor). */
function diskParams(st: SimState): HostIoParams {
  const hv = st.scenario.hypervisor,
    MiB = 2 ** 20;
  params.readIops = hv.diskReadIops;
  params.readBps = hv.diskReadMBps * 1e6;
  params.writeBps = hv.diskWriteMBps * 1e6;
  params.baseLatency = hv.diskLatencyMicros / 1e6;
  params.faultBytes = st.scenario.memory.faultReadKiB * 1024;
  params.writeShareUnderReads = hv.writeShareUnderReads;
  params.inFlightBytes = hv.writeInFlightMiB * MiB;
  params.journalBytes = hv.journalCommitMiB * MiB;
  return params;
}

/** Block time of the oldest journal waiter a khungtaskd scan at τ of the current step sees. */
export function closedLoopBlockedSince(st: SimState, h: number, tau: number): number {
  return hostBlockedSince(of(st).io, h, diskParams(st), st.hostDiskFactor[h], st.t, tau);
}

export function closedLoopDiskSystem(st: SimState, log: EventLog): void {
  const s = st.scenario.hypervisor;
  const dt = st.dt,
    t = st.t,
    tEnd = t + dt;
  const p = diskParams(st);
  const drainCoreSecondsPerEvent = st.scenario.telemetry.drainCpuMicrosPerEvent / 1e6;
  // hypervisor.baseReadMBps is a host's background at its starting number of VMs
  const baseBytesPerVm = st.perHost > 0 ? (s.baseReadMBps * 1e6 * dt) / st.perHost : 0;
  const { up, dStateSeconds, readDemandBytes, writeDemandBytes, readServedMBps } = st;
  const noise = backgroundNoises(st);
  const c = of(st);
  const { io, n, L, D, vm, stretch } = c;
  const faultCpu = st.scenario.memory.faultCpuMicros / 1e6,
    ioCpu = s.ioCpuMicros / 1e6,
    cores = s.cores;
  let fleetExtra = 0,
    fleetNominal = 0;
  // what the extra load is made of, for the hosts-loaded entry's words (logHostLoad)
  const parts = loadParts;
  parts.guest = parts.dState = parts.qemu = parts.catchUp = parts.deploy = parts.over = 0;

  for (let h = 0; h < st.hosts; h++) {
    if (up[h] === 0) {
      readDemandBytes[h] = 0;
      writeDemandBytes[h] = 0;
      readServedMBps[h] = 0;
      continue;
    }
    // the host's fault classes: its VMs missing part of their working set (vm-pass.ts: psi > 0),
    // each would fault touch x missing pages a second if none waited, with its threads (and the
    // agent's while it sends a backlog) each waiting for one; each fault also costs its thread the
    // guest's CPU for it (stretched by last step's steal), and the VM's vCPUs bound its faults
    // (physics/cpu.ts)
    const cpuWall = faultCpu * stretch[h];
    classes.asked = 0;
    const count = st.hostPsi[h] > 0 ? faultClasses(st, c, h, cpuWall, st.hostDelivered[h] > 0) : 0;
    // background reads with a little noise (the only per-host randomness of a step): the healthy
    // VMs' own reads, so they follow the VMs the host runs (an empty host reads nothing)
    const seqBytes = readDemandBytes[h] + baseBytesPerVm * st.hostLive[h] * noise[h];
    const f = st.hostDiskFactor[h];
    hostReads(io, h, p, f, n, L, D, count, seqBytes / dt, dt);
    // each VM's stall at the host's latency, for the next step (telemetry delivers less, monitoring
    // sees it): its threads' share of time in their faults (the read and the CPU), and the vCPU
    // time its faults burn
    const guestCpu = count > 0 ? vmStalls(st, h, n, L, vm, count, io.ioLatency[h], cpuWall) : 0;
    readServedMBps[h] = io.ioReadBytes[h] / dt / 1e6;
    st.stepReadDemandBps += classes.asked * p.faultBytes + seqBytes / dt;
    // the journal: buffered writes to newly allocated blocks are its ordered data
    hostJournal(io, h, p, f, writeDemandBytes[h] / dt, t, dt);
    readDemandBytes[h] = 0;
    writeDemandBytes[h] = 0;
    // the longest D-state wait on this host now: the oldest journal waiter
    const waited = io.jCommitting[h] === 1 && tEnd > io.jCommittingOpen[h] ? tEnd - io.jCommittingOpen[h] : 0;
    dStateSeconds[h] = waited;
    st.diskQueueSeconds[h] = waited; // what the map, the orchestrator and the but-for test read as "blocked"
    if (waited <= 0) st.hungThisEpisode[h] = 0;
    logSaturation(st, log, io, h, waited);
    // CPU demand (cores' worth of runnable threads): the VMs' own busy vCPUs, the vCPU time of their
    // faults, QEMU's path for every read, the catch-up and deployments; past the cores, steal
    // stretches next step's faults. Load average: that demand and the D-state tasks (QEMU workers
    // waiting for reads: Little's outstanding reads)
    const nominal = st.hostVcpus[h] * VM_CPU_SHARE;
    const demand =
      nominal +
      guestCpu +
      io.ioRequests[h] * ioCpu +
      (st.hostDelivered[h] * drainCoreSecondsPerEvent) / dt +
      st.extraLoadCores[h];
    stretch[h] = cpuStretch(demand, cores);
    const load = demand + io.ioOutstanding[h];
    st.hostLoadPerCore[h] = load / cores;
    fleetExtra += load - nominal;
    fleetNominal += nominal;
    if (c.loaded === 0) {
      parts.guest += guestCpu;
      parts.dState += io.ioOutstanding[h];
      parts.qemu += io.ioRequests[h] * ioCpu;
      parts.catchUp += (st.hostDelivered[h] * drainCoreSecondsPerEvent) / dt;
      parts.deploy += st.extraLoadCores[h];
      if (demand > cores) parts.over++;
    }
  }
  logHostLoad(st, log, c, fleetExtra, fleetNominal);
}

/** The fleet's extra load by what makes it (cores' worth), summed while the hosts are not yet loaded; `over`: hosts whose CPU demand passes their cores. */
const loadParts = { guest: 0, dState: 0, qemu: 0, catchUp: 0, deploy: 0, over: 0 };

/** "thrashing guests' faults and reclaim 61%, QEMU workers waiting for reads (D state) 30%, ...": the parts of 1% and more, largest first. */
function loadWords(hosts: number): string {
  const p = loadParts;
  const all = p.guest + p.dState + p.qemu + p.catchUp + p.deploy;
  if (all <= 0) return '';
  const named: [string, number][] = [
    ["thrashing guests' faults and reclaim (their vCPUs)", p.guest],
    ['QEMU workers waiting for reads (D state)', p.dState],
    ["QEMU's path for every read", p.qemu],
    ['the agents sending their logs (the catch-up)', p.catchUp],
    ['deployments (image pulls and boots)', p.deploy],
  ];
  const words = named
    .filter(([, x]) => x / all >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([w, x]) => `${w} ${Math.round((x / all) * 100)}%`)
    .join(', ');
  const steal =
    p.over > 0
      ? `; on ${p.over} of ${hosts} hosts the CPU demand passes the cores, so runnable vCPUs wait (steal)`
      : '; no host runs short of cores (no steal)';
  return `: ${words}${steal}`;
}

/** What faultClasses asked in all (open-loop faults/s of the host's classes), for the recorder. */
const classes = { asked: 0 };

/**
 * Host h's fault classes into n, L: its VMs missing part of their working set (vm-pass.ts: psi > 0),
 * each would fault touch x missing pages a second if none waited, with its threads (and the agent's
 * while it sends a backlog) each waiting for one; each fault also costs its thread the guest's CPU
 * for it (`cpuWall`, stretched by last step's steal), and the VM's vCPUs bound its faults
 * (physics/cpu.ts). Returns the classes' count. The VMs with psi > 0 are those the VM pass left
 * stalled this step (it lists them: faultingSlots; nothing between the two starts a stall: a VM
 * started since has psi 0), so only those are read, in slot order as a scan would.
 */
function faultClasses(st: SimState, c: ClosedLoopState, h: number, cpuWall: number, draining: boolean): number {
  const { missingMiB, vcpus, alive, psi, buf, held } = st;
  const { n, L, vm } = c;
  const listed = c.faultingStep === st.step,
    slots = c.faulting;
  const first = st.vmStart[h],
    last = listed ? first + c.faultingCount[h] : st.vmStart[h + 1];
  const m = st.scenario.memory;
  const faultsPerMiB = (m.refaultTouchPerSecond * 2 ** 20) / 4096,
    threadsPerVcpu = m.faultThreadsPerVcpu,
    agentThreads = st.scenario.telemetry.agentThreadsDraining;
  let count = 0,
    asked = 0;
  for (let k = first; k < last; k++) {
    const v = listed ? slots[k] : k;
    if (alive[v] === 0 || psi[v] <= 0) continue;
    const threads = threadsPerVcpu * vcpus[v] + (draining && buf[v] + held[v] > 0 ? agentThreads : 0);
    const open = missingMiB[v] * faultsPerMiB;
    n[count] = threads;
    vm[count] = v;
    L[count] = cpuBoundFaultRate(threads, open, cpuWall, vcpus[v]);
    asked += open;
    count++;
  }
  classes.asked = asked;
  return count;
}

/**
 * Each faulting VM's stall at the host's read latency R, for the next step (telemetry delivers less,
 * monitoring sees it): its threads' share of time in their faults (the read and the CPU). Returns
 * the vCPU time (cores) their faults burn.
 */
function vmStalls(
  st: SimState,
  h: number,
  n: Float64Array,
  L: Float64Array,
  vm: Int32Array,
  count: number,
  R: number,
  cpuWall: number,
): number {
  const { psi } = st;
  const faultCpu = st.scenario.memory.faultCpuMicros / 1e6;
  let guestCpu = 0,
    psiSum = 0;
  // the classes' slots, in faultClasses' order (nothing between the two changes alive or psi)
  for (let i = 0; i < count; i++) {
    const v = vm[i],
      ni = n[i],
      Li = L[i];
    const stall = faultStall(ni, Li, R, cpuWall);
    psi[v] = stall;
    psiSum += stall;
    guestCpu += ((ni * Li) / (ni + Li * R)) * faultCpu;
  }
  if (st.hostPsiVms[h] > 0) st.hostPsi[h] = psiSum / st.hostPsiVms[h];
  return guestCpu;
}

function logSaturation(st: SimState, log: EventLog, io: HostIo, h: number, waited: number): void {
  const t = st.t;
  if (waited <= BLOCK_SECONDS) {
    st.blockedSince[h] = -1;
    return;
  }
  if (st.blockedSince[h] >= 0) return;
  st.blockedSince[h] = t;
  log.disk[h] = log.add(
    'host-disk-saturated',
    t,
    'hypervisor',
    'warning',
    'host disk saturated',
    `Disk saturated: reads use ${(io.ioReadUtil[h] * 100).toFixed(0)}% of it (${(st.readServedMBps[h] / 1000).toFixed(2)} GB/s, ${(io.ioLatency[h] * 1000).toFixed(2)} ms a read); writes get ${(io.ioWriteBps[h] / 1e6).toFixed(1)} MB/s and journal commits wait over ${BLOCK_SECONDS} s: tasks sit in D state.`,
    h,
    // the thrashing VMs, else the control plane's but-for link logged this step
    log.thrash[h] >= 0 ? log.thrash[h] : st.cp.deployLinkAt[h] === t ? log.deploy[h] : -1,
  );
}

/**
 * The fleet's hypervisors loaded (their load average HOSTS_LOADED_SHARE above what their VMs alone
 * keep busy) and back to nominal (below HOSTS_NOMINAL_SHARE): seed 002's "CPU load drastically
 * increase" (12:30) and "All Hypervisors have recovered to a nominal load" (18:36).
 */
function logHostLoad(st: SimState, log: EventLog, c: ClosedLoopState, extra: number, nominal: number): void {
  if (nominal <= 0) return;
  const share = extra / nominal;
  if (c.loaded === 0 && share > HOSTS_LOADED_SHARE) {
    c.loaded = 1;
    log.add(
      'hosts-loaded',
      st.t,
      'hypervisor',
      'warning',
      'hypervisors loaded',
      `Hypervisor load ${Math.round(share * 100)}% above what their VMs alone keep busy${loadWords(st.hostsIn)}.`,
      -1,
      log.backlog,
    );
  } else if (c.loaded === 1 && share < HOSTS_NOMINAL_SHARE) {
    c.loaded = 0;
    log.add(
      'hosts-nominal-load',
      st.t,
      'hypervisor',
      'info',
      'hypervisors back to nominal load',
      `Hypervisor load back within ${Math.round(HOSTS_NOMINAL_SHARE * 100)}% of what their VMs alone keep busy.`,
    );
  }
}
