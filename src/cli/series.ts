// `sim --series`: a run's timeline per simulated minute, so a timeline can be checked from the
// command line (issue 24). Built from what a run records ('all' mode: the fleet series per step,
// the per-host series as bucket maxima, the event log); it reads the result and changes nothing.
//
//   minute        minutes since the scenario's clockStart (minute m covers [60 m, 60 m + 60) s)
//   clock         the wall clock of the minute's start ("12:47")
//   thrashingVms  VMs missing more than THRASH_FRACTION of their working set, mean over the minute
//   diskReadGBps  disk reads served, whole fleet, mean over the minute (GB/s)
//   hostsInDState hosts whose longest D-state wait passed D_STATE_SECONDS at some step of the minute
//   panicked      kernel panics so far, counted at the minute's end (a host may panic twice)
//   hostCpuLoad   load average per core, mean over the hosts up, mean over the minute
//
// A step belongs to the minute in which it starts. The per-host figure is a bucket maximum: when
// a big run samples hosts every k steps, a bucket that straddles two minutes counts in both.

import { clockLabel, type LogCode, type SimResult } from '../core/index.ts';

const PANIC: LogCode = 'panic';

/** A task blocked longer than this counts as "in D state" (the core's QUEUE_BLOCK_SECONDS: far beyond any NVMe latency). */
export const D_STATE_SECONDS = 1;

export interface MinuteRow {
  minute: number;
  clock: string;
  thrashingVms: number;
  diskReadGBps: number;
  hostsInDState: number;
  panicked: number;
  hostCpuLoad: number;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The per-minute rows of a finished (or partly run) result; needs the per-host series ('all' mode). */
export function minuteSeries(result: SimResult): MinuteRow[] {
  const { stepSeconds: dt, steps, series, events } = result;
  const minutes = Math.ceil((steps * dt) / 60);
  const rows: MinuteRow[] = [];
  const panics = events.filter((e) => e.code === PANIC).map((e) => e.t);
  let s = 0;
  for (let m = 0; m < minutes; m++) {
    const end = (m + 1) * 60;
    let n = 0,
      thrash = 0,
      read = 0,
      load = 0;
    const first = s;
    for (; s < steps && s * dt < end; s++, n++) {
      thrash += series.thrashingVms[s];
      read += series.diskReadGBps[s];
      load += series.hvLoadMean[s];
    }
    rows.push({
      minute: m,
      clock: clockLabel(result.scenario.clockStart, m * 60),
      thrashingVms: n > 0 ? round(thrash / n, 1) : 0,
      diskReadGBps: n > 0 ? round(read / n, 3) : 0,
      hostsInDState: n > 0 ? hostsInDState(result, first, s) : 0,
      panicked: panics.filter((t) => t < end).length,
      hostCpuLoad: n > 0 ? round(load / n, 3) : 0,
    });
  }
  return rows;
}

/** Hosts whose longest D-state wait passed D_STATE_SECONDS in some host sample covering steps [from, to). */
function hostsInDState(result: SimResult, from: number, to: number): number {
  const hs = result.hosts;
  if (hs.samples === 0) return 0;
  const H = hs.hosts,
    k0 = Math.floor(from / hs.everySteps),
    k1 = Math.min(hs.samples - 1, Math.floor((to - 1) / hs.everySteps));
  let count = 0;
  for (let h = 0; h < H; h++) {
    for (let k = k0; k <= k1; k++) {
      if (hs.dStateSeconds[k * H + h] > D_STATE_SECONDS) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** The rows as a fixed-width table for the readable output. */
export function seriesTable(rows: readonly MinuteRow[]): string {
  const head = ['minute', 'clock', 'thrashingVms', 'diskReadGBps', 'hostsInDState', 'panicked', 'hostCpuLoad'];
  const lines = [head.join('  ')];
  for (const r of rows)
    lines.push(
      [
        String(r.minute).padStart(6),
        r.clock.padStart(5),
        String(r.thrashingVms).padStart(12),
        String(r.diskReadGBps).padStart(12),
        String(r.hostsInDState).padStart(13),
        String(r.panicked).padStart(8),
        String(r.hostCpuLoad).padStart(11),
      ].join('  '),
    );
  return lines.join('\n') + '\n';
}
