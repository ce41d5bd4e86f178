// The fault drill for `--config` (issue 27): a value the schema refuses is listed as refused and
// never run, the same as `--set` refusing it (which exits 2); a file that used to take minutes
// is read at once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, WHOLE_RUNS } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cascade-config-faults-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('fault drill: sim --config never runs a refused value', () => {
  it('kernel.pid_max=0, threads-max=-5 and DefaultTasksMax=0 run as the scenario was', WHOLE_RUNS, () => {
    const plain = sim('--scenario', 'workshop-outage', '--json');
    expect(plain.code).toBe(0);
    const want = JSON.parse(plain.out) as { tasks: { limit: number }; vms: { crashed: number } };
    for (const [spec, refused] of [
      [
        `sysctl:${file('pid0.conf', 'kernel.pid_max=0\n')}`,
        /kernel\.pid_max \(line 1: must be at least 301 pids \(got 0\); kept 32768 pids\)/,
      ],
      [
        `sysctl:${file('threads.conf', 'kernel.threads-max = -5\n')}`,
        /kernel\.threads-max \(line 1: must be at least 301 pids \(got -5\); kept 32768 pids\)/,
      ],
      [
        `systemd:${file('system.conf', '[Manager]\nDefaultTasksMax=0\n')}`,
        /Manager\.DefaultTasksMax \(line 2: 0 of pid limit 32768 = 0%: must be at least 0\.1 % \(got 0\); kept 15 %\)/,
      ],
    ] as const) {
      const r = sim('--scenario', 'workshop-outage', '--config', spec);
      expect(r.code, spec).toBe(0);
      expect(r.out).toMatch(refused);
      const j = JSON.parse(sim('--scenario', 'workshop-outage', '--json', '--config', spec).out);
      // before: pids limit 45 (301 x 15%) and 908 VMs crashed by QEMU abort
      expect(j.tasks.limit, spec).toBe(want.tasks.limit);
      expect(j.vms.crashed, spec).toBe(want.vms.crashed);
    }
    // --set of the same value: exit 2, as before
    expect(sim('--set', 'tasks.pidMax=0').code).toBe(2);
  });

  it('a 990 KB broker.conf of continuation lines is read at once (over 60 s before)', WHOLE_RUNS, () => {
    const p = file('broker.conf', 'maxConcurrentLookupRequest=1\\\n' + 'x\\\n'.repeat(330_000) + 'y\n');
    const r = sim('--scenario', 'workshop-outage', '--set', 'durationMinutes=10', '--config', p);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/refused: maxConcurrentLookupRequest \(line 1: expected a whole number; kept \d+ \w+\)/);
  });
});
