// Heterogeneity (issue 10): how much VMs of one size and hosts of one fleet differ. Every VM of a
// size was identical and every host alike, so a fleet crossed a threshold all at once (a 25%
// change in one typical constant flipped 0 to 40 of 60 hosts panicking). Real fleets spread:
// applications differ in memory and in how much they log (heavy-tailed), disks differ by model,
// firmware, wear and fill level, and placement leaves hosts with different mixes. Each spread is
// the sigma of a lognormal multiplier (median 1; the log rate keeps its mean) drawn from the seed.
// Same row shape as PARAMS (params.ts spreads this array into it).

import type { Param } from './params.ts';

export const SPREAD_PARAMS: readonly Param[] = [
  {
    path: 'fleet.rssSpread',
    group: 'vmSizes',
    label: 'Application RSS spread',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    unit: 'σ',
    default: 0.25,
    typical: {
      lo: 0.1,
      hi: 0.5,
      why: 'instances of one service differ by tens of percent in heap and caches; 0.5 spans a factor of 2 either way',
    },
    help: "How much application memory differs between VMs of one size (sigma of a lognormal around the size's RSS; 0: all equal). Capped so application, agent and working set fit in 95% of the VM's RAM at rest (a customer whose app does not fit picks a larger size).",
    source: 'typical: per-instance memory of one service differs by tens of percent (heap sizing, caches, traffic)',
  },
  {
    path: 'fleet.workingSetSpread',
    group: 'vmSizes',
    label: 'File working set spread',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    unit: 'σ',
    default: 0.35,
    typical: { lo: 0.15, hi: 0.6, why: 'a runtime with its libraries spans 50 to 300 MiB of text and hot files' },
    help: 'How much the file working set (program text, libraries, hot files) differs between VMs of one size (sigma of a lognormal; 0: all equal).',
    source: 'typical: a JVM or Node runtime with its libraries spans 50 to 300 MiB of text and hot files',
  },
  {
    path: 'fleet.mixSpread',
    group: 'fleet',
    label: 'Mix spread between hosts',
    kind: 'number',
    min: 0,
    max: 2,
    step: 0.05,
    unit: 'σ',
    default: 0.5,
    typical: { lo: 0.2, hi: 1, why: 'from hosts filled almost evenly to hosts that mostly run one kind of customer' },
    help: "How much the mix of VM sizes differs between hosts: each host tilts every size's share by a lognormal factor of this sigma (a logistic-normal mix around the per-host mix) and draws its VMs from it (0: every host runs exactly the mix; 0.5: the pico share of a host ranges about ±35%). Every host keeps the same number of VMs.",
    source:
      "typical: placement by free memory and large customers' clusters leave hosts with different mixes of the same fleet",
  },
  {
    path: 'hypervisor.diskSpread',
    group: 'hypervisor',
    label: 'Disk speed spread',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    unit: 'σ',
    default: 0.15,
    typical: {
      lo: 0.05,
      hi: 0.3,
      why: 'one drive model at one fill level varies by about 5%; mixed generations, wear and fill by 30%',
    },
    help: 'How much disk read and write bandwidth differ between hosts (sigma of a lognormal around the nominal bandwidth; 0: all equal): drive models and firmware, wear, how full the SSD is.',
    source: 'typical: NVMe random-read throughput varies by ±15-30% between models and with fill level and wear',
  },
];
