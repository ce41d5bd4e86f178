// Notification-proxy group (seed 000, issue 6): the proxy in front of messaging and its pooler.
// Each default names its source or says "typical".

import type { Param } from './row.ts';

export const PROXY_PARAMS = [
  {
    path: 'proxy.poolMaxConnections',
    group: 'proxy',
    label: 'Pooler maximum',
    kind: 'int',
    min: 1,
    max: 10000000,
    unit: 'connections',
    default: 20000,
    typical: {
      lo: 1000,
      hi: 100000,
      why: 'a pooler in front of a messaging cluster sized for its normal clients (the 2022 preset uses 3,000)',
    },
    help: 'Connections the pooler behind the proxy holds at most; past it new connections wait.',
    source: 'typical',
  },
  {
    path: 'proxy.leakPercent',
    group: 'proxy',
    label: 'Connections leaked',
    kind: 'number',
    min: 0,
    max: 100,
    step: 0.01,
    unit: '%',
    default: 0,
    help: 'Share of closed connections the proxy never releases in the pooler (0: the proxy is fixed).',
    source: 'seed 000: "did not properly close connections"; 0 = fixed',
  },
] as const satisfies readonly Param[];
