// Guided lessons: static data, rendered as text (never as HTML). Each lesson opens a preset; each
// step says what to look at and may suggest one parameter value ("Try it" applies it through the
// param panel's edit path). A step sets up its own state: opening step N loads the preset plus the
// values of the earlier steps that carry on (`keep`, the default; a counterfactual says
// `keep: false`), so nobody has to set anything back by hand (see steps.ts).
// Every claim was checked with `npm run -s sim -- --scenario NAME --set path=value` (seed 1), and
// the numbers in `expect` are checked against the model by tests/unit/ui/lessons.test.ts: when the
// model changes, re-check the text beside them.

import { PARAM_BY_PATH, presetNames } from '../../scenario/index.ts';

/** Summary figures a step's text claims (see CLAIMS in steps.ts); 'some' means more than zero. */
export type ClaimKey =
  | 'panicked'
  | 'crashed'
  | 'threadCrashes'
  | 'rebooted'
  | 'unresponsive'
  | 'thrashed'
  | 'dropped'
  | 'lost'
  | 'migrationsFailed';

/** What a step talks about, highlighted while it is open. */
export interface LessonFocus {
  /** a chart id (charts/specs.ts CHARTS) */
  chart?: string;
  /** a parameter path (its control) */
  param?: string;
  /** a part of the page */
  part?: 'verdict' | 'fleet' | 'sweep' | 'log';
}

export interface LessonStep {
  text: string;
  /** a parameter path and the value to try (optional) */
  param?: string;
  value?: number | string | boolean;
  /** false: a counterfactual for this step only, later steps start without it (default true) */
  keep?: boolean;
  /** what to look for on the page after this step */
  look: string;
  /** what to highlight while the step is open (default: the step's parameter) */
  show?: LessonFocus;
  /** the figures `look` claims, with the step's value applied (checked by a unit test) */
  expect?: Partial<Record<ClaimKey, number | 'some'>>;
}

