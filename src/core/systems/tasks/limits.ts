// The pids limit and what counts against it, and waits exact in seconds over steps of dt: pure
// formulas of the tasks system (system.ts) and its state (state.ts).

import type { Scenario } from '../../../scenario/index.ts';

/** threads-max = RAM / 128 KiB on x86-64 (kernel/fork.c: totalram_pages / (8 * THREAD_SIZE / PAGE_SIZE), THREAD_SIZE 16 KiB). */
export function threadsMax(memoryGiB: number): number {
  return Math.floor((memoryGiB * 1024 * 1024) / 128);
}

/** systemd's DefaultTasksMax: percent of min(pid_max - 1, threads-max - 1), rounded down (src/basic/limits-util.c system_tasks_max{,_scale}). */
export function defaultTasksMax(pidMax: number, memoryGiB: number, percent: number): number {
  const max = Math.min(pidMax - 1, threadsMax(memoryGiB) - 1);
  return Math.floor((max * percent) / 100);
}

/** QEMU tasks of one VM: main + vCPUs + extras + I/O workers (grow with its I/O, capped per context). */
export function qemuTasksPerVm(vcpus: number, ioMBps: number, s: Scenario['tasks']): number {
  const workers = ioMBps > 0 ? Math.min(s.ioWorkersMax, Math.ceil(ioMBps / s.ioMBpsPerWorker)) : 0;
  return 1 + vcpus + s.qemuExtraThreads + workers;
}

/**
 * A wait of `seconds` in steps of dt, exact in seconds: a cohort that starts during a step (its
 * starts spread over the step) ends spread over [start + seconds, start + seconds + dt), so after
 * j more steps a share clamp(x - j, 0, 1) of it remains (x = seconds / dt). With x = k + f, a share
 * 1 - f of the cohort ends at the start of step +k and f at step +k + 1 (k = 0: 1 - f ends within
 * its own step). The mean count is then rate x seconds (Little's law) at every dt; rounding the
 * wait up to whole steps made a 2 s hold last 5 s at dt = 5.
 */
export function ringOf(seconds: number, dt: number) {
  const x = seconds / dt,
    k = Math.floor(x);
  return { k, f: x - k, slots: k + 2 };
}
