// The 2024-08-02 replay: messaging times from seed 002, and what each remediation changes.
import { describe, expect, it } from 'vitest';
import { CLEVERCLOUD_2024_08_02 } from '../../../src/scenario/index.ts';
import { run, scenarioWith } from '../helpers.ts';

const P = 'clevercloud-2024-08-02';
const replay = (o: Record<string, unknown> = {}) => run(scenarioWith(o, P));
const minute = (t: number) => t / 60;

describe('clevercloud-2024-08-02 replay', () => {
  const r = replay();

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

  it('panics a few hypervisors late in the outage (the seed: from 12:47), through the whole chain', () => {
    // hosts differ (disk, mix, VMs' memory and log rates), so the most loaded tip over first: in
    // the model during the outage (seeds 1-5: 11:53 to 12:27), earlier than the seed's 12:47, which
    // came after the recovery (docs/MODEL.md, "The 2024 first panic"); the window keeps both
    const first = r.summary.hypervisors.firstPanicMinute!;
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThanOrEqual(167 + 15);
    expect(r.summary.hypervisors.panicked).toBeGreaterThanOrEqual(1);
    expect(r.summary.hypervisors.panicked).toBeLessThanOrEqual(12); // seed: 5 hosts rebooted 12:47-12:51
    expect(r.summary.verdict).toMatch(
      /rolling upgrade → load manager fails silently → messaging down → backlog held in RAM → \w+ VMs thrash → .*host disk saturated → D state > 120 s → hung_task_panic/,
    );
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
