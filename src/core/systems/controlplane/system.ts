// The control plane: monitoring, customers, the orchestrator and its scheduler.
//
// Monitoring checks every VM every check interval: a VM stalled on memory (PSI above the
// threshold) or a crashed VM fails its check; after N failures in a row it is declared
// unreachable and redeployed elsewhere. Each zone's monitoring instance is a VM on the fleet
// running `monitorConcurrentChecks` checks at once: a healthy VM answers in HEALTHY_CHECK_SECONDS,
// an unresponsive one holds its checker for the check timeout, so the instance gets through
// concurrent / mean check time checks per second (Little's law), times its share of CPU (1/load
// past one task per core, none on a dead host). The VMs it cannot reach within the interval (the
// tail of its fixed check order) have late data: a failed check with lateDataIsFailure (seed
// 002), no data otherwise. Autoscaled VMs on hosts with a high load average or CPU
// steal are upscaled (one more VM), at most once per cooldown. Customers redeploy VMs that look
// down, and make baseline deployments on a quiet day.
//
// The orchestrator drains its deployment queue at a finite rate, scaled by the share of its own
// hosts that are up and not overloaded, and only while messaging carries its notifications (or
// the fallback bus is on). A deployment puts a VM in a free slot of a host chosen by the
// scheduler (spread or least-loaded, within memory), reads its image from that host's disk,
// boots with a cold page cache (its working set is read once) and burns CPU there. A redeploy
// stops the old copy only once the new one has booted (blue/green), and only when the old
// copy's host can carry the stop out: a QEMU whose I/O waits in the host's saturated disk queue
// (tasks in D state do not act on signals until their wait ends) cannot exit, so the old copy
// keeps running, unknown to the control plane, "in stopping state" (seed 002 14:08 and 18:53:
// zombie VMs, dangling VMs in stopping state). A redeploy off a saturated host is an added VM,
// not a moved one. A watchdog redeploys crashed VMs at once.
// Eviction damping (Kubernetes): in a zone where at least 55% of hosts are unhealthy, monitoring
// redeploys at 0.01 per second.
//
// Per step the cost is O(hosts); the per-VM monitoring pass runs once per check interval.

import type { EventLog } from '../../observers/eventlog.ts';
import type { SimState } from '../../sim-state.ts';
import { REDEPLOY_STORM_BASELINE_HOURS, REDEPLOY_STORM_MIN_QUEUE } from '../../settings.ts';
import { vmLost, vmMoved } from './queue.ts';
import { baselineDeployments, monitoringChecks, zoneHealth } from './monitoring.ts';
import { deploymentCosts, drainQueue, processStops } from './orchestrator.ts';

/** The control plane's view of the fleet at the start, and its hooks into the slot module (a crash, a move). */
export function initControlPlane(st: SimState): void {
  const cp = st.cp;
  for (let v = 0; v < st.vms; v++) if (st.alive[v]) cp.cpAlive[v] = 1;
  st.onVmLost = (v) => vmLost(st, v);
  st.onVmMoved = (from, to) => vmMoved(st, from, to);
}

/** One step of the control plane, phase by phase. */
export function controlPlaneSystem(st: SimState, log: EventLog): void {
  if (!st.cp.enabled) return;
  noticeHostsDown(st);
  zoneHealth(st);
  baselineDeployments(st);
  monitoringChecks(st);
  const notified = drainQueue(st);
  logQueue(st, log, notified);
  processStops(st);
  deploymentCosts(st, log);
}

/** Hosts that went down since the last step: their VMs are lost, their deployments' work with them. */
function noticeHostsDown(st: SimState): void {
  const cp = st.cp;
  for (let h = 0; h < st.hosts; h++) {
    if (st.up[h] === 0 && cp.hostWasUp[h] === 1) {
      for (let v = st.vmStart[h], end = st.vmStart[h + 1]; v < end; v++) if (cp.cpAlive[v]) vmLost(st, v);
      cp.deployWork[h] = 0;
      cp.deployReadLeft[h] = 0;
      cp.deployMonLeft[h] = 0;
    }
    cp.hostWasUp[h] = st.up[h];
  }
}

/** The log: the queue stops draining while messaging is down; a queue far above the baseline is a redeploy storm. */
function logQueue(st: SimState, log: EventLog, notified: boolean): void {
  const cp = st.cp,
    c = st.scenario.controlPlane,
    t = st.t;
  if (cp.qLen > 0 && !notified && cp.lastDrainOk) {
    log.add(
      'deployments-blocked',
      t,
      'controlPlane',
      'warning',
      'deployments blocked',
      'The orchestrator cannot send notifications while messaging is down: its deployment queue stops draining.',
      -1,
      log.outage,
    );
  }
  cp.lastDrainOk = notified ? 1 : 0;
  const stormQueue = Math.max(
    REDEPLOY_STORM_MIN_QUEUE,
    c.baselineDeploymentsPerVmHour * st.vmsReal * REDEPLOY_STORM_BASELINE_HOURS,
  );
  if (cp.stormEvent < 0 && cp.qLen >= stormQueue) {
    cp.stormEvent = log.add(
      'redeploy-storm',
      t,
      'controlPlane',
      'warning',
      'redeploy storm',
      `${cp.qLen} deployments queued (unreachable VMs, upscales, customers), against a baseline of ${(c.baselineDeploymentsPerVmHour * st.vmsReal).toFixed(0)} per hour.`,
      -1,
      log.outage >= 0 ? log.outage : log.pulsar,
    );
  }
}
