// hypervisor.diskModel=closed-loop on the 2024 replay (issue 24): reads in a closed loop never
// hang a task; a host panics only when its journal's commits starve behind a read-saturated disk
// while deployments write images onto it; a longer hung-task timeout needs a worse stall and can
// still panic. Seed 2, storage assumption: 200k IOPS, writes keep 0.1% of a read-saturated disk.
import { describe, expect, it } from 'vitest';
import { run, scenarioWith } from '../helpers.ts';

const closedLoop = (hypervisor: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  run(
    scenarioWith(
      {
        seed: 2,
        hypervisor: { diskModel: 'closed-loop', diskReadIops: 200_000, ...hypervisor },
        memory: { refaultTouchPerSecond: 5 },
        ...extra,
      },
      'clevercloud-2024-08-02',
    ),
  ).summary;

describe('the closed-loop disk on the 2024 replay', () => {
  it('never hangs a task on reads alone: writes keep their share, no host panics', () => {
    const s = closedLoop({ diskReadIops: 500_000, writeShareUnderReads: 0.02 });
    expect(s.vms.thrashedAtLeastOnce).toBeGreaterThan(1000);
    expect(s.hypervisors.hungTaskHosts).toBe(0);
  });

  it('panics hosts whose commits starve, only once deployments write images again (fallback bus 11:50)', () => {
    const s = closedLoop({ writeShareUnderReads: 0.001 });
    expect(s.hypervisors.panicked).toBeGreaterThan(0);
    expect(s.hypervisors.firstPanicMinute!).toBeGreaterThan(110);
    // the writes are the deployments': without the control plane nothing commits long enough
    const off = closedLoop({ writeShareUnderReads: 0.001 }, { controlPlane: { enabled: false } });
    expect(off.hypervisors.panicked).toBe(0);
  });

  it('needs a worse stall for a 600 s timeout, and can still panic', () => {
    expect(closedLoop({ writeShareUnderReads: 0.001, hungTaskTimeoutSeconds: 600 }).hypervisors.panicked).toBe(0);
    expect(
      closedLoop({ writeShareUnderReads: 0.0005, hungTaskTimeoutSeconds: 600 }).hypervisors.panicked,
    ).toBeGreaterThan(0);
  });
});
