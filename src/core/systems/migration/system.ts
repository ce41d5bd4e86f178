// Maintenance windows and live migration (seed 001, Flying Circus, 2017-08-02). A maintenance
// window asks every host for a short maintenance; the policy says when each starts (evenly over
// the window, or the next one once the previous has evacuated) and the seatbelt caps how many run
// at once. A host first evacuates its VMs by pre-copy live migration; a host runs at most
// maxParallelPerHost migrations, incoming and outgoing together (fc.qemu runs each in one of the
// host agent's event threads), so neither side of a link is shared by more. Each migration gets min(QEMU max-bandwidth, its share of the source's and target's link);
// its remaining memory R starts at the VM's RAM and shrinks at B - D (D: the VM's dirty rate,
// lowered by auto-converge's throttle), so it takes about RAM / (B - D) and never converges when
// D >= B; it switches over once R can be sent within the downtime limit, and is cancelled at the
// timeout. The target admits a VM after a free-memory check: locked, it counts memory booked by
// incoming migrations; unlocked, it reads what QEMU has allocated so far, which grows only as
// pages arrive, so two migrations can book the same memory. Past its VM memory a host swaps (its
// VMs hang); past swap too its OOM killer kills the largest QEMU (that VM reboots, or that
// incoming migration fails). Reclaim takes every guest's cold pages first, in proportion to its
// size; the VMs whose working set it reaches stall, and the guest watchdog (fc.qemu in 2017) resets
// a VM stalled past its timeout (stalls(), below). An overcommitted host evacuates VMs itself until
// it fits again.
// Times are exact in seconds, not steps: a migration switches over, passes a bitmap sync or times
// out at its own second within a step, and the slot it frees starts the next migration at that
// second; a host starts evacuating at its due second and its maintenance starts when its last VM
// switched over. Only the bandwidth shares are the step's (the counts on each link at its start).
// Everything here is skipped when the scenario has no maintenanceWindow event.

import type { Scenario } from '../../../scenario/index.ts';
import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { MIBPS_PER_GBPS } from '../../units.ts';
import { keyedFloat, keyedNormal } from '../../rng.ts';
import {
  END_OOM_REBOOT,
  RESV_MIGRATION_IN,
  RESV_MIGRATION_OUT,
  endVm,
  freeSlot,
  move,
  reserve,
  unreserve,
} from '../../fleet/slots.ts';
import {
  MAINT_DONE,
  MAINT_DUE,
  MAINT_EVACUATING,
  MAINT_IN,
  MAINT_NONE,
  migrationTarget,
} from '../../fleet/placement.ts';
/** Keyed draw indices of a VM's dirty rate (keyedFloat(seed, vmId, 16) and keyedNormal(seed, vmId, 17), clear of the floats vm-size.ts draws: 0-11). */
const KEY_DIRTY = 16;
/** A rebooted guest touches its RAM again at this rate (typical). */
export const REFILL_MIBPS = 32;
/** auto-converge: qemu migration/options.c cpu-throttle-initial 20, -increment 10, max 99; throttle-trigger-threshold 50%. */
export const THROTTLE_INITIAL = 0.2,
  THROTTLE_STEP = 0.1,
  THROTTLE_MAX = 0.99,
  THROTTLE_TRIGGER = 0.5;

/** Pre-copy in closed form: seconds to migrate `ramMiB` at `bwMiBps` with dirty rate `dirtyMiBps` (Infinity if it never converges). */
export function precopySeconds(ramMiB: number, bwMiBps: number, dirtyMiBps: number, downtimeMs: number): number {
  if (dirtyMiBps >= bwMiBps) return Infinity;
  return Math.max(0, ramMiB - bwMiBps * (downtimeMs / 1000)) / (bwMiBps - dirtyMiBps);
}

