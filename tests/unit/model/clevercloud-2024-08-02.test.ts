// The 2024-08-02 replay: messaging times from seed 002, what each remediation changes, and a graded
// answer to a worse disk.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimResult } from '../../../src/core/index.ts';
import { CLEVERCLOUD_2024_08_02 } from '../../../src/scenario/index.ts';
import { scenarioWith } from '../helpers.ts';
import { fullRun, leanRun, panickedBy, summaryOf } from './runs.ts';

const P = 'clevercloud-2024-08-02';
const replay = (o: Record<string, unknown> = {}) => leanRun(scenarioWith(o, P));
const minute = (t: number) => t / 60;

describe('clevercloud-2024-08-02 replay', () => {
  let r: SimResult;
  beforeAll(() => {
    r = fullRun(scenarioWith({}, P));
  });

  it('loses messaging within minutes of the 10:06 upgrade; brokers are back 12:22-12:28, clients through the proxies at 12:54', () => {
    const down = r.events.find((e) => e.code === 'messaging-down')!;
    expect(minute(down.t)).toBeGreaterThanOrEqual(6);
    expect(minute(down.t)).toBeLessThanOrEqual(20); // seed: defective by 10:20
    // all 9 brokers up again after the stop-all / start-one recovery (seed: 12:22 to 12:28)
    const perMin = 60 / r.stepSeconds;
    const brokersBack = r.series.brokersUp.findIndex((b, i) => i > 142 * perMin && b === 9) / perMin;
    expect(brokersBack).toBeGreaterThanOrEqual(142);
    expect(brokersBack).toBeLessThanOrEqual(152);
    // clients go through the proxies, shut at 11:36 and restarted at 12:54 ("Messaging OK")
    const back = r.events.find((e) => e.code === 'messaging-back' && e.t > down.t)!;
    expect(minute(back.t)).toBeGreaterThanOrEqual(174);
    expect(minute(back.t)).toBeLessThanOrEqual(180);
    expect(r.summary.messaging.unavailableMinutes).toBeGreaterThan(150); // seed: ~2.5 h and more
    // chain: the upgrade -> a load manager failing silently -> messaging down
    const chain: string[] = [];
    for (let i = down.id; i >= 0; i = r.events[i].cause) chain.unshift(r.events[i].code);
    expect(chain.slice(0, 2)).toEqual(['rolling-upgrade', 'load-manager-fails-silently']);
    expect(r.summary.messaging.peakPendingLookups).toBeGreaterThan(300_000);
  });

  it('panics a hypervisor after the brokers are back (the seed: from 12:47), through the whole chain', () => {
    // issue 24, the closed-loop disk: the hung task is a journal commit whose ordered data is the
    // redeploys' image pulls on a read-saturated disk; seed 1 at 12:41, 2 hosts (seeds 1-8: timeline-2024.test.ts)
    const first = r.summary.hypervisors.firstPanicMinute!;
    expect(first).toBeGreaterThanOrEqual(142);
    expect(first).toBeLessThanOrEqual(190);
    expect(r.summary.hypervisors.panicked).toBeGreaterThanOrEqual(1);
    expect(r.summary.hypervisors.panicked).toBeLessThanOrEqual(6); // seed: 5 hosts rebooted 12:47-12:51
    expect(r.summary.verdict).toMatch(
      /rolling upgrade → load manager fails silently → messaging down → backlog held in RAM → \w+ VMs thrash → .*(redeploys saturate|host disk saturated).* → D state > 120 s → hung_task_panic/,
    );
    // the redeploys are named: in the chain, or on the hosts where the but-for test finds them decisive
    expect(r.summary.verdict).toMatch(/redeploys/);
  });

  it('deploys several times the baseline, and a quiet run deploys about the baseline', () => {
    expect(r.summary.controlPlane.baselineDeployments).toBeGreaterThan(0);
    expect(r.summary.controlPlane.deployments).toBeGreaterThan(3 * r.summary.controlPlane.baselineDeployments);
    const quiet = replay({ messaging: { loadManager: 'modular' } }).summary.controlPlane;
    expect(Math.abs(quiet.deployments - quiet.baselineDeployments)).toBeLessThanOrEqual(
      0.1 * quiet.baselineDeployments,
    );
  });

  it('keeps messaging up and no hypervisor panics with broker 3.3.2 or the modular load manager', () => {
    for (const messaging of [{ brokerVersion: '3.3.2' }, { loadManager: 'modular' }]) {
      const x = replay({ messaging });
      expect(x.summary.messaging.unavailableMinutes).toBe(0);
      expect(x.summary.hypervisors.panicked).toBe(0);
      // the operators' recovery steps answer an incident: on a healthy cluster they are skipped
      expect(x.events.some((e) => e.code === 'operator-action-skipped')).toBe(true);
    }
  });

  it('makes a smaller redeploy storm with eviction damping', () => {
    const x = replay({ controlPlane: { evictionDamping: true } });
    expect(x.summary.controlPlane.byKind.unreachable).toBeLessThan(r.summary.controlPlane.byKind.unreachable);
    expect(x.summary.controlPlane.deployments).toBeLessThan(r.summary.controlPlane.deployments);
  });

  for (const [name, buffer] of [
    ['drop_newest', { whenFull: 'drop_newest' }],
    ['a disk buffer', { type: 'disk' }],
    ['both', { type: 'disk', whenFull: 'drop_newest' }],
  ] as const) {
    it(`panics no hypervisor with the seed's remediation: ${name}`, () => {
      expect(r.summary.hypervisors.panicked).toBeGreaterThan(0);
      expect(replay({ telemetry: { buffer } }).summary.hypervisors.panicked).toBe(0);
    });
  }

  it('exports the seed timeline with clock times matching minutes after 10:00', () => {
    expect(CLEVERCLOUD_2024_08_02.find((e) => e.clock === '12:47')!.minute).toBe(167);
    expect(CLEVERCLOUD_2024_08_02[0]).toEqual(expect.objectContaining({ clock: '10:06', minute: 6 }));
  });
});

