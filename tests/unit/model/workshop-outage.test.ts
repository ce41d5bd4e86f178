// What a user expects of the 2024 chain: the default panics; each remediation stops it.
import { describe, expect, it } from 'vitest';
import { run, scenarioWith } from '../helpers.ts';

describe('the workshop outage', () => {
  const base = run(scenarioWith({}));

  it('panics hypervisors through the whole chain', () => {
    expect(base.summary.hypervisors.panicked).toBeGreaterThan(0);
    expect(base.summary.vms.crashed).toBeGreaterThan(0);
    expect(base.summary.telemetry.lost).toBeGreaterThan(0);
    const panic = base.events.find((e) => e.code === 'panic')!;
    const chain: string[] = [];
    for (let i = panic.id; i >= 0; i = base.events[i].cause) chain.unshift(base.events[i].component);
    expect(chain).toEqual(['messaging', 'telemetry', 'vm', 'hypervisor', 'kernel', 'kernel']);
    expect(base.summary.verdict).toMatch(/^\d+ of 12 hypervisors panicked, the first at \d\d:\d\d/);
    // no panic before messaging went down
    expect(base.summary.hypervisors.firstPanicMinute!).toBeGreaterThan(10);
  });

  it('does not panic with drop_newest: memory stays flat, events are dropped instead', () => {
    const r = run(scenarioWith({ telemetry: { buffer: { whenFull: 'drop_newest' } } }));
    expect(r.summary.hypervisors.panicked).toBe(0);
    expect(r.summary.telemetry.dropped).toBeGreaterThan(0);
    expect(r.summary.vms.oomKills).toBe(0);
    expect(r.summary.verdict).toMatch(/^0 of 12 hypervisors panicked/);
  });

  for (const source of ['file', 'journald-persistent']) {
    it(`does not panic when the source holds the backlog on disk (${source})`, () => {
      const r = run(scenarioWith({ telemetry: { source } }));
      expect(r.summary.hypervisors.panicked).toBe(0);
      expect(Math.max(...r.series.backlogDiskMiB)).toBeGreaterThan(0);
      // RAM holds only the agents' own 500-event memory buffers
      const buffersMiB = (r.summary.vms.total * 500 * 600) / 1048576;
      expect(Math.max(...r.series.backlogRamMiB)).toBeLessThanOrEqual(buffersMiB + 1e-3);
    });
  }

  it('does not panic with a disk buffer large enough for the outage', () => {
    const r = run(scenarioWith({ telemetry: { buffer: { type: 'disk' } } }));
    expect(r.summary.hypervisors.panicked).toBe(0);
  });

  it('lets large VMs ride it out', () => {
    const r = run(scenarioWith({ vmSizes: { pico: { memoryMiB: 1024 }, nano: { memoryMiB: 1024 } } }));
    expect(r.summary.hypervisors.panicked).toBe(0);
  });

  it('reports hung tasks but no panic with hung_task_panic off', () => {
    const r = run(scenarioWith({ hypervisor: { hungTaskPanic: false } }));
    expect(r.summary.hypervisors.panicked).toBe(0);
    expect(r.summary.hypervisors.hungTaskHosts).toBeGreaterThan(0);
    expect(r.summary.verdict).toContain('hung_task_panic is off');
  });

  it('does nothing without an outage', () => {
    const r = run(scenarioWith({ events: [] }));
    expect(r.summary.hypervisors.panicked).toBe(0);
    expect(r.summary.vms.thrashedAtLeastOnce).toBe(0);
    expect(r.summary.telemetry.lost + r.summary.telemetry.dropped).toBe(0);
  });

  it('panics at about the same time whatever the time step', () => {
    const at = [1, 5, 30].map((dt) => run(scenarioWith({ stepSeconds: dt })).summary.hypervisors.firstPanicMinute!);
    for (const m of at) expect(Math.abs(m - at[1])).toBeLessThan(10);
  });
});
