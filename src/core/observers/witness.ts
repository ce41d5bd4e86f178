// What the verdict needs beyond the event log, witnessed after every step (read-only, in every
// record mode, so a summary is the same whatever was recorded):
//
// - which VM sizes read from each host's disk before its first panic (the refault reads each size's
//   VMs had served, by the disk model's own formulas), so the verdict names the size that drove a
//   panicked host's disk, not the first VM to thrash on it;
// - where the fleet's telemetry backlog really starts: a backlog that grows while messaging is up
//   because the brokers ingest less than the fleet logs (a fleet grown without its platform) starts
//   before any outage, and the verdict's chain must start there.
//
// Kept beside the run's state (a WeakMap, as the closed-loop disk keeps its own), so neither the
// state nor the simulation changes shape.

import { VM_SIZES, type VmSize } from '../../scenario/index.ts';
import type { SimState } from '../sim-state.ts';
import { cpuBoundFaultRate, cpuStretch } from '../physics/cpu.ts';
import { closedLoopIo } from '../systems/disk/closed-loop.ts';
import { MESSAGING_BACK_AT } from '../settings.ts';

const S = VM_SIZES.length;
/**
 * The refault reads are sampled every this many simulated seconds (each sample counts for the whole
 * interval): a host thrashes for minutes to hours, so the shares are the same to a percent, and
 * the VM loop costs a sixth of what it would every 5 s step (it was 12% of a 2024 run).
 */
const READS_EVERY_SECONDS = 30;

/** A backlog that began while messaging was up because the brokers took less than the agents asked. */
export interface IngestShortfall {
  /** seconds after the start: the first step of the backlog's episode */
  t: number;
  /** what the brokers took, and what the fleet logged, events/s, in that step */
  ingestPerSecond: number;
  logPerSecond: number;
}

export class Witness {
  /** refault bytes read per host and VM size before the host's first panic: [h * sizes + size] */
  readonly reads: Float64Array;
  /** per host: wall seconds per CPU second of the closed-loop disk's faults in the coming step (cpu.ts cpuStretch) */
  private readonly stretch: Float64Array;
  /** the start of the fleet's current backlog episode (-1: none) and whether it began short of ingest */
  private backlogSince = -1;
  private shortfall: IngestShortfall | null = null;
  /** every backlog episode that began short of ingest, with the time it ended (Infinity: still open) */
  readonly shortfalls: (IngestShortfall & { end: number })[] = [];

  private readonly every: number;
  private steps = 0;

  constructor(st: SimState) {
    this.reads = new Float64Array(st.hosts * S);
    this.stretch = new Float64Array(st.hosts).fill(1);
    this.every = Math.max(1, Math.round(READS_EVERY_SECONDS / st.dt));
  }

  /** after each step ran */
  record(st: SimState): void {
    this.recordReads(st, this.steps++ % this.every === 0);
    this.recordBacklog(st);
  }