function initMaintenance(st: SimState, log: EventLog): void {
  st.maintInitDone = true;
  const s = st.scenario,
    m = s.migration,
    H = st.hosts;
  // dirty rates: a VM's own, keyed by (seed, VM id) like its other figures (fleet/vm-size.ts), so
  // which VMs are busy does not depend on the step or on what drew from the run's Rng before
  for (let v = 0; v < st.vms; v++) {
    const id = st.vmId[v];
    if (id < 0) continue;
    const busy = keyedFloat(s.seed, id, KEY_DIRTY) * 100 < m.busyPercent;
    st.busyVm[v] = busy ? 1 : 0;
    st.touchedMiB[v] = st.sizeMemMiB[st.sizeOf[v]];
    const base = busy ? m.busyDirtyMiBps : m.dirtyMiBps;
    st.dirtyMiBps[v] = Math.max(0, base * (1 + 0.3 * keyedNormal(s.seed, id, KEY_DIRTY + 1)));
  }
  // QEMU has allocated all of a running VM's RAM (booked memory is kept by fleet/slots.ts)
  for (let h = 0; h < H; h++) {
    let used = 0;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (st.alive[v]) {
        st.allocMiB[v] = st.sizeMemMiB[st.sizeOf[v]];
        used += st.allocMiB[v];
      }
    }
    st.hostUsedMiB[h] = used;
  }
  // the schedule: each window spreads every host's start evenly over it (the policy may wait longer)
  for (const e of s.events) {
    if (e.kind !== 'maintenanceWindow') continue;
    for (let h = 0; h < H; h++) {
      const due = e.atMinute * 60 + (h * e.durationMinutes * 60) / H;
      if (due < st.maintDueAt[h]) st.maintDueAt[h] = due;
    }
    if (st.logMaint < 0) {
      st.logMaint = log.add(
        'maintenance-scheduled',
        e.atMinute * 60,
        'scenario',
        'info',
        'maintenance scheduled',
        `Maintenance (${e.maintenanceMinutes} min) scheduled for all ${H} hosts within ${e.durationMinutes} min; each host evacuates its VMs first` +
          `${s.maintenance.maxConcurrentHosts > 0 ? `, at most ${s.maintenance.maxConcurrentHosts} at once` : ', with no limit on how many at once'}.`,
      );
    }
  }
}

function maintenanceMinutesFor(s: Scenario): number {
  for (const e of s.events) if (e.kind === 'maintenanceWindow') return e.maintenanceMinutes;
  return 1;
}

/** Picks the target the check likes best and admits the VM there, or returns -1 (fleet/placement.ts). */
export const admit = migrationTarget;

function startMigration(st: SimState, log: EventLog, v: number, src: number, dst: number, t: number): number {
  let rec = 0;
  while (st.migUsed[rec]) rec++;
  const slot = freeSlot(st, dst);
  const mem = st.sizeMemMiB[st.sizeOf[v]];
  st.migUsed[rec] = 1;
  st.migSrc[rec] = v;
  st.migDst[rec] = slot;
  st.migSrcHost[rec] = src;
  st.migDstHost[rec] = dst;
  st.migRemainMiB[rec] = mem;
  st.migStartT[rec] = t;
  st.migThrottle[rec] = 0;
  st.migIterTarget[rec] = mem;
  st.migIterSent[rec] = 0;
  st.migIterDirty[rec] = 0;
  st.migHighCount[rec] = 0;
  reserve(st, v, RESV_MIGRATION_OUT, 0);
  reserve(st, slot, RESV_MIGRATION_IN, mem);
  st.allocMiB[slot] = 0;
  st.hostOut[src]++;
  st.hostIn[dst]++;
  st.hostOutMiB[src] += mem;
  st.migInFlight++;
  if (st.migInFlight > st.migMaxConcurrent) st.migMaxConcurrent = st.migInFlight;
  if (st.hostBookedMiB[dst] > st.hostCapMiB && st.logBooked[dst] < 0) {
    st.logBooked[dst] = log.add(
      'memory-double-booked',
      t,
      'hypervisor',
      'warning',
      'memory double-booked',
      `Admitted a ${mem} MiB VM from hv-${src} on a free-memory check that ${st.scenario.migration.admissionLock ? 'has no booked-memory cap' : 'is not locked and does not count incoming migrations'}: ` +
        `${(st.hostBookedMiB[dst] / 1024).toFixed(0)} GiB booked for ${(st.hostCapMiB / 1024).toFixed(0)} GiB of VM memory.`,
      dst,
      st.logEvac[src],
    );
  }
  return rec;
}

function endMigration(st: SimState, rec: number, ok: boolean): void {
  const v = st.migSrc[rec],
    slot = st.migDst[rec],
    src = st.migSrcHost[rec],
    dst = st.migDstHost[rec];
  const mem = st.sizeMemMiB[st.sizeOf[v]];
  st.migUsed[rec] = 0;
  st.migInFlight--;
  st.hostOut[src]--;
  st.hostIn[dst]--;
  st.hostOutMiB[src] -= mem;
  if (ok) {
    st.hostUsedMiB[src] -= st.allocMiB[v];
    // the VM's whole per-slot state moves; the source slot is left empty (all zeros, no VM)
    move(st, v, slot);
    st.allocMiB[slot] = mem;
    st.migCompleted++;
  } else {
    st.hostUsedMiB[dst] -= st.allocMiB[slot];
    st.allocMiB[slot] = 0;
    unreserve(st, slot, mem);
    unreserve(st, v, 0);
    st.migFailed++;
  }
}