export interface Lesson {
  /** kebab-case; used in links as lesson=<id> */
  id: string;
  title: string;
  preset: string;
  summary: string;
  steps: LessonStep[];
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'the-outage',
    title: 'The outage: how a messaging outage panics hypervisors',
    preset: 'workshop-outage',
    summary:
      'Messaging is down for two hours; nothing crashes at first, then 5 of 12 hypervisors panic. Follow the chain.',
    steps: [
      {
        text: "Messaging goes down at 10:10. Telemetry agents cannot deliver; their 500-event buffers fill within seconds and are set to block, so the backlog piles up in the application's heap.",
        look: 'In the charts, the backlog in RAM climbs from 10:10. The event log says "Agent buffers full … set to block".',
        show: { chart: 'backlog' },
        expect: { panicked: 5 },
      },
      {
        text: 'Pico VMs have 256 MiB. As the backlog grows, the page cache shrinks below the working set and the VMs re-read their own program from disk: they thrash (the first at 10:14; VMs differ in memory, working set and log rate, so they start one by one).',
        look: 'Thrashing VMs and disk reads rise together; the fleet map turns orange.',
        show: { chart: 'pressure' },
        expect: { thrashed: 'some' },
      },
      {
        text: 'Every thrashing VM reads from the same hypervisor disk. From 11:15 the busiest host disks saturate (reads ask more than the 1.7 to 2.3 GB/s each can serve) and requests queue for tens of seconds; tasks waiting on the journal commit sit in D state.',
        look: 'The D-state chart crosses the 120 s hung-task timeout on a few hosts only: hosts differ in disks and in how many small VMs they run.',
        show: { chart: 'dstate' },
      },
      {
        text: 'khungtaskd finds a task blocked over 120 s and, with hung_task_panic on, panics the host at 11:22: its VMs die and the events they held are lost.',
        look: 'The verdict: 5 of 12 hypervisors panicked, first at 11:22:41, with the cause chain.',
        show: { part: 'verdict' },
        expect: { panicked: 5 },
      },
      {
        text: 'Now let the agents drop new events when their buffer is full instead of blocking.',
        param: 'telemetry.buffer.whenFull',
        value: 'drop_newest',
        look: '0 of 12 hypervisors panicked: about half the events are dropped, but no VM runs short of memory and nothing is lost to a panic.',
        expect: { panicked: 0, lost: 0, dropped: 'some' },
      },
    ],
  },
  {
    id: 'where-backpressure-lands',
    title: 'Where backpressure lands: the log source decides',
    preset: 'workshop-outage',
    summary:
      'A blocking agent pushes the backlog back to where logs come from. Whether that is RAM or disk decides the outcome.',
    steps: [
      {
        text: "With telemetry.source = socket, an application writes to the agent directly: when the agent blocks, the backlog stays in the application's heap, in the VM's RAM.",
        param: 'telemetry.source',
        value: 'socket',
        look: '5 of 12 hypervisors panicked; the backlog-in-RAM chart climbs for two hours.',
        show: { chart: 'backlog' },
        expect: { panicked: 5 },
      },
      {
        text: "Applications write to a log file instead: the backlog waits on the VM's disk, not in RAM.",
        param: 'telemetry.source',
        value: 'file',
        look: '0 of 12 panicked and nothing is dropped or lost: every event is delivered after the outage.',
        expect: { panicked: 0, dropped: 0, lost: 0 },
      },
      {
        text: 'A persistent journald keeps logs on disk too.',
        param: 'telemetry.source',
        value: 'journald-persistent',
        look: '0 of 12 panicked, every event delivered.',
        expect: { panicked: 0, dropped: 0, lost: 0 },
      },
      {
        text: 'A volatile journald keeps logs in tmpfs, capped at a share of RAM (2% here): the cap protects the VM, and journald drops what does not fit.',
        param: 'telemetry.source',
        value: 'journald-volatile',
        look: '0 of 12 panicked, but a large share of events is dropped.',
        expect: { panicked: 0, dropped: 'some' },
      },
    ],
  },
  {
    id: 'small-vms',
    title: 'Small VMs: how much memory would have been enough?',
    preset: 'workshop-outage',
    summary: 'The pico VMs (256 MiB) are the ones that thrash. Give them more memory and watch the chain break.',
    steps: [
      {
        text: 'At 256 MiB, a pico VM has about 60 MiB of working set and little room for a backlog.',
        param: 'vmSizes.pico.memoryMiB',
        value: 256,
        look: '5 of 12 panicked; 380 VMs crashed.',
        expect: { panicked: 5, crashed: 380 },
      },
      {
        text: 'Give pico VMs 288 MiB. Fewer thrash, and fewer disks stay saturated long enough for a hung task.',
        param: 'vmSizes.pico.memoryMiB',
        value: 288,
        look: '2 of 12 panicked (1 from 320 MiB): each step of memory saves hosts.',
        expect: { panicked: 2, thrashed: 'some' },
      },
      {
        text: 'At 384 MiB far fewer VMs thrash, but one host still panics: there the VMs that thrash first are nano VMs that log far more than the rest. Memory for one size does not cover every VM.',
        param: 'vmSizes.pico.memoryMiB',
        value: 384,
        look: '1 of 12 panicked; the chain now starts with nano VMs.',
        expect: { panicked: 1 },
      },
      {
        text: 'Find the edge yourself: in the parameter sweep, pick "vmSizes.pico.memoryMiB" from 256 to 384 and run it. The highlighted rows are the sizes that would have saved the fleet.',
        look: 'The sweep table: 5, 2, 1, 1, 1 hosts panic from 256 to 384 MiB: a graded answer, and no size alone saves every host.',
        show: { part: 'sweep' },
      },
    ],
  },
  {
    id: '2024-replay',
    title: 'Replay: Clever Cloud, 2 August 2024',
    preset: 'clevercloud-2024-08-02',
    summary:
      'A broker upgrade takes messaging down for hours; monitoring and customers flood the orchestrator with redeploys. Try the counterfactuals.',
    steps: [
      {
        text: 'At 10:06 a rolling upgrade moves the Pulsar brokers to 3.3.1 with the extensible load manager. It fails silently: every lookup waits for an owner, and messaging stays down through the rollback until all brokers are stopped and one is started alone at 12:22.',
        look: 'The messaging chart: loaded topics fall to zero and pending lookups pile up; the verdict chain starts with "rolling upgrade → load manager fails silently".',
        show: { chart: 'topics' },
      },
      {
        text: 'The proxies are stopped at 11:36 and only started again at 12:54. Agents hold their logs in RAM meanwhile, only because the socket source of the preset lets the logger of each application keep what the agent cannot take in its heap, without bound (the last step tries a bounded one); pico VMs thrash, monitoring calls them unreachable, and from 12:31, when the fallback bus runs, the orchestrator redeploys them over it. Each redeploy reads an image and a cold page cache on its target; its old copy stops only once the new one has booted, and not at all on a host whose disk is saturated.',
        look: 'The event log: "redeploy storm"; the control-plane charts: the deployment queue; the proxies restart at 12:54.',
        show: { part: 'log' },
      },
      {
        text: "After the brokers are back the orchestrator's redeploys pull images onto hosts whose disks the thrashing VMs' reads fill; the journal must write those images before it commits, and under the preset's storage assumption (writes keep 0.1% of a read-saturated disk) a commit waits past two minutes: a hypervisor panics (the seed: five hosts rebooted from 12:47). Seeds 1 to 8 panic 0 to 2 of 60, the first between 12:37 and 12:56 on six of eight, never before the brokers are back.",
        look: 'The verdict: 2 of 60 hypervisors panicked, first at 12:41:30; on one the orchestrator\'s redeploys did (seed 002: five hosts rebooted 12:47 to 12:51; docs/MODEL.md, "The 2024 storage assumption").',
        show: { part: 'verdict' },
        expect: { panicked: 2 },
      },
      {
        text: 'Counterfactual: the fixed broker release 3.3.2.',
        param: 'messaging.brokerVersion',
        value: '3.3.2',
        look: 'Messaging never goes down: 0 of 60 panicked, nothing lost.',
        keep: false,
        expect: { panicked: 0, lost: 0 },
      },
      {
        text: 'Counterfactual: keep 3.3.1 but stay on the modular load manager.',
        param: 'messaging.loadManager',
        value: 'modular',
        look: '0 of 60 panicked.',
        keep: false,
        expect: { panicked: 0 },
      },
      {
        text: 'Eviction damping (the Kubernetes node-lifecycle rule): when most hosts of a zone are unhealthy, redeploy unreachable VMs there only slowly. Two effects of the redeploys pull apart: each one moves a thrashing VM off its host (relief, as the SREs found when they redeployed small VMs by hand), and each one reads an image and a cold page cache on its target (cost).',
        param: 'controlPlane.evictionDamping',
        value: true,
        look: '1 of 60 panicked instead of 2, with about a quarter fewer deployments (2,256 instead of 2,936): fewer image pulls land on the hosts whose disks the reads fill. Compare with the original in the run history; set it back before the next step.',
        keep: false,
        expect: { panicked: 1 },
      },
      {
        text: "Counterfactual: no control plane at all (nothing is ever redeployed). The verdict named monitoring's redeploys as a cause; here is what removing them all does.",
        param: 'controlPlane.enabled',
        value: false,
        look: '0 of 60 panicked: without redeploys no image is written onto a read-saturated disk, so no journal commit stalls; but nothing ends the thrash either (no VM is redeployed, the operators cannot stop the noisy ones).',
        keep: false,
        expect: { panicked: 0 },
      },
      {
        text: "Counterfactual: a bounded logger. The whole chain needs the socket source's unbounded heap; let the agents drop the newest events when their 500-event buffer is full instead of blocking (a disk buffer, a log file or a journald source bound it too).",
        param: 'telemetry.buffer.whenFull',
        value: 'drop_newest',
        look: '0 of 60 panicked and no VM thrashes: the agents drop about a billion events instead, and the verdict says the buffers are bounded.',
        show: { part: 'verdict' },
        keep: false,
        expect: { panicked: 0, dropped: 'some', thrashed: 0 },
      },
    ],
  },
  {
    id: 'thread-exhaustion-2022',
    title: 'Thread exhaustion: Clever Cloud, April 2022',
    preset: 'clevercloud-2022-04',
    summary:
      "No host panics, yet 236 VMs crash before the operators revert the update: the agent's service runs into the cgroup pids limit.",
    steps: [
      {
        text: 'Each notification starts an agent process that opens a connection through a proxy; the proxy leaks 1.5% of closes, and the pooler (3,000 connections) fills. New connections hang until a timeout, so agent processes pile up.',
        look: 'The tasks charts: pooler connections reach the maximum, blocked agent processes climb.',
        show: { chart: 'pool' },
      },
      {
        text: "Agent processes and QEMU threads share the service's pids limit (4,915). At the limit, forks fail and a QEMU that needs a new thread aborts: its VM crashes.",
        look: 'The verdict: 237 VMs crashed on 10 of 40 hypervisors, the first at 03:00. At 03:45 the operators revert the update, as the seed did ("fine" at 04:07): no new process forks, and the aborts stop.',
        show: { part: 'verdict' },
        expect: { threadCrashes: 236 },
      },
      {
        text: 'The fix Clever Cloud shipped: one long-lived driver per hypervisor instead of a process per notification.',
        param: 'hvAgent.mode',
        value: 'single-driver',
        look: '0 VMs crashed; tasks peak around 480 of 4,915.',
        keep: false,
        expect: { crashed: 0 },
      },
      {
        text: 'The other fix: a proxy that does not leak connections.',
        param: 'proxy.leakPercent',
        value: 0,
        look: '0 VMs crashed; the pooler never fills.',
        expect: { crashed: 0 },
      },
    ],
  },
  {
    id: 'maintenance-storm-2017',
    title: 'Maintenance storm: Flying Circus, 2 August 2017',
    preset: 'flyingcircus-2017-08-02',
    summary: 'A maintenance on every host, many evacuating at once, and an admission check that double-books memory.',
    steps: [
      {
        text: "Every host evacuates its VMs by live migration over 1 GbE, and the next hosts start before the previous are done. Targets admit VMs on an unlocked free-memory check, so memory is double-booked; as pages arrive, targets overcommit and swap. The VMs whose working set the swap-out reaches (busy databases and caches first) stall, and fc.qemu's guest watchdog of 2017 resets them; past the swap, the OOM killer reboots VMs too.",
        look: 'The verdict: 42 VMs rebooted (336 times: a VM the watchdog resets again each time it stalls counts once) and 42 VMs unresponsive, the first reboot at 09:03; no migration failed. At 09:22 the operators stop the automation, as the seed did: the reboots end within minutes and the rest is done by hand, one host at a time (15 of 24 hosts by the end of the run). Other seeds: 28 to 44 VMs rebooted; left to itself the automation reboots 53 to 86 of 1,296 and maintains all 24.',
        show: { part: 'verdict' },
        expect: { rebooted: 42, unresponsive: 42, migrationsFailed: 0 },
      },
      {
        text: 'The seatbelt: at most one host in maintenance at a time.',
        param: 'maintenance.maxConcurrentHosts',
        value: 1,
        look: "No reboots and no failed migration, but only 9 of 24 hosts maintained within the run: one host at a time is safe and slow (the seed's operators finished by hand over the day).",
        keep: false,
        expect: { rebooted: 0, unresponsive: 0, migrationsFailed: 0 },
      },
      {
        text: 'Or lock admission so a target counts what is already booked for incoming migrations.',
        param: 'migration.admissionLock',
        value: true,
        look: 'No reboots, no unresponsive VMs and no failed migration: a target that counts what is booked never overcommits (14 of 24 hosts maintained by the end of the run, the operators going on by hand from 09:22).',
        expect: { rebooted: 0, unresponsive: 0, migrationsFailed: 0 },
      },
    ],
  },
];

export const LESSON_BY_ID: ReadonlyMap<string, Lesson> = new Map(LESSONS.map((l) => [l.id, l]));
export const LESSON_IDS: readonly string[] = LESSONS.map((l) => l.id);

/** Problems in the data: unknown presets or parameter paths, bad ids (checked by a unit test). */
export function lessonProblems(lessons: readonly Lesson[] = LESSONS): string[] {
  const out: string[] = [];
  const presets = new Set(presetNames());
  for (const l of lessons) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(l.id)) out.push(`${l.id}: id is not kebab-case`);
    if (!presets.has(l.preset)) out.push(`${l.id}: unknown preset ${l.preset}`);
    for (const s of l.steps)
      if (s.param !== undefined && (!PARAM_BY_PATH.has(s.param) || s.value === undefined))
        out.push(`${l.id}: bad step param ${s.param}`);
  }
  return out;
}
