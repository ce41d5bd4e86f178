// Guest memory group: how a VM under memory pressure refaults its working set from disk.

import type { Param } from './row.ts';

export const MEMORY_PARAMS = [
  {
    path: 'memory.refaultTouchPerSecond',
    group: 'memory',
    label: 'Working-set touch rate',
    kind: 'number',
    min: 0,
    max: 100,
    step: 0.1,
    unit: '/s',
    default: 1,
    typical: {
      lo: 0.2,
      hi: 5,
      why: 'hot text is executed continuously: each evicted page of it is needed again within a fraction of a second to a few seconds',
    },
    help: 'Share of the missing working set the VM faults back in each second while thrashing.',
    source: 'typical: hot program text is touched about every second',
  },
  {
    path: 'memory.readaheadFactor',
    group: 'memory',
    label: 'Readahead factor',
    kind: 'number',
    min: 1,
    max: 32,
    step: 0.5,
    unit: '×',
    default: 2,
    typical: {
      lo: 1,
      hi: 8,
      why: "a page-cache miss on a mapping reads around the fault (mm/filemap.c do_sync_mmap_readahead, read_ahead_kb 128 KiB = 32 pages) until the mapping's mmap_miss count turns read-around off (MMAP_LOTSAMISS 100): under thrashing close to 1, a few x at first",
    },
    help: 'Bytes read from disk per byte refaulted (readahead reads more than the 4 KiB page).',
    source: 'typical; read_ahead_kb 128 default (mm/filemap.c read-around)',
  },
] as const satisfies readonly Param[];
