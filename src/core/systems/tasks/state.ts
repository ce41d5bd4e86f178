// The tasks system's part of the state (system.ts): the pids limit, the rings of agent processes
// waiting for and holding connections, each host's notification rate and tasks, the pooler's
// connections and the run's counters and log episodes.

import type { Scenario } from '../../../scenario/index.ts';
import { keyedFloat } from '../../rng.ts';
import { KEYED } from '../../streams.ts';
import { defaultTasksMax, ringOf } from './limits.ts';

export type TasksState = ReturnType<typeof createTasksState>;

export function createTasksState(s: Scenario, hosts: number, dt: number) {
  const a = s.hvAgent;
  const wait = ringOf(a.connectTimeoutSeconds, dt),
    hold = ringOf(a.processSeconds, dt);
  const waitSlots = wait.slots,
    holdSlots = hold.slots;
  const notifPerStep = new Float64Array(hosts);
  const notifCarry = new Float64Array(hosts);
  for (let h = 0; h < hosts; h++) {
    // hosts differ by a uniform draw keyed by (seed, host) (no draw from the one Rng, so the
    // rest of the run does not move): which hosts are busy changes with the seed
    const u = keyedFloat(s.seed, h, KEYED.hostNotificationRate.index);
    notifPerStep[h] = a.notificationsPerSecond * (1 + a.notificationSpread * (2 * u - 1)) * dt;
    notifCarry[h] = keyedFloat(s.seed, h, KEYED.hostNotificationPhase.index);
  }
  return {
    tasksLimit: defaultTasksMax(s.tasks.pidMax, s.hypervisor.memoryGiB, s.tasks.defaultTasksMaxPercent),
    waitSlots,
    holdSlots,
    waitK: wait.k,
    waitF: wait.f,
    holdK: hold.k,
    holdF: hold.f,
    notifPerStep,
    notifCarry,
    /** processes waiting for a connection, by the step they give up (ring of waitSlots per host; ringOf) */
    waitRing: new Float64Array(hosts * waitSlots),
    /** processes holding a connection, by the step they close it (ring of holdSlots per host; ringOf) */
    holdRing: new Float64Array(hosts * holdSlots),
    agentWaiting: new Float64Array(hosts),
    agentHolding: new Float64Array(hosts),
    driverConnected: new Uint8Array(hosts),
    /** 1: the operators reverted the agent update: no process forks per notification (operator/actions.ts) */
    agentReverted: 0,
    hostTasks: new Float64Array(hosts),
    poolActive: 0,
    /** connections the pooler can still open this step (set at its start, taken by the hosts in turn) */
    poolFree: 0,
    poolLeaked: 0,
    /** connections opened and closed within the last step (holds shorter than a step): they leak at the next */
    briefCloses: 0,
    leakCarry: 0,
    notificationsLost: 0,
    forksRejected: 0,
    threadExhaustionCrashes: 0,
    /** event-log ids opening each episode (-1: none) */
    logLeak: -1,
    logPoolFull: -1,
    logPile: new Int32Array(hosts).fill(-1),
    logLimit: new Int32Array(hosts).fill(-1),
    logFork: new Int32Array(hosts).fill(-1),
    firstThreadCrashT: -1,
    hostsWithThreadCrashes: new Uint8Array(hosts),
  };
}

export const TASKS_DOUBLES = ['poolActive', 'poolFree', 'briefCloses', 'leakCarry', 'notificationsLost'] as const;
