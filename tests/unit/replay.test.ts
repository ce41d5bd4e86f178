// The 2024-08-02 replay: messaging times from seed 002, and what each remediation changes.
import { describe, expect, it } from 'vitest';
import { CLEVERCLOUD_2024_08_02 } from '../../src/scenario/index.ts';
import { run, scenarioWith } from './helpers.ts';

const P = 'clevercloud-2024-08-02';
const replay = (o: Record<string, unknown> = {}) => run(scenarioWith(o, P));
const minute = (t: number) => t / 60;

describe('clevercloud-2024-08-02 replay', () => {
  const r = replay();

  it('loses messaging within minutes of the 10:06 upgrade and gets it back around 12:22-12:28', () => {
    const down = r.events.find((e) => e.short === 'messaging down')!;
    expect(minute(down.t)).toBeGreaterThanOrEqual(6);
    expect(minute(down.t)).toBeLessThanOrEqual(20); // seed: defective by 10:20
    const back = r.events.find((e) => e.short === 'messaging back' && e.t > down.t)!;
    expect(minute(back.t)).toBeGreaterThanOrEqual(142);
    expect(minute(back.t)).toBeLessThanOrEqual(160);
    // chain: the upgrade -> a load manager failing silently -> messaging down
    const chain: string[] = [];
    for (let i = down.id; i >= 0; i = r.events[i].cause) chain.unshift(r.events[i].short);
    expect(chain.slice(0, 2)).toEqual(['rolling upgrade', 'load manager fails silently']);
    expect(r.summary.messaging.peakPendingLookups).toBeGreaterThan(300_000);
  });

  it('deploys several times the baseline', () => {
    expect(r.summary.controlPlane.baselineDeployments).toBeGreaterThan(0);
    expect(r.summary.controlPlane.deployments).toBeGreaterThan(3 * r.summary.controlPlane.baselineDeployments);
  });

  it('keeps messaging up with broker 3.3.2 or the modular load manager', () => {
    for (const messaging of [{ brokerVersion: '3.3.2' }, { loadManager: 'modular' }]) {
      const x = replay({ messaging });
      // the upgrade itself does no harm: nothing goes down before the operators' own actions (11:36)
      expect(x.events.some((e) => e.short === 'messaging down' && e.t < 96 * 60)).toBe(false);
      expect(Math.min(...x.series.messagingAvailability.slice(0, (95 * 60) / x.stepSeconds))).toBeGreaterThan(0.5);
    }
  });

  it('makes a smaller redeploy storm with eviction damping', () => {
    const x = replay({ controlPlane: { evictionDamping: true } });
    expect(x.summary.controlPlane.byKind.unreachable).toBeLessThan(r.summary.controlPlane.byKind.unreachable);
  });

  it('panics no hypervisor with the seed remediations (disk buffer, drop_newest), even on slow disks', () => {
    const slow = { hypervisor: { diskReadMBps: 2200 } };
    expect(replay(slow).summary.hypervisors.panicked).toBeGreaterThan(0);
    const fixed = replay({ ...slow, telemetry: { buffer: { type: 'disk', whenFull: 'drop_newest' } } });
    expect(fixed.summary.hypervisors.panicked).toBe(0);
  });

  it('exports the seed timeline with clock times matching minutes after 10:00', () => {
    expect(CLEVERCLOUD_2024_08_02.find((e) => e.clock === '12:47')!.minute).toBe(167);
    expect(CLEVERCLOUD_2024_08_02[0]).toEqual(expect.objectContaining({ clock: '10:06', minute: 6 }));
  });
});
