// Whether deployments caused a host's disk saturation, for the verdict (orchestrator.ts calls it
// once per host per step, after the deployment reads are added to the host's demand).

import type { EventLog } from '../../observers/eventlog.ts';
import type { SimState } from '../../sim-state.ts';
import { QUEUE_BLOCK_SECONDS, QUEUE_MAX_SECONDS } from '../../settings.ts';
import { DEPLOY_KINDS } from './deploy-kinds.ts';
import { closedLoopIo } from '../disk/closed-loop.ts';

/**
 * The verdict's link from deployments to a saturated disk, by a but-for test: beside the real
 * queue, each host keeps the queue it would have without deployment reads (same refaults, writes
 * and mean background). Deployments are named as a cause of the saturation only when the real
 * queue blocks while the one without them would not.
 */
export function deployButFor(st: SimState, log: EventLog, h: number, deployBytes: number, monBytes: number): void {
  if (st.scenario.hypervisor.diskModel === 'closed-loop') return closedLoopButFor(st, log, h, deployBytes, monBytes);
  const cp = st.cp,
    hv = st.scenario.hypervisor,
    dt = st.dt;
  // as the disk system: this host's own disk speed (its spread) and its VMs' own background reads
  const f = st.hostDiskFactor[h];
  const readBps = hv.diskReadMBps * 1e6 * f,
    base = st.perHost > 0 ? (hv.baseReadMBps * 1e6 * dt * st.hostLive[h]) / st.perHost : 0;
  const writeWork = st.writeDemandBytes[h] / (hv.diskWriteMBps * 1e6 * f);
  const real = st.diskQueueSeconds[h] + (st.readDemandBytes[h] + base) / readBps + writeWork - dt;
  let shadow = cp.shadowQueue[h] + (st.readDemandBytes[h] - deployBytes + base) / readBps + writeWork - dt;
  shadow = shadow < 0 ? 0 : shadow > QUEUE_MAX_SECONDS ? QUEUE_MAX_SECONDS : shadow;
  cp.shadowQueue[h] = shadow;
  let shadowMon = cp.shadowMonQueue[h] + (st.readDemandBytes[h] - monBytes + base) / readBps + writeWork - dt;
  shadowMon = shadowMon < 0 ? 0 : shadowMon > QUEUE_MAX_SECONDS ? QUEUE_MAX_SECONDS : shadowMon;
  cp.shadowMonQueue[h] = shadowMon;
  if (deployBytes <= 0 || log.deploy[h] >= 0 || real <= QUEUE_BLOCK_SECONDS) return;
  if (st.blockedSince[h] >= 0) return; // saturated already: the deployments did not start this episode
  const cause = log.thrash[h] >= 0 ? log.thrash[h] : cp.stormEvent;
  if (monBytes > 0 && shadowMon <= QUEUE_BLOCK_SECONDS) {
    // monitoring's own actions alone made the difference (the same but-for test, without them)
    log.deploy[h] = log.add(
      'monitoring-redeploys-saturate-a-thrashing-host',
      st.t,
      'controlPlane',
      'warning',
      "monitoring's redeploys saturate the disk",
      `Monitoring's unreachable and upscale actions deploy onto this host, reading images and cold page caches: without them its disk queue would stay under ${QUEUE_BLOCK_SECONDS} s${cp.stormEvent >= 0 ? ' (a redeploy storm is under way)' : ''}.`,
      h,
      cause,
    );
    if (log.thrash[h] >= 0) log.thrash[h] = log.deploy[h];
    else cp.deployLinkAt[h] = st.t; // no thrash: the disk's saturation this step names this link (disk/system.ts)
    return;
  }
  if (shadow > QUEUE_BLOCK_SECONDS) return;
  log.deploy[h] = log.add(
    'redeploys-saturate-a-thrashing-host',
    st.t,
    'controlPlane',
    'warning',
    'redeploys saturate a thrashing host',
    `The orchestrator's ${DEPLOY_KINDS[cp.lastKind[h]]} deployments onto this host read images and cold page caches: without them its disk queue would stay under ${QUEUE_BLOCK_SECONDS} s${cp.stormEvent >= 0 ? ' (a redeploy storm is under way)' : ''}.`,
    h,
    log.thrash[h] >= 0 ? log.thrash[h] : cp.stormEvent,
  );
  if (log.thrash[h] >= 0) log.thrash[h] = log.deploy[h];
}

/**
 * The closed-loop disk's but-for test: a host's journal stalls when its buffered writes (the
 * ordered data of its commits) outrun the write bandwidth its reads leave (last step's figure),
 * so each commit carries more than the one before. Deployments are named as the cause when the
 * writes outrun it and would not without their image pulls (or without monitoring's share alone).
 */
function closedLoopButFor(st: SimState, log: EventLog, h: number, deployBytes: number, monBytes: number): void {
  const io = closedLoopIo(st);
  // unlike the queue model, a host already past the saturation mark (a journal wait over 1 s) can
  // still be tipped: that mark is far below a hung task, and what grows the commits is the writes
  if (!io || deployBytes <= 0 || log.deploy[h] >= 0) return;
  const cp = st.cp,
    dt = st.dt,
    left = io.ioWriteBps[h],
    w = st.writeDemandBytes[h] / dt;
  if (left <= 0 || w <= left) return;
  const mon = monBytes > 0 && w - monBytes / dt <= left;
  if (!mon && w - deployBytes / dt > left) return;
  const storm = cp.stormEvent >= 0 ? ' (a redeploy storm is under way)' : '';
  const leftMBps = (left / 1e6).toFixed(1);
  log.deploy[h] = mon
    ? log.add(
        'monitoring-redeploys-saturate-a-thrashing-host',
        st.t,
        'controlPlane',
        'warning',
        "monitoring's redeploys saturate the disk",
        `Monitoring's unreachable and upscale actions deploy onto this host: their image pulls are the journal's ordered data, and the reads leave writes ${leftMBps} MB/s; without them its commits would keep up${storm}.`,
        h,
        log.thrash[h] >= 0 ? log.thrash[h] : cp.stormEvent,
      )
    : log.add(
        'redeploys-saturate-a-thrashing-host',
        st.t,
        'controlPlane',
        'warning',
        'redeploys saturate a thrashing host',
        `The orchestrator's ${DEPLOY_KINDS[cp.lastKind[h]]} deployments pull images onto this host: their writes are the journal's ordered data, and the reads leave writes ${leftMBps} MB/s; without them its commits would keep up${storm}.`,
        h,
        log.thrash[h] >= 0 ? log.thrash[h] : cp.stormEvent,
      );
  if (st.blockedSince[h] >= 0)
    log.disk[h] = log.deploy[h]; // the saturation under way: its hung tasks name the link
  else if (log.thrash[h] >= 0) log.thrash[h] = log.deploy[h];
  else cp.deployLinkAt[h] = st.t;
}
