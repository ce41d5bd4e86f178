// The per-slot figures fixed by a VM's size and its own draws: set when the run starts, and again
// when a slot gets a new VM (a deployment). A VM's own figures (application RSS, working set, log
// rate) are keyed by (seed, VM id) through stateless draws (rng.ts), so a redeployed copy of a VM
// keeps them and nothing is allocated in the step loop.

import { VM_SIZES, type Scenario } from '../../scenario/index.ts';
import { expApprox, keyedNormal, lognormalMean } from '../rng.ts';
import { MiB } from '../units.ts';
import { JOURNAL_PERSISTENT_MAX_MIB, SPREAD_FIT_SHARE } from '../settings.ts';
import { KEYED } from '../streams.ts';
import { HOT_BASE_ANON, HOT_LIMIT, HOT_WS, VM_HOT, type VmHot } from './hot.ts';

export interface VmStatics {
  sizeOf: Uint8Array;
  vcpus: Uint8Array;
  limitMiB: Float64Array;
  appRssMiB: Float64Array;
  baseAnonMiB: Float64Array;
  wsMiB: Float64Array;
  invWsMiB: Float64Array;
  journalCap: Float64Array;
  /** the VM pass's copies of limit, base anon and working set (hot.ts) */
  vmHot: VmHot;
}

/**
 * Log events per second of VM `id`: the mean rate times a lognormal multiplier of mean 1
 * (telemetry.rateSpread is its sigma), fixed by the seed and the VM's id.
 */
export function vmLogRate(s: Scenario, id: number): number {
  const sigma = s.telemetry.rateSpread;
  if (sigma <= 0) return s.telemetry.eventsPerSecond;
  return (
    (s.telemetry.eventsPerSecond * expApprox(sigma * keyedNormal(s.seed, id, KEYED.vmLogRate.index))) /
    lognormalMean(sigma)
  );
}

/**
 * Gives slot v the fixed figures of VM `id` of size VM_SIZES[si]: the size's RAM and vCPUs, and
 * the VM's own application RSS and working set (the size's figures times lognormal multipliers
 * fixed by the seed and the id, so a redeployed VM keeps them). Spread figures are capped so
 * application, agent and working set fit in 95% of the RAM at rest (a customer whose app does not
 * fit in a size picks a larger one).
 */
export function setVmSize(a: VmStatics, s: Scenario, v: number, si: number, id: number): void {
  const spec = s.vmSizes[VM_SIZES[si]];
  // min_free_kbytes = sqrt(16 * lowmem_kbytes) (mm/page_alloc.c): the reserve the guest keeps free
  const minWmMiB = Math.sqrt(16 * spec.memoryMiB * 1024) / 1024;
  const limit = spec.memoryMiB - minWmMiB;
  const f = s.fleet;
  const room = SPREAD_FIT_SHARE * limit - s.telemetry.agentRssMiB; // what application and working set may use at rest
  let ws = spec.workingSetMiB;
  if (f.workingSetSpread > 0 && ws > 0) {
    ws *= expApprox(f.workingSetSpread * keyedNormal(s.seed, id, KEYED.vmWorkingSet.index));
    const cap = Math.max(spec.workingSetMiB, room - spec.appRssMiB);
    if (ws > cap) ws = cap;
  }
  let rss = spec.appRssMiB;
  if (f.rssSpread > 0) {
    rss *= expApprox(f.rssSpread * keyedNormal(s.seed, id, KEYED.vmAppRss.index));
    const cap = Math.max(0, room - ws);
    if (rss > cap) rss = cap;
  }
  a.sizeOf[v] = si;
  a.vcpus[v] = spec.vcpus;
  a.limitMiB[v] = limit;
  a.appRssMiB[v] = rss;
  a.baseAnonMiB[v] = rss + s.telemetry.agentRssMiB;
  a.wsMiB[v] = ws;
  a.invWsMiB[v] = ws > 0 ? 1 / ws : 0;
  const o = v * VM_HOT;
  a.vmHot[o + HOT_BASE_ANON] = a.baseAnonMiB[v];
  a.vmHot[o + HOT_LIMIT] = limit;
  a.vmHot[o + HOT_WS] = ws;
  // events the log source holds back before it discards the oldest (journald vacuums):
  // tmpfs journal up to its share of RAM; journald-persistent: SystemMaxUse caps at 4 GiB
  // (journald.conf(5)); socket and file: no cap
  const t = s.telemetry;
  a.journalCap[v] =
    t.source === 'journald-volatile'
      ? Math.floor((spec.memoryMiB * (t.journalRuntimeMaxUsePercentOfRam / 100)) / (t.eventBytes / MiB))
      : t.source === 'journald-persistent'
        ? Math.floor((JOURNAL_PERSISTENT_MAX_MIB * MiB) / t.eventBytes)
        : Infinity;
}