/** What precopy() ended with: 0 still copying, 1 switched over, 2 timed out; `endAt` is when (s). */
const GOING = 0,
  SWITCHED = 1,
  TIMED_OUT = 2;
let endAt = 0;

/**
 * Pre-copy of migration r over [from, to] (s), exact in seconds: pages arrive and QEMU allocates
 * them on the target, the remainder shrinks at B - D, a pass ends (a bitmap sync: auto-converge
 * may throttle) the moment it has sent its target, and the migration switches over the moment what
 * is left fits the downtime limit, or is cancelled at the moment it reaches the timeout. The
 * bandwidth share is the one at `from` (the counts on both links).
 */
function precopy(st: SimState, r: number, from: number, to: number): number {
  const m = st.scenario.migration;
  const v = st.migSrc[r],
    slot = st.migDst[r],
    dst = st.migDstHost[r];
  const share = (m.linkGbps * MIBPS_PER_GBPS) / Math.max(st.hostOut[st.migSrcHost[r]], st.hostIn[dst]);
  const bw = m.bandwidthMiBps < share ? m.bandwidthMiBps : share;
  const stop = bw * (m.downtimeLimitMs / 1000);
  const mem = st.sizeMemMiB[st.sizeOf[v]];
  const deadline = st.migStartT[r] + m.timeoutMinutes * 60;
  const until = to < deadline ? to : deadline;
  let now = from;
  while (now < until) {
    const dirty = st.dirtyMiBps[v] * (1 - st.migThrottle[r]);
    const rem = st.migRemainMiB[r];
    const switchIn = bw > dirty ? Math.max(0, (rem - stop) / (bw - dirty)) : Infinity;
    const passIn = Math.max(0, (st.migIterTarget[r] - st.migIterSent[r]) / bw);
    let h = until - now,
      what = GOING;
    if (switchIn <= h) {
      h = switchIn;
      what = SWITCHED;
    }
    const passEnds = what === GOING && passIn <= h;
    if (passEnds) h = passIn;
    const add = Math.min(bw * h, mem - st.allocMiB[slot]);
    if (add > 0) {
      st.allocMiB[slot] += add;
      st.hostUsedMiB[dst] += add;
    }
    const next = rem + (dirty - bw) * h;
    st.migRemainMiB[r] = next > mem ? mem : next;
    st.migIterSent[r] += bw * h;
    st.migIterDirty[r] += dirty * h;
    now += h;
    if (what === SWITCHED) {
      endAt = now;
      return SWITCHED;
    }
    if (passEnds) {
      // auto-converge throttles after two passes dirtying > 50% of what they sent
      if (m.autoConverge && st.migIterDirty[r] > THROTTLE_TRIGGER * st.migIterSent[r] && ++st.migHighCount[r] >= 2) {
        st.migHighCount[r] = 0;
        st.migThrottle[r] =
          st.migThrottle[r] === 0 ? THROTTLE_INITIAL : Math.min(THROTTLE_MAX, st.migThrottle[r] + THROTTLE_STEP);
      }
      st.migIterTarget[r] = Math.max(st.migRemainMiB[r], bw);
      st.migIterSent[r] = 0;
      st.migIterDirty[r] = 0;
    }
  }
  if (until === deadline && now >= deadline) {
    endAt = deadline;
    return TIMED_OUT;
  }
  return GOING;
}

/** Host h's migration slot is free again from time `at` (s) within this step. */
function slotFreed(st: SimState, h: number, at: number): void {
  const P = st.scenario.migration.maxParallelPerHost;
  if (st.slotReadyN[h] < P) st.slotReadyAt[h * P + st.slotReadyN[h]++] = at;
}

/** The earliest time within this step a slot of host h became free, taken; `otherwise` when none did. */
function takeSlot(st: SimState, h: number, otherwise: number): number {
  const n = st.slotReadyN[h];
  if (n === 0) return otherwise;
  const P = st.scenario.migration.maxParallelPerHost,
    base = h * P;
  let best = 0;
  for (let i = 1; i < n; i++) if (st.slotReadyAt[base + i] < st.slotReadyAt[base + best]) best = i;
  const at = st.slotReadyAt[base + best];
  st.slotReadyAt[base + best] = st.slotReadyAt[base + n - 1];
  st.slotReadyN[h] = n - 1;
  return at;
}