  private recordReads(st: SimState, sample: boolean): void {
    const closed = st.scenario.hypervisor.diskModel === 'closed-loop';
    const io = closed ? closedLoopIo(st) : undefined;
    // the queue disk reads no stretch: between samples there is nothing to do
    if (!io && !sample) return;
    const m = st.scenario.memory,
      dt = st.dt * this.every, // a sample stands for its interval
      MiB = 2 ** 20;
    // queue model: what a VM asks is read in arrival order, all of it (vm-pass.ts refaultBytesPerMiB)
    const openBytesPerMiB = m.refaultTouchPerSecond * m.readaheadFactor * dt * MiB;
    // closed loop: each class's throughput at the host's latency (disk/closed-loop.ts faultClasses, vmStalls)
    const faultsPerMiB = (m.refaultTouchPerSecond * MiB) / 4096,
      faultBytes = m.faultReadKiB * 1024,
      faultCpu = m.faultCpuMicros / 1e6,
      agentThreads = st.scenario.telemetry.agentThreadsDraining,
      cores = st.scenario.hypervisor.cores;
    const { alive, psi, missingMiB, vcpus, buf, held, sizeOf, up, hostPsi, panickedEver, vmStart } = st;
    const reads = this.reads;
    for (let h = 0; h < st.hosts; h++) {
      if (up[h] === 0) {
        this.stretch[h] = 1; // a host back from a panic starts its closed loop afresh (resetClosedLoopHost)
        continue;
      }
      if (sample && hostPsi[h] > 0 && panickedEver[h] === 0) {
        const o = h * S;
        if (!io) {
          // the queue disk's loop, on its own: a VM reads what it misses, in arrival order
          for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
            if (psi[v] <= 0 || alive[v] === 0) continue; // most VMs are not stalled: psi first
            reads[o + sizeOf[v]] += missingMiB[v] * openBytesPerMiB;
          }
        } else {
          const R = io.ioLatency[h],
            cpuWall = faultCpu * this.stretch[h],
            draining = st.hostDelivered[h] > 0;
          for (let v = vmStart[h], end = vmStart[h + 1]; v < end; v++) {
            if (psi[v] <= 0 || alive[v] === 0) continue; // most VMs are not stalled: psi first
            const n = m.faultThreadsPerVcpu * vcpus[v] + (draining && buf[v] + held[v] > 0 ? agentThreads : 0);
            const L = cpuBoundFaultRate(n, missingMiB[v] * faultsPerMiB, cpuWall, vcpus[v]);
            reads[o + sizeOf[v]] += L > 0 ? ((n * L) / (n + L * R)) * faultBytes * dt : 0;
          }
        }
      }
      // the steal the disk system set for the next step: its CPU demand is the load without the reads outstanding
      if (io) this.stretch[h] = cpuStretch(st.hostLoadPerCore[h] * cores - io.ioOutstanding[h], cores);
    }
  }

  private recordBacklog(st: SimState): void {
    if (st.stepBuffered <= 0) {
      if (this.backlogSince >= 0 && this.shortfall) this.shortfalls[this.shortfalls.length - 1].end = st.t;
      this.backlogSince = -1;
      this.shortfall = null;
      return;
    }
    if (this.backlogSince >= 0) return;
    this.backlogSince = st.t;
    // messaging up, and the brokers took less than the connected agents asked: the backlog is the ingest's
    if (st.availability >= MESSAGING_BACK_AT && st.ingestWant > st.ingestPerStep) {
      this.shortfall = {
        t: st.t,
        ingestPerSecond: st.ingestPerStep / st.dt,
        logPerSecond: st.stepProduced / st.dt,
      };
      this.shortfalls.push({ ...this.shortfall, end: Infinity });
    }
  }

  /** Refault bytes per VM size read from the disks of the hosts that panicked, before their first panic. */
  readsOnPanicked(st: SimState): Record<VmSize, number> {
    const out = Object.fromEntries(VM_SIZES.map((s) => [s, 0])) as Record<VmSize, number>;
    for (let h = 0; h < st.hosts; h++) {
      if (st.panickedEver[h] === 0) continue;
      for (let k = 0; k < S; k++) out[VM_SIZES[k]] += this.reads[h * S + k];
    }
    return out;
  }

  /** The ingest shortfall whose backlog episode was open at time t (null: none). */
  shortfallAt(t: number): (IngestShortfall & { end: number }) | null {
    for (const f of this.shortfalls) if (f.t <= t && t <= f.end) return f;
    return null;
  }
}

const witnesses = new WeakMap<SimState, Witness>();

/** The run's witness, made by its recorder (undefined for a state no recorder watched). */
export function witnessOf(st: SimState): Witness | undefined {
  return witnesses.get(st);
}

export function createWitness(st: SimState): Witness {
  const w = new Witness(st);
  witnesses.set(st, w);
  return w;
}
