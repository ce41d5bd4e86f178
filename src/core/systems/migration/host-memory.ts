// A host's memory under maintenance and migration (system.ts runs it last): rebooted guests touch
// their RAM again; past its VM memory the host swaps and the VMs whose working set reclaim
// reaches stall (the guest watchdog may reset them); past swap too its OOM killer kills the
// largest QEMU (that VM reboots, or that incoming migration fails).

import type { SimState } from '../../sim-state.ts';
import type { EventLog } from '../../observers/eventlog.ts';
import { END_OOM_REBOOT, RESV_MIGRATION_IN, RESV_MIGRATION_OUT, endVm } from '../../fleet/slots.ts';
import { endMigration } from './records.ts';
import { REFILL_MIBPS } from '../../settings.ts';

/** Every host up, in turn: refill, swap, the OOM killer, stalls. */
export function hostMemory(st: SimState, log: EventLog): void {
  const capMiB = st.hostCapMiB,
    swapMiB = st.scenario.migration.hostSwapGiB * 1024;
  let unresponsive = 0;
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0) continue;
    const used = refill(st, h);
    st.hostUsedMiB[h] = used;
    if (used <= capMiB) {
      st.hostSwapping[h] = 0;
      st.logSwap[h] = -1;
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) st.stallS[v] = 0;
      continue;
    }
    if (!st.hostSwapping[h]) {
      st.hostSwapping[h] = 1;
      if (st.logSwap[h] < 0) logOvercommitted(st, log, h, used);
    }
    const rebooted = oomKill(st, h, used, capMiB + swapMiB);
    if (rebooted > 0) logOomReboots(st, log, h, rebooted);
    unresponsive += stalls(st, log, h, st.hostUsedMiB[h], capMiB, st.t, st.dt);
  }
  st.vmsUnresponsiveNow = unresponsive;
}

/** Host h's rebooted guests touch their RAM again; returns what QEMU has allocated on it (VMs and incoming migrations). */
function refill(st: SimState, h: number): number {
  const step = REFILL_MIBPS * st.dt;
  let used = 0;
  for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) {
    if (st.alive[v] === 0 && st.resv[v] !== RESV_MIGRATION_IN) continue;
    if (st.alive[v] !== 0) {
      const mem = st.sizeMemMiB[st.sizeOf[v]];
      if (st.allocMiB[v] < mem) st.allocMiB[v] = Math.min(mem, st.allocMiB[v] + step);
      if (st.touchedMiB[v] < mem) st.touchedMiB[v] = Math.min(mem, st.touchedMiB[v] + step);
    }
    used += st.allocMiB[v];
  }
  return used;
}

function logOvercommitted(st: SimState, log: EventLog, h: number, used: number): void {
  const capMiB = st.hostCapMiB;
  st.logSwap[h] = log.add(
    'host-overcommitted',
    st.t,
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

/**
 * Host h's OOM killer while QEMU's memory (`used`) exceeds VM memory and swap (`limit`): it kills
 * the largest QEMU, a resident VM (it reboots; a migration out of it fails) or an incoming
 * migration (it fails). Leaves what is left allocated in hostUsedMiB; returns the VMs rebooted.
 */
function oomKill(st: SimState, h: number, used: number, limit: number): number {
  let rebooted = 0;
  while (used > limit) {
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
  return rebooted;
}

function logOomReboots(st: SimState, log: EventLog, h: number, rebooted: number): void {
  const tEnd = st.t + st.dt;
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
 * any backlog in RAM, as the memory system counts it; plus its file working set), all of its RAM for a busy VM (a database's buffer pool
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
