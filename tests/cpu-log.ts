// Vitest setup file, on only when CPU_LOG or CPU_TEST_LOG names a file (vitest.config.ts).
// CPU_LOG appends one line per test file, "CPU seconds <tab> wall seconds <tab> file", measured in the
// worker that ran it; CPU_TEST_LOG one line per test, "CPU seconds <tab> wall seconds <tab> file > test".
// CPU seconds are what a file costs on any machine; wall seconds on a shared machine measure the
// neighbours too.
//   CPU_LOG=/tmp/cpu.log npx vitest run --maxWorkers 1 && sort -rn /tmp/cpu.log | head
// In the model tier (one module graph per worker) a run shared by several files is charged to the
// first file (and test) that asks for it.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { appendFileSync } from 'node:fs';

const s = (us: number) => (us / 1e6).toFixed(1);
const short = (path: string) => path.replace(/.*\/tests\/unit\//, '');

const log = process.env.CPU_LOG;
if (log) {
  let cpu: NodeJS.CpuUsage | undefined;
  let wall = 0;
  let file = '?';
  // Vitest hands a hook its context first and the suite second, and wants the context destructured
  // eslint-disable-next-line no-empty-pattern
  beforeAll(({}, suite) => {
    file = short(suite.file.filepath);
    cpu = process.cpuUsage();
    wall = performance.now();
  });
  afterAll(() => {
    const d = process.cpuUsage(cpu);
    appendFileSync(log, `${s(d.user + d.system)}\t${s((performance.now() - wall) * 1e3)}\t${file}\n`);
  });
}

const testLog = process.env.CPU_TEST_LOG;
if (testLog) {
  let cpu: NodeJS.CpuUsage | undefined;
  let wall = 0;
  beforeEach(() => {
    cpu = process.cpuUsage();
    wall = performance.now();
  });
  afterEach(({ task }) => {
    const d = process.cpuUsage(cpu);
    const name = `${short(task.file.filepath)} > ${task.name}`;
    appendFileSync(testLog, `${s(d.user + d.system)}\t${s((performance.now() - wall) * 1e3)}\t${name}\n`);
  });
}
