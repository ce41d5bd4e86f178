// The recorder's part for hypervisor agents, the pids limit, maintenance and migration
// (issue 6): fills the series appended to SERIES. Read-only, like the recorder.

import type { SimState } from '../sim-state.ts';
import type { SeriesKey } from '../types.ts';

export function recordOps(x: Record<SeriesKey, Float32Array>, st: SimState, s: number): void {
  const H = st.hosts,
    limit = st.tasksLimit;
  let tMax = 0,
    tSum = 0,
    up = 0,
    atLimit = 0,
    blocked = 0;
  // the arrays read from the state once, not per host (each st.x in the loop is one more check per host)
  const { hostTasks, logLimit, agentWaiting } = st,
    isUp = st.up;
  for (let h = 0; h < H; h++) {
    if (isUp[h] === 0) continue;
    up++;
    const tasks = hostTasks[h];
    if (tasks > tMax) tMax = tasks;
    tSum += tasks;
    if (logLimit[h] >= 0) atLimit++;
    blocked += agentWaiting[h];
  }
  x.tasksMaxHost[s] = tMax;
  x.tasksMeanHost[s] = up > 0 ? tSum / up : 0;
  x.tasksLimit[s] = limit;
  x.hostsAtTasksLimit[s] = atLimit;
  x.agentProcessesBlocked[s] = blocked;
  x.poolConnections[s] = st.poolActive + st.poolLeaked;
  x.poolLeaked[s] = st.poolLeaked;
  x.poolMax[s] = st.scenario.proxy.poolMaxConnections;
  x.notificationsLost[s] = st.notificationsLost;
  x.threadExhaustionCrashes[s] = st.threadExhaustionCrashes;
  x.vmsRebooted[s] = st.vmsRebooted;
  if (!st.maintOn) return;
  const cap = st.hostCapMiB;
  let bMax = 0,
    uMax = 0,
    bSum = 0,
    uSum = 0,
    maint = 0,
    swapping = 0;
  for (let h = 0; h < H; h++) {
    if (st.up[h] === 0) continue;
    if (st.hostBookedMiB[h] > bMax) bMax = st.hostBookedMiB[h];
    if (st.hostUsedMiB[h] > uMax) uMax = st.hostUsedMiB[h];
    bSum += st.hostBookedMiB[h];
    uSum += st.hostUsedMiB[h];
    if (st.maintState[h] === 2 || st.maintState[h] === 3) maint++;
    swapping += st.hostSwapping[h];
  }
  x.migrationsInFlight[s] = st.migInFlight;
  x.migrationQueue[s] = st.migQueued;
  x.hostsInMaintenance[s] = maint;
  x.hostMemBookedMaxPct[s] = (100 * bMax) / cap;
  x.hostMemUsedMaxPct[s] = (100 * uMax) / cap;
  x.hostMemBookedGiB[s] = bSum / 1024;
  x.hostMemUsedGiB[s] = uSum / 1024;
  x.overcommittedHosts[s] = swapping;
  x.vmsUnresponsive[s] = st.vmsUnresponsiveNow;
  x.migrationsCompleted[s] = st.migCompleted;
  x.migrationsFailed[s] = st.migFailed;
}