// The disk's answer is the storm's panics: 12:33 to 12:47 at x0.75, x0.85, x1.15 and x1.25 over seeds
// 1-3, 12:37 to 12:56 at the preset over seeds 1-8 (2026-12-07), so it counts the hosts panicked by 14:00.
// A slower or faster disk runs to 14:00 (a run cut short is the first part of the whole run, event for
// event: timeline-2024.test.ts, UNTIL_14); the preset's disk is the shared whole-day run of each seed,
// counted to 14:00 and checked to panic no host later.
const UNTIL_14 = 240;
/** hosts panicked by 14:00 in the 2024 replay with its disk at `x` times the preset's read speed */
function panickedWithDisk(x: number, seed: number): number {
  if (x === 1) {
    const { by, all } = panickedBy(replay({ seed }), UNTIL_14);
    expect(by, `seed ${seed}: a host panics after 14:00`).toBe(all);
    return by;
  }
  const base = scenarioWith({ durationMinutes: UNTIL_14 }, P);
  const hypervisor = { ...base.hypervisor, diskReadMBps: base.hypervisor.diskReadMBps * x };
  return summaryOf({ ...base, seed, hypervisor }).hypervisors.panicked;
}

describe('graded response (finding 1)', () => {
  it('2024 replay: disk x0.75 / x1 / x1.25 gives a graded answer, not 0 <-> 40-60', () => {
    const counts = [0.75, 1, 1.25].map((x) => panickedWithDisk(x, 1));
    expect(counts[0]).toBeGreaterThanOrEqual(counts[1]);
    expect(counts[1]).toBeGreaterThanOrEqual(counts[2]);
    expect(counts[0]).toBeLessThan(40);
  });
});

describe('a graded answer to a worse disk (finding 1, item 1)', () => {
  it('2024 replay, disk x0.75 / x0.85 / x1 / x1.15 (seeds 1-3): monotone, no step over a sixth of the fleet', () => {
    // measured means (closed-loop disk, issue 24): 7 / 4 / 1.3 / 0.7 of 60 (2026-12-07; the queue model
    // gave 16.7 / 10.7 / 4.7 / 0.3); the slope is the hosts' spread of reads and image writes over their own
    // disk (docs/MODEL.md, "How steep the 2024 disk response is")
    const means = [0.75, 0.85, 1, 1.15].map((x) => {
      let n = 0;
      for (let seed = 1; seed <= 3; seed++) n += panickedWithDisk(x, seed);
      return n / 3;
    });
    for (let i = 1; i < means.length; i++) {
      expect(means[i], `x${[0.75, 0.85, 1, 1.15][i]}: ${means}`).toBeLessThanOrEqual(means[i - 1]);
      expect(means[i - 1] - means[i], `step ${i}: ${means}`).toBeLessThanOrEqual(60 / 6);
    }
    expect(means[0]).toBeLessThan(30); // a 25% slower disk: more hosts, not nearly all
    expect(means[0]).toBeGreaterThan(3 * means[2]); // and clearly more: the disk matters
    expect(means[2]).toBeGreaterThan(0); // the preset panics a few
  }); // 9 replays to 14:00 and the preset's 3 whole-day runs
});
