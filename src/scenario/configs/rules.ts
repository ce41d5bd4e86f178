// The keys each config kind sets, and how a value as written becomes a parameter value. A key
// not listed is read and reported as "not modelled: ignored".

import { SHEDDING_STRATEGIES } from '../types.ts';
import { parseBool, parseInteger, parseSeconds } from './units.ts';

export type Converted = { value: number | string | boolean; note?: string } | { invalid: string };

export interface Rule {
  path: string;
  convert: (written: string) => Converted;
}

const int = (w: string): Converted => {
  const n = parseInteger(w);
  return n === null ? { invalid: 'expected a whole number' } : { value: n };
};
const scaled =
  (factor: number, unit: string) =>
  (w: string): Converted => {
    const n = parseInteger(w) ?? (/^\s*\d+(\.\d+)?\s*$/.test(w) ? Number(w) : null);
    return n === null
      ? { invalid: 'expected a number' }
      : { value: n * factor, note: `${w} ${unit} -> ${n * factor} s` };
  };
const bool = (w: string): Converted => {
  const b = parseBool(w);
  return b === null ? { invalid: 'expected 0/1 or true/false' } : { value: b };
};
const seconds = (w: string): Converted => {
  const s = parseSeconds(w);
  return s === null ? { invalid: 'expected seconds' } : { value: s };
};

/** Pulsar broker.conf and client configuration (Java properties). */
export const PULSAR_RULES: Record<string, Rule> = {
  maxConcurrentLookupRequest: { path: 'messaging.maxConcurrentLookupRequest', convert: int },
  maxConcurrentTopicLoadRequest: { path: 'messaging.maxConcurrentTopicLoadRequest', convert: int },
  loadManagerClassName: {
    path: 'messaging.loadManager',
    convert: (w) =>
      /ExtensibleLoadManagerImpl$/.test(w)
        ? { value: 'extensible' }
        : /ModularLoadManagerImpl$/.test(w)
          ? { value: 'modular' }
          : { invalid: 'a load manager the model does not have (modular or extensible)' },
  },
  loadBalancerLoadSheddingStrategy: {
    path: 'messaging.sheddingStrategy',
    convert: (w) => {
      const name = w.split('.').pop() ?? '';
      return (SHEDDING_STRATEGIES as readonly string[]).includes(name)
        ? { value: name }
        : { invalid: `a strategy the model does not have (${SHEDDING_STRATEGIES.join(', ')})` };
    },
  },
  loadBalancerSheddingIntervalMinutes: { path: 'messaging.sheddingIntervalSeconds', convert: scaled(60, 'min') },
  loadBalancerInFlightServiceUnitStateWaitingTimeInMillis: {
    path: 'messaging.ownerWaitSeconds',
    convert: scaled(1e-3, 'ms'),
  },
  operationTimeoutMs: { path: 'messaging.operationTimeoutSeconds', convert: scaled(1e-3, 'ms') },
  initialBackoffIntervalNanos: { path: 'messaging.clientBackoffInitialSeconds', convert: scaled(1e-9, 'ns') },
  maxBackoffIntervalNanos: { path: 'messaging.clientBackoffMaxSeconds', convert: scaled(1e-9, 'ns') },
};

/** sysctl keys (dotted form). pid_max and threads-max both feed tasks.pidMax (their minimum). */
export const SYSCTL_RULES: Record<string, Rule> = {
  'kernel.hung_task_timeout_secs': { path: 'hypervisor.hungTaskTimeoutSeconds', convert: int },
  'kernel.hung_task_check_interval_secs': { path: 'hypervisor.hungTaskCheckIntervalSeconds', convert: int },
  'kernel.hung_task_panic': { path: 'hypervisor.hungTaskPanic', convert: bool },
  'kernel.pid_max': { path: 'tasks.pidMax', convert: int },
  'kernel.threads-max': { path: 'tasks.pidMax', convert: int },
};

export { seconds };
