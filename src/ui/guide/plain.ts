// The cause chain in plain words: each link of the core's chain (an event's `short`) as a sentence
// a newcomer can read, the glossary terms in it, and the chart that shows it (charts/specs.ts ids,
// checked by tests/unit/ui/guide.test.ts). Links the table does not know show the event's own text.

import { causeChain, isPanic, verdictDriver, type SimEvent } from '../../core/index.ts';
import { VM_SIZES } from '../../scenario/index.ts';

export interface PlainLink {
  /** the sentence, with [[glossary-id]] or [[glossary-id|words]] marks */
  text: string;
  /** the chart that shows this link */
  chart: string;
}

export const PLAIN: Readonly<Record<string, PlainLink>> = {
  'messaging outage': {
    text: 'The messaging service goes down: telemetry agents can no longer send the logs they collect.',
    chart: 'messaging',
  },
  'rolling upgrade': { text: 'The message brokers are upgraded one after the other.', chart: 'brokers' },
  'load manager fails silently': {
    text: 'The new load manager fails without saying so: no broker takes ownership of the topic [[bundle|bundles]], so every [[lookup]] waits.',
    chart: 'lookups',
  },
  'system topic stuck': {
    text: 'After the rollback a system topic is stuck: [[lookup|lookups]] keep failing.',
    chart: 'lookups',
  },
  'messaging down': {
    text: 'Clients cannot find their topics ([[lookup|lookups]] pile up): for them, messaging is down.',
    chart: 'topics',
  },
  'backlog held in RAM': {
    text: "The agents apply [[backpressure]]: logs they cannot send pile up in the applications' memory.",
    chart: 'backlog',
  },
  // the thrash link names the size of the first VM that thrashed (core systems/memory.ts): VMs
  // differ in memory, working set and log rate, so the first may be of any size
  ...Object.fromEntries(
    VM_SIZES.map((size) => [
      `${size} VMs thrash`,
      {
        text:
          size === 'pico'
            ? 'The smallest VMs run out of room for their [[page-cache|page cache]] and re-read their own programs from disk, over and over: memory [[psi|pressure (PSI)]] climbs.'
            : `${size} VMs (those that log most for their memory) run out of room for their [[page-cache|page cache]] and re-read their own programs from disk, over and over: memory [[psi|pressure (PSI)]] climbs.`,
        chart: 'pressure',
      },
    ]),
  ),
  'redeploys land on a thrashing host': {
    text: 'The orchestrator starts more VMs on hosts that already thrash: more disk reads on top.',
    chart: 'deployments',
  },
  "monitoring's redeploys saturate the disk": {
    text: "Monitoring's redeploys pull VM images onto a host whose disk the reads already fill: the filesystem [[d-state|journal]] must write them before it can commit, and its waiters stall.",
    chart: 'deployments',
  },
  'redeploys saturate a thrashing host': {
    text: 'Redeploys pull VM images onto a host whose disk the reads already fill: the filesystem journal must write them before it can commit, and its waiters stall in [[d-state|D state]].',
    chart: 'deployments',
  },
  'host disk saturated': {
    text: "The hypervisor's disk cannot serve all those reads: its tasks wait in [[d-state|D state]].",
    chart: 'disk',
  },
  'D state > 120 s': {
    text: 'A task stays in [[d-state|D state]] for more than two minutes, and [[khungtaskd]] notices.',
    chart: 'dstate',
  },
  hung_task_panic: {
    text: 'With hung_task_panic on, [[khungtaskd]] panics the whole hypervisor: every VM on it dies, with the logs it held.',
    chart: 'hosts',
  },
  'OOM kills': {
    text: 'Inside a VM the [[oom-killer|OOM killer]] kills the application: the logs it held are lost.',
    chart: 'vms',
  },
  'proxy leaks connections': { text: 'A proxy fails to close some of the connections agents close.', chart: 'pool' },
  'pooler full': {
    text: 'The connection pooler fills up with leaked connections: new connections hang.',
    chart: 'pool',
  },
  'agent processes pile up': {
    text: 'Agent processes wait on connections that hang, and pile up on every hypervisor.',
    chart: 'tasks',
  },
  'tasks at pids limit': {
    text: "Together with the VMs' threads they reach the service's [[pids-limit|pids limit]]: no new process or thread can start.",
    chart: 'tasks',
  },
  'QEMU abort': {
    text: 'A QEMU (the program that runs a VM) needs one more thread, cannot create it and aborts: its VM crashes.',
    chart: 'vms',
  },
  'maintenance scheduled': {
    text: 'Every host is scheduled for maintenance and must empty itself first.',
    chart: 'migrations',
  },
  'host evacuates': {
    text: 'A host moves its VMs away by [[live-migration|live migration]].',
    chart: 'migrations',
  },
  'memory double-booked': {
    text: 'A target host accepts VMs on a free-memory check that does not count the VMs already on their way: memory is promised twice.',
    chart: 'hostmem',
  },
  'host overcommitted': {
    text: 'As their memory arrives, the host has more VM memory than RAM: it swaps and its VMs stall.',
    chart: 'hostmem',
  },
  'VM reboots': {
    text: "The host's [[oom-killer|OOM killer]] kills QEMU processes: their VMs reboot.",
    chart: 'reboots',
  },
};

/** The first incident the verdict leads with: a panic, else a QEMU abort, else a VM reboot. */
export function leadIncident(events: readonly SimEvent[]): SimEvent | null {
  return (
    events.find(isPanic) ??
    events.find((e) => e.short === 'QEMU abort') ??
    events.find((e) => e.short === 'VM reboots') ??
    null
  );
}

export interface PlainStep {
  event: SimEvent;
  text: string;
  chart: string | null;
}

/**
 * The lead incident's cause chain, oldest cause first, in plain words. The thrash link agrees with
 * the verdict (core observers/verdict-chain.ts): the verdict names the VM size that made the largest
 * share of the panicked hosts' refault reads, the log's entry the first VM to thrash, which may be
 * of another size; then the link speaks of the verdict's size and says which thrashed first.
 */
export function plainChain(events: readonly SimEvent[], verdict = ''): PlainStep[] {
  const lead = leadIncident(events);
  if (!lead) return [];
  const driver = verdictDriver(verdict);
  return causeChain(events, lead.id).map((e) => {
    const first = e.code === 'vms-thrash' ? e.short.split(' ')[0] : null;
    if (driver && first && first !== driver) {
      const p = PLAIN[`${driver} VMs thrash`];
      const text = `${p.text} (The first VM to thrash was a ${first} VM; ${driver} VMs made the largest share of the panicked hosts' disk reads.)`;
      return { event: e, text, chart: p.chart };
    }
    const p = PLAIN[e.short];
    return { event: e, text: p?.text ?? e.what, chart: p?.chart ?? null };
  });
}