export function migrationSystem(st: SimState, log: EventLog): void {
  if (!st.maintOn) return;
  if (!st.maintInitDone) initMaintenance(st, log);
  const s = st.scenario,
    m = s.migration,
    H = st.hosts,
    dt = st.dt,
    t = st.t,
    tEnd = t + dt;
  const capMiB = st.hostCapMiB,
    swapMiB = m.hostSwapGiB * 1024;
  const P = m.maxParallelPerHost;
  for (let h = 0; h < H; h++) st.slotReadyN[h] = 0;

  // 1. maintenance (at t): due hosts start (policy and seatbelt permitting); evacuated hosts go down briefly.
  // Times are exact: a host due at d in (t - dt, t] starts its migrations from d, an evacuated host's
  // maintenance starts when its last VM switched over.
  let busy = 0;
  for (let h = 0; h < H; h++) if (st.maintState[h] === MAINT_EVACUATING || st.maintState[h] === MAINT_IN) busy++;
  const limit =
    s.maintenance.policy === 'include-evacuation'
      ? 1
      : s.maintenance.maxConcurrentHosts > 0
        ? s.maintenance.maxConcurrentHosts
        : H;
  for (let h = 0; h < H; h++) {
    const ms = st.maintState[h];
    if (ms === MAINT_NONE && st.maintDueAt[h] <= t) st.maintState[h] = MAINT_DUE;
    if (st.maintState[h] === MAINT_DUE && busy < limit && st.up[h]) {
      st.maintState[h] = MAINT_EVACUATING;
      busy++;
      // due within the last step: its slots are free from the due time (else from now: it waited for the seatbelt)
      const from = st.maintDueAt[h] > t - dt ? st.maintDueAt[h] : t;
      for (let i = 0; i < P; i++) slotFreed(st, h, from);
      st.logEvac[h] = log.add(
        'host-evacuates',
        t,
        'hypervisor',
        'info',
        'host evacuates',
        `Maintenance due: evacuating ${st.hostLive[h]} VMs by live migration (${m.maxParallelPerHost} at a time).`,
        h,
        st.logMaint,
      );
    } else if (ms === MAINT_EVACUATING && st.hostLive[h] === 0 && st.hostOut[h] === 0 && st.hostIn[h] === 0) {
      st.maintState[h] = MAINT_IN;
      st.maintEndAt[h] = (st.lastOutAt[h] > t - dt ? st.lastOutAt[h] : t) + maintenanceMinutesFor(s) * 60;
    }
  }

  // 2. migrations in flight over [t, tEnd]: pre-copy, auto-converge, switch over or time out, each at its own second
  for (let r = 0; r < st.migCap; r++) {
    if (!st.migUsed[r]) continue;
    const v = st.migSrc[r],
      src = st.migSrcHost[r],
      dst = st.migDstHost[r];
    if (st.up[src] === 0 || st.up[dst] === 0 || st.alive[v] === 0) {
      endMigration(st, r, false);
      continue;
    }
    const res = precopy(st, r, t, tEnd);
    if (res === GOING) continue;
    endMigration(st, r, res === SWITCHED);
    if (res === SWITCHED) st.lastOutAt[src] = endAt;
    slotFreed(st, src, endAt);
  }

  // a host that went down lost every VM: once its migrations have ended (above), QEMU holds nothing there
  for (let h = 0; h < H; h++) {
    if (st.up[h] !== 0 || st.hostOut[h] !== 0 || st.hostIn[h] !== 0 || st.hostUsedMiB[h] === 0) continue;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) st.allocMiB[v] = 0;
    st.hostUsedMiB[h] = 0;
    st.hostOutMiB[h] = 0;
  }

  // a host whose maintenance ended within this step takes VMs again
  for (let h = 0; h < H; h++) {
    if (st.maintState[h] === MAINT_IN && st.maintEndAt[h] <= tEnd) {
      st.maintState[h] = MAINT_DONE;
      st.hostsMaintained++;
    }
  }

  // 3. evacuating and overcommitted hosts start migrations, up to their parallel limit (a host's agent
  // handles each migration, in or out, in one of its maxParallelPerHost event threads). A migration
  // whose slot came free within this step starts at that second and copies for the rest of the step.
  let queued = 0,
    fresh = 0;
  for (let h = 0; h < H; h++) {
    if (st.up[h] === 0) continue;
    const evac = st.maintState[h] === MAINT_EVACUATING;
    // an overcommitted host sheds VMs until what stays booked fits (a VM stays booked here until it switches over)
    st.hostShedding[h] = !evac && st.hostSwapping[h] && st.hostBookedMiB[h] - st.hostOutMiB[h] > capMiB ? 1 : 0;
    if (!evac && !st.hostShedding[h]) continue;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (st.alive[v] === 0 || st.resv[v] !== 0) continue;
      if (!evac && st.hostBookedMiB[h] - st.hostOutMiB[h] <= capMiB) break;
      if (st.hostOut[h] + st.hostIn[h] >= P) {
        queued++;
        continue;
      }
      const dst = admit(st, h, st.sizeMemMiB[st.sizeOf[v]]);
      if (dst < 0) {
        queued++;
        continue;
      }
      const from = takeSlot(st, h, tEnd);
      const rec = startMigration(st, log, v, h, dst, from);
      if (from < tEnd) st.migFresh[fresh++] = rec;
    }
  }
  st.migQueued = queued;
  // the migrations admitted at this instant copy for the rest of the step once all are admitted (each
  // check saw the same allocated memory: the race of an unlocked check)
  for (let i = 0; i < fresh; i++) {
    const rec = st.migFresh[i];
    const res = precopy(st, rec, st.migStartT[rec], tEnd);
    if (res === GOING) continue;
    const src = st.migSrcHost[rec];
    endMigration(st, rec, res === SWITCHED);
    if (res === SWITCHED) st.lastOutAt[src] = endAt;
  }

  // 4. host memory: rebooted guests touch their RAM again; past VM memory the host swaps, past swap it OOM-kills
  let unresponsive = 0;
  for (let h = 0; h < H; h++) {
    if (st.up[h] === 0) continue;
    let used = 0;
    for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
      if (st.alive[v] === 0 && st.resv[v] !== RESV_MIGRATION_IN) continue;
      if (st.alive[v] !== 0) {
        const mem = st.sizeMemMiB[st.sizeOf[v]];
        if (st.allocMiB[v] < mem) st.allocMiB[v] = Math.min(mem, st.allocMiB[v] + REFILL_MIBPS * dt);
        if (st.touchedMiB[v] < mem) st.touchedMiB[v] = Math.min(mem, st.touchedMiB[v] + REFILL_MIBPS * dt);
      }
      used += st.allocMiB[v];
    }
    st.hostUsedMiB[h] = used;
    if (used <= capMiB) {
      st.hostSwapping[h] = 0;
      st.logSwap[h] = -1;
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) st.stallS[v] = 0;
      continue;
    }
    if (!st.hostSwapping[h]) {
      st.hostSwapping[h] = 1;
      if (st.logSwap[h] < 0) {
        st.logSwap[h] = log.add(
          'host-overcommitted',
          t,
          'hypervisor',
          'critical',
          'host overcommitted',
          `QEMU has allocated ${(used / 1024).toFixed(0)} GiB for ${(capMiB / 1024).toFixed(0)} GiB of VM memory: the host swaps and its VMs stall.`,
          h,
          // the double booking that let the memory in; else the orchestrator's redeploy storm (its
          // placements count the host's whole RAM, not what is left after the host's reserve);
          // else the maintenance that moved the VMs around
          st.logBooked[h] >= 0 ? st.logBooked[h] : st.cp.stormEvent >= 0 ? st.cp.stormEvent : st.logMaint,
        );
      }
    }
    let rebooted = 0;
    while (used > capMiB + swapMiB) {
      // the OOM killer picks the largest QEMU (resident VM or incoming migration)
      let victim = -1,
        size = 0;
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
        if ((st.alive[v] !== 0 || st.resv[v] === RESV_MIGRATION_IN) && st.allocMiB[v] > size) {
          size = st.allocMiB[v];
          victim = v;
        }
      }
      if (victim < 0) break;
      used -= size;
      if (st.resv[victim] === RESV_MIGRATION_IN) {
        for (let r = 0; r < st.migCap; r++)
          if (st.migUsed[r] && st.migDst[r] === victim) {
            endMigration(st, r, false);
            break;
          }
      } else {
        if (st.resv[victim] === RESV_MIGRATION_OUT) {
          for (let r = 0; r < st.migCap; r++)
            if (st.migUsed[r] && st.migSrc[r] === victim) {
              endMigration(st, r, false);
              break;
            }
        }
        st.allocMiB[victim] = 0;
        st.touchedMiB[victim] = 0;
        st.stallS[victim] = 0;
        endVm(st, victim, END_OOM_REBOOT);
        rebooted++;
      }
    }
    st.hostUsedMiB[h] = used;
    if (rebooted > 0) {
      if (st.firstRebootT < 0) st.firstRebootT = tEnd;
      log.add(
        'vm-reboots',
        tEnd,
        'vm',
        'critical',
        'VM reboots',
        `Host out of memory and swap: the OOM killer kills QEMU, ${rebooted} VM${rebooted > 1 ? 's' : ''} reboot.`,
        h,
        st.logSwap[h],
      );
    }
    unresponsive += stalls(st, log, h, used, capMiB, t, dt);
  }
  st.vmsUnresponsiveNow = unresponsive;
}

