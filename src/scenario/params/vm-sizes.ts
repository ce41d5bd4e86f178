// VM-sizes group: the flavours (vCPUs, RAM, application RSS, file working set) and how much VMs
// of one size differ.

import type { Param } from './row.ts';

export const VM_SIZES = ['pico', 'nano', 'XS', 'S', 'M', 'L', 'XL'] as const;
export type VmSize = (typeof VM_SIZES)[number];

const TYPICAL_SIZES = "typical cloud flavour (the seeds do not give Clever Cloud's exact figures; editable)";

/** VM flavours: vCPUs and RAM are typical values; RSS and working set are typical guesses. */
const SIZE_DEFAULTS: Record<VmSize, [vcpus: number, memoryMiB: number, appRssMiB: number, workingSetMiB: number]> = {
  pico: [1, 256, 120, 60],
  nano: [1, 512, 240, 100],
  XS: [1, 1024, 450, 160],
  S: [2, 2048, 900, 250],
  M: [4, 4096, 1800, 400],
  L: [6, 8192, 3600, 600],
  XL: [8, 16384, 7200, 900],
};

/** A size's four rows: vCPUs, RAM, application RSS, file working set. */
export function vmSizeParams<S extends VmSize>(size: S) {
  const [vcpus, memoryMiB, rss, ws] = SIZE_DEFAULTS[size];
  return [
    {
      path: `vmSizes.${size}.vcpus`,
      group: 'vmSizes',
      label: `${size} vCPUs`,
      kind: 'int',
      min: 1,
      max: 128,
      unit: 'vCPU',
      default: vcpus,
      typical: {
        lo: Math.max(1, Math.ceil(vcpus / 2)),
        hi: vcpus * 2,
        why: 'flavours of the same RAM come with half to twice these vCPUs across providers',
      },
      help: `Virtual CPUs of a ${size} VM.`,
      source: TYPICAL_SIZES,
    },
    {
      path: `vmSizes.${size}.memoryMiB`,
      group: 'vmSizes',
      label: `${size} RAM`,
      kind: 'int',
      min: 64,
      max: 1048576,
      unit: 'MiB',
      default: memoryMiB,
      typical: {
        lo: Math.round(memoryMiB * 0.75),
        hi: memoryMiB * 1.5,
        why: 'the flavour names a RAM size (pico 256 MiB up to XL 16 GiB); other platforms size the same class 0.75 to 1.5 times that',
      },
      help: `RAM of a ${size} VM.`,
      source: TYPICAL_SIZES,
    },
    {
      path: `vmSizes.${size}.appRssMiB`,
      group: 'vmSizes',
      label: `${size} application RSS`,
      kind: 'int',
      min: 0,
      max: 1048576,
      unit: 'MiB',
      default: rss,
      typical: {
        lo: Math.round(memoryMiB * 0.25),
        hi: Math.round(memoryMiB * 0.7),
        why: 'an app sized to its flavour keeps a quarter to 70% of RAM as anonymous memory (heap, runtime, guest system); more and it would not have run healthy before the outage',
      },
      help: `Anonymous memory the application and guest system use in a ${size} VM, before any log backlog.`,
      source: 'typical (about 47% of RAM)',
    },
    {
      path: `vmSizes.${size}.workingSetMiB`,
      group: 'vmSizes',
      label: `${size} file working set`,
      kind: 'int',
      min: 0,
      max: 1048576,
      unit: 'MiB',
      default: ws,
      typical: {
        lo: Math.round(ws / 2),
        hi: ws * 2,
        why: 'program text, shared libraries and hot files: a runtime (JVM, Node, PHP) maps tens to hundreds of MiB; half to twice this',
      },
      help: `Program text, libraries and hot files a ${size} VM needs in page cache; what does not fit is re-read from disk.`,
      source: 'typical',
    },
  ] as const satisfies readonly Param[];
}

/**
 * Heterogeneity (issue 10): each spread is the sigma of a lognormal multiplier (median 1; a
 * log rate keeps its mean) drawn from the seed, so a fleet does not cross a threshold all at once.
 * Listed at the end of the table (index.ts), where these rows were added.
 */
export const VM_SIZE_SPREAD_PARAMS = [
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
] as const satisfies readonly Param[];
