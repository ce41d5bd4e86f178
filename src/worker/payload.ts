// Shapes a SimResult into what the page draws. Runs in the worker, so the page only ever
// receives a few thousand points per chart and compact per-host / per-VM arrays.

import { downsample, type SimResult } from '../core/index.ts';
import { CHART_SERIES, type ChartData, type FleetData } from './protocol.ts';

/** Map frames and per-host points are capped so hosts x frames stays a few MB at most. */
const MAX_FRAMES = 1440;
const MAX_STATE_CELLS = 6_000_000;
const MAX_HOST_POINTS = 480;
const MAX_HOST_CELLS = 1_500_000;
const MAX_VM_CELLS = 3_000_000;

export function chartData(r: SimResult, maxPoints: number): ChartData {
  const out = {} as ChartData;
  for (const key of CHART_SERIES) out[key] = downsample(r.series[key], r.steps, r.stepSeconds, maxPoints);
  return out;
}

export function fleetData(r: SimResult): FleetData {
  const { hosts: hs, vms: vs } = r;
  const hosts = hs.hosts,
    steps = Math.max(1, r.steps);
  // the core keeps host series as bucket maxima over hs.everySteps steps; bucket them further
  const E = Math.max(1, hs.everySteps);
  const samples = Math.max(1, Math.min(hs.samples, Math.ceil(r.steps / E)));

  // map frames: worst state in each bucket (a one-step panic still shows)
  const frames = Math.max(1, Math.min(samples, MAX_FRAMES, Math.floor(MAX_STATE_CELLS / Math.max(1, hosts))));
  const framesEveryS = Math.ceil(samples / frames);
  const frameCount = Math.ceil(samples / framesEveryS);
  const framesEvery = framesEveryS * E;
  const state = new Uint8Array(frameCount * hosts);
  for (let k = 0; k < samples; k++) {
    const row = Math.floor(k / framesEveryS) * hosts,
      src = k * hosts;
    for (let h = 0; h < hosts; h++) {
      const v = hs.state[src + h];
      if (v > state[row + h]) state[row + h] = v;
    }
  }

  // per-host series: bucket maxima
  const hostPoints = Math.max(1, Math.min(samples, MAX_HOST_POINTS, Math.floor(MAX_HOST_CELLS / Math.max(1, hosts))));
  const every = Math.ceil(samples / hostPoints);
  const points = Math.ceil(samples / every);
  const hostT = new Float32Array(points);
  const diskReadMBps = new Float32Array(points * hosts);
  const dStateSeconds = new Float32Array(points * hosts);
  for (let p = 0; p < points; p++) hostT[p] = Math.min(steps, (p + 1) * every * E) * r.stepSeconds;
  for (let k = 0; k < samples; k++) {
    const row = Math.floor(k / every) * hosts,
      src = k * hosts;
    for (let h = 0; h < hosts; h++) {
      if (hs.diskReadMBps[src + h] > diskReadMBps[row + h]) diskReadMBps[row + h] = hs.diskReadMBps[src + h];
      if (hs.dStateSeconds[src + h] > dStateSeconds[row + h]) dStateSeconds[row + h] = hs.dStateSeconds[src + h];
    }
  }

  // VM samples: the core already samples them (at steps 0, e, 2e ...); thin further only for huge fleets
  const vms = vs.vms;
  const validSamples = Math.min(vs.samples, Math.ceil(r.steps / Math.max(1, vs.everySteps)));
  const thin = Math.max(1, Math.ceil((vms * validSamples) / MAX_VM_CELLS));
  const vmSamples = Math.ceil(validSamples / thin);
  const anonMiB = new Float32Array(vmSamples * vms);
  const cacheMiB = new Float32Array(vmSamples * vms);
  const down = new Uint8Array(vmSamples * vms);
  for (let k = 0; k < vmSamples; k++) {
    const src = k * thin * vms,
      dst = k * vms;
    anonMiB.set(vs.anonMiB.subarray(src, src + vms), dst);
    cacheMiB.set(vs.cacheMiB.subarray(src, src + vms), dst);
    down.set(vs.down.subarray(src, src + vms), dst);
  }

  return {
    hosts,
    zones: r.scenario.fleet.zones,
    zoneOf: hs.zoneOf.slice(),
    frames: frameCount,
    framesEvery,
    state,
    hostPoints: points,
    hostT,
    diskReadMBps,
    dStateSeconds,
    vms,
    vmSamples,
    vmEverySteps: vs.everySteps * thin,
    hostOf: vs.hostOf.slice(),
    sizeOf: vs.sizeOf.slice(),
    anonMiB,
    cacheMiB,
    down,
  };
}

/** Every ArrayBuffer reachable from a payload (one level of objects), for Comlink.transfer. */
export function transferables(...values: unknown[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (v && typeof v === 'object' && depth < 3) {
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  for (const v of values) visit(v, 0);
  return [...out];
}