/**
 * Which VMs of overcommitted host h stall, and the guest watchdog. What does not fit (used - cap,
 * at most the swap once the OOM killer has run) is swapped out. Reclaim scans every QEMU's pages
 * in proportion to its size (mm/vmscan.c: get_scan_count scans each LRU list by its size >>
 * priority; without a memory cgroup per VM the node's lists interleave every QEMU's pages the
 * same way), and a scanned page that was referenced since the last scan is rotated back instead
 * of reclaimed (page_check_references: second chance), so a VM gives up its cold pages first:
 * guest RAM it does not touch (page cache beyond its working set, free memory it once used). A
 * VM stalls when its share of the swap-out (the same fraction of every QEMU's RAM) exceeds its
 * cold RAM: it loses pages of its working set and refaults them at once (mm/workingset.c: a
 * refault within the active list's size is working set, and reclaim goes on while the host is
 * over). The working set is what the memory model says the guest uses (anon: application, agent,
 * any backlog in RAM, as memory.ts counts it; plus its file working set), all of its RAM for a busy VM (a database's buffer pool
 * or a cache sized to its RAM), and at most what the guest has touched since it booted.
 * With migration.guestWatchdog (fc.qemu before 0.9.3: -watchdog i6300esb -watchdog-action
 * reset), a guest stalled for watchdogSeconds without a break has not pinged its watchdog and
 * QEMU resets it in place: it reboots, loses what it held in RAM, and keeps its allocated RAM
 * (a reset does not free guest memory) but touches only what it boots into. Returns the VMs
 * stalled in this step.
 */
