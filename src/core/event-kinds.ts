// Scheduler event kinds: one registry, ids grouped by the model that applies them, and named
// priorities. The scheduler orders events by (time, priority, sequence), so at equal times a
// scenario's own timeline (PRIO_TIMELINE) comes before what the models scheduled in reaction to
// it (PRIO_REACTION: broker restarts, host reboots). An event carries two integer arguments
// (arg, arg2) whose meaning the kind's comment gives; nothing is packed into one number.
//
// To add a kind: give it the next id of its model's block here, schedule it from the model,
// and handle it in the model's apply function (simulation.ts dispatches by MODEL_OF).

export const PRIO_TIMELINE = 0,
  PRIO_REACTION = 1;

export const EVENT_MODELS = ['messaging', 'host', 'pulsar', 'controlPlane', 'operator'] as const;
export type EventModel = (typeof EVENT_MODELS)[number];

export const EV = {
  // systems/messaging: a scripted outage (arg: index of the scenario event)
  outageStart: 1,
  outageEnd: 2,
  // systems/hosts/lifecycle.ts: after a panic (arg: host)
  hostRebooting: 3,
  hostUp: 4,
  // systems/pulsar (rolling.ts): broker restarts (arg: broker, arg2: the cluster's generation when scheduled)
  brokerStop: 40,
  brokerStartNew: 41,
  brokerStartOld: 42,
  // systems/pulsar (rolling.ts, operator.ts): the scenario's broker timeline (rolling kinds: arg = index of the scenario event)
  proxiesDown: 43,
  proxiesUp: 44,
  stopAllBrokers: 45,
  startOneBroker: 46,
  stallStart: 47,
  stallEnd: 48,
  shedLookups: 49,
  rollingUpgrade: 50,
  rollback: 51,
  startRestOfBrokers: 52,
  slowdownStart: 53, // arg: index of the scenario event (its capacityPercent)
  slowdownEnd: 54,
  // systems/controlplane/events.ts: operator actions on the control plane
  fallbackBus: 60,
  pauseMonitoring: 61,
  stopWatchdog: 62,
  // operator/actions.ts: the operators' recovery actions (issue 24; arg: index of the scenario event)
  revertChange: 70,
  stopAutomation: 71,
  drainHosts: 72,
  undrainHosts: 73,
  cleanZombieVms: 74,
  stopNoisyVm: 75, // one VM, then the next at the event's pace until its end
  dropMonitoringQueue: 76,
  resumeMonitoring: 77,
  addHosts: 78,
} as const;
export type EventKindId = (typeof EV)[keyof typeof EV];

const OWNERS: Record<EventModel, readonly EventKindId[]> = {
  messaging: [EV.outageStart, EV.outageEnd],
  host: [EV.hostRebooting, EV.hostUp],
  pulsar: [
    EV.brokerStop,
    EV.brokerStartNew,
    EV.brokerStartOld,
    EV.proxiesDown,
    EV.proxiesUp,
    EV.stopAllBrokers,
    EV.startOneBroker,
    EV.stallStart,
    EV.stallEnd,
    EV.shedLookups,
    EV.rollingUpgrade,
    EV.rollback,
    EV.startRestOfBrokers,
    EV.slowdownStart,
    EV.slowdownEnd,
  ],
  controlPlane: [EV.fallbackBus, EV.pauseMonitoring, EV.stopWatchdog],
  operator: [
    EV.revertChange,
    EV.stopAutomation,
    EV.drainHosts,
    EV.undrainHosts,
    EV.cleanZombieVms,
    EV.stopNoisyVm,
    EV.dropMonitoringQueue,
    EV.resumeMonitoring,
    EV.addHosts,
  ],
};

/** The model that applies each kind id (index into EVENT_MODELS; 255: no kind). */
export const MODEL_OF = new Uint8Array(256).fill(255);
EVENT_MODELS.forEach((model, i) => {
  for (const id of OWNERS[model]) MODEL_OF[id] = i;
});
