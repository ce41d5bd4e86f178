// Pre-copy live migration, exact in seconds within a step (system.ts runs it): QEMU sends the
// guest's RAM at the migration's bandwidth while the guest dirties it, each pass ends at a bitmap
// sync where auto-converge may throttle the guest, and the migration switches over once what is
// left fits the downtime limit, or is cancelled at the timeout.

import type { SimState } from '../../sim-state.ts';
import { MIBPS_PER_GBPS } from '../../units.ts';
import { THROTTLE_INITIAL, THROTTLE_MAX, THROTTLE_STEP, THROTTLE_TRIGGER } from '../../settings.ts';

/** Pre-copy in closed form: seconds to migrate `ramMiB` at `bwMiBps` with dirty rate `dirtyMiBps` (Infinity if it never converges). */
export function precopySeconds(ramMiB: number, bwMiBps: number, dirtyMiBps: number, downtimeMs: number): number {
  if (dirtyMiBps >= bwMiBps) return Infinity;
  return Math.max(0, ramMiB - bwMiBps * (downtimeMs / 1000)) / (bwMiBps - dirtyMiBps);
}

/** What precopy() ended with: still copying, switched over, timed out (when: the record's migEndAt). */
export const GOING = 0,
  SWITCHED = 1,
  TIMED_OUT = 2;

/**
 * Pre-copy of migration r over [from, to] (s), exact in seconds: pages arrive and QEMU allocates
 * them on the target, the remainder shrinks at B - D, a pass ends (a bitmap sync: auto-converge
 * may throttle) the moment it has sent its target, and the migration switches over the moment what
 * is left fits the downtime limit, or is cancelled at the moment it reaches the timeout. The
 * bandwidth share is the one at `from` (the counts on both links). Returns GOING, SWITCHED or
 * TIMED_OUT; an ended migration's second is its record's migEndAt.
 */
export function precopy(st: SimState, r: number, from: number, to: number): number {
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
      st.migEndAt[r] = now;
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
    st.migEndAt[r] = deadline;
    return TIMED_OUT;
  }
  return GOING;
}