function stalls(st: SimState, log: EventLog, h: number, used: number, capMiB: number, t: number, dt: number): number {
  const m = st.scenario.migration;
  const share = used > capMiB ? (used - capMiB) / used : 0;
  const bufInRam = st.bufferInRam === true,
    heldInRam = st.heldInRam === true;
  let stalled = 0,
    reset = 0,
    first = Infinity;
  for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
    if (st.alive[v] === 0) continue;
    const mem = st.sizeMemMiB[st.sizeOf[v]];
    // the guest's anon as the memory system counts it (computed here: st.anonMiB is a sampled view)
    const anon = st.baseAnonMiB[v] + ((bufInRam ? st.buf[v] : 0) + (heldInRam ? st.held[v] : 0)) * st.eventMiB;
    const uses = st.busyVm[v] ? mem : Math.min(mem, anon + st.wsMiB[v]);
    const hot = uses < st.touchedMiB[v] ? uses : st.touchedMiB[v];
    if (share * st.allocMiB[v] <= st.allocMiB[v] - hot) {
      st.stallS[v] = 0;
      continue;
    }
    st.hungEver[v] = 1;
    stalled++;
    const before = st.stallS[v];
    st.stallS[v] = before + dt;
    if (m.guestWatchdog && st.stallS[v] >= m.watchdogSeconds) {
      const at = t + Math.max(0, m.watchdogSeconds - before);
      if (at < first) first = at;
      endVm(st, v, END_OOM_REBOOT);
      st.touchedMiB[v] = 0;
      st.stallS[v] = 0;
      st.watchdogResets++;
      reset++;
    }
  }
  if (reset > 0) {
    if (st.firstRebootT < 0 || first < st.firstRebootT) st.firstRebootT = first;
    log.add(
      'vm-reboots',
      first,
      'vm',
      'critical',
      'VM reboots',
      `${reset} VM${reset > 1 ? 's' : ''} stalled ${m.watchdogSeconds} s on swapped-out working set: the guest could not ping its i6300esb watchdog and QEMU reset it (-watchdog-action reset).`,
      h,
      st.logSwap[h],
    );
  }
  return stalled;
}
