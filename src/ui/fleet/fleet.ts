// Reading the fleet arrays sent by the worker: frames, states, names.

import { HV_PANICKED, HV_PARKED, HV_STATES, isPanic, type HvStateName, type SimEvent } from '../../core/index.ts';

export { causeChain } from '../../core/index.ts';
import type { FleetData } from '../../worker/index.ts';

export const STATE_META: Record<HvStateName, { letter: string; color: string; help: string }> = {
  healthy: { letter: '·', color: '--s-healthy', help: 'running normally' },
  pressured: { letter: 'P', color: '--s-pressured', help: 'memory pressure on the host or its VMs' },
  thrashing: { letter: 'T', color: '--s-thrashing', help: 'disk queue saturated by VMs re-reading their programs' },
  hung: { letter: 'D', color: '--s-hung', help: 'a task stuck in D state past hung_task_timeout' },
  panicked: { letter: 'X', color: '--s-panicked', help: 'kernel panic (hung_task_panic): all its VMs died' },
  rebooting: { letter: 'R', color: '--s-rebooting', help: 'rebooting after the panic' },
  parked: { letter: '+', color: '--s-parked', help: 'a parked host, not in the fleet until the operators add it' },
};

export const hostName = (h: number) => `hv-${h}`;
export const zoneName = (z: number) => (z < 26 ? `zone ${String.fromCharCode(97 + z)}` : `zone ${z + 1}`);
export const stateName = (code: number): HvStateName => HV_STATES[code] ?? 'healthy';

/** step count the frame ends at */
export function frameEndStep(f: FleetData, frame: number, steps: number): number {
  return Math.min(steps, (frame + 1) * f.framesEvery);
}

/** the frame that contains time t (seconds) */
export function frameAt(f: FleetData, t: number, stepSeconds: number): number {
  return Math.max(0, Math.min(f.frames - 1, Math.ceil(t / stepSeconds / f.framesEvery) - 1));
}

export function stateAt(f: FleetData, frame: number, h: number): number {
  return f.state[frame * f.hosts + h];
}

/** hosts parked in the first frame: the ones the operators' addHosts can add during the run (none in most runs) */
export function parkedAtStart(f: FleetData): number {
  let n = 0;
  for (let h = 0; h < f.hosts && f.frames > 0; h++) if (f.state[h] === HV_PARKED) n++;
  return n;
}

/** the first frame in which any host is panicked, else the last frame */
export function initialFrame(f: FleetData): number {
  // frame-major: the first panicked cell is in the first frame with a panic (one native scan)
  const i = f.state.indexOf(HV_PANICKED);
  return i >= 0 ? Math.floor(i / f.hosts) : f.frames - 1;
}

/** index of the VM sample in force at step s */
export function vmSampleAt(f: FleetData, step: number): number {
  return Math.max(0, Math.min(f.vmSamples - 1, Math.floor(step / Math.max(1, f.vmEverySteps))));
}

/** hosts grouped by zone, in host order */
export function hostsByZone(f: FleetData): number[][] {
  const zones: number[][] = Array.from({ length: Math.max(1, f.zones) }, () => []);
  for (let h = 0; h < f.hosts; h++) (zones[f.zoneOf[h]] ??= []).push(h);
  return zones;
}

/** the event that best explains host h at time t: its last panic by then, else its last event */
export function storyEvent(events: readonly SimEvent[], h: number, t: number): SimEvent | null {
  let panic: SimEvent | null = null,
    last: SimEvent | null = null,
    firstPanic: SimEvent | null = null;
  for (const e of events) {
    if (e.hv !== h) continue;
    const panicked = isPanic(e);
    if (panicked && !firstPanic) firstPanic = e;
    if (e.t > t) continue;
    if (panicked) panic = e;
    if (e.severity !== 'info') last = e;
  }
  return panic ?? last ?? firstPanic;
}
