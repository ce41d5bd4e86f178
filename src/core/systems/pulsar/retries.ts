// Client retries (issue 24 finding 4): a client whose lookup failed comes back after the Java
// client's Backoff delay for its level, shortened by a uniform share of up to 10% (pulsar-client
// Backoff.java, 3.x). Clients are cohorts, not individuals: a cohort is spread over the ticks its
// jitter interval covers, in proportion to the overlap, which is exact for a uniform jitter and
// needs no draw.

import type { PulsarCluster } from './state.ts';

/** Java client Backoff (3.x): each delay is shortened by a uniform share of up to 10% (Backoff.java). */
export const BACKOFF_JITTER = 0.1;

/**
 * n clients at backoff level k (k failures so far) failed during tick `now`: they retry over
 * [now + 0.9 d_k, now + d_k] (in ticks) at level k + 1 (the cap's level stays), never earlier than
 * the next tick.
 */
export function scheduleRetry(p: PulsarCluster, k: number, n: number, now: number): void {
  if (n <= 0) return;
  const top = p.levels - 1,
    R = p.retryLen,
    base = (k < top ? k + 1 : top) * R,
    d = p.delays[k] / p.h,
    hi = now + d,
    lo = hi - d * BACKOFF_JITTER,
    first = now + 1;
  p.waitingTotal += n;
  if (hi < first + 1) {
    p.retry[base + (first % R)] += n;
    return;
  }
  const span = hi - lo;
  for (let j = Math.floor(lo); j <= hi; j++) {
    const a = j > lo ? j : lo,
      e = j + 1 < hi ? j + 1 : hi;
    if (e <= a) continue;
    p.retry[base + ((j > first ? j : first) % R)] += (n * (e - a)) / span;
  }
}

/** n clients look their topics up again at once: level 0, due at the next tick. */
export function retryNow(p: PulsarCluster, n: number): void {
  if (n <= 0) return;
  p.retry[(p.tick + 1) % p.retryLen] += n;
  p.waitingTotal += n;
}
