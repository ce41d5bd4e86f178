// Broker-cluster operations shared by the step (system.ts) and the scenario's events (events.ts):
// which brokers serve, bundle ownership moving between brokers, clients sent back to lookups,
// queues cleared, brokers stopped and started, the stuck system topic settled.

import type { PulsarCluster } from './state.ts';
import { retryNow } from './retries.ts';

/** A broker that is up but serves no lookup: its load manager failed, or its start waits for the system topic. */
export function notServing(p: PulsarCluster, b: number): boolean {
  return p.up[b] === 1 && (p.zombie[b] === 1 || p.initBlocked[b] === 1);
}

/** Share of the bundles whose owner does not serve (1 while the metadata store stalls). */
export function brokenShare(p: PulsarCluster): number {
  if (p.stall) return 1;
  let z = p.unownedShare;
  for (let b = 0; b < p.B; b++) if (notServing(p, b)) z += p.bundleShare[b];
  return z > 1 ? 1 : z;
}

/** Ownership is broken somewhere: some lookups cannot succeed. */
export function ownershipBroken(p: PulsarCluster): boolean {
  return p.stall === 1 || p.systemTopic === 1 || brokenShare(p) > 1e-9;
}

/** The broker that is up with the fewest loaded topics (the modular load manager's pick), or -1. */
function leastLoaded(p: PulsarCluster, except: number): number {
  let best = -1;
  for (let b = 0; b < p.B; b++) if (b !== except && p.up[b] && (best < 0 || p.loaded[b] < p.loaded[best])) best = b;
  return best;
}

/**
 * Topics of `share` of broker b's bundles unload from it: the warm ones (loaded after their clients
 * gave up) too, so a client that comes back must look its topic up again (a bundle that moves, a
 * broker that stops, ownership that sticks). Clients that only lose their connection (a timeout,
 * the proxies) leave the broker's topics loaded: `unload` is about clients, this about topics.
 */
export function unloadWarm(p: PulsarCluster, b: number, share: number): void {
  const w = p.warm[b] * share;
  if (w <= 0) return;
  p.warm[b] -= w;
  p.warmTotal -= w;
}

/** Moves `share` of broker b's bundles to the least-loaded other broker that is up (or leaves them unowned); their warm topics unload. */
export function moveBundles(p: PulsarCluster, b: number, share: number): void {
  unloadWarm(p, b, share);
  const n = p.bundleShare[b] * share;
  if (n <= 0) return;
  p.bundleShare[b] -= n;
  const to = leastLoaded(p, b);
  if (to >= 0) p.bundleShare[to] += n;
  else p.unownedShare += n;
}

/** Clients of topics that just lost their broker look up again at once (first backoff level). */
export function unload(p: PulsarCluster, b: number, share: number): void {
  const n = p.loaded[b] * share;
  if (n <= 0) return;
  p.loaded[b] -= n;
  retryNow(p, n);
  p.everDisturbed = 1;
}

export function clearQueue(p: PulsarCluster, b: number): void {
  const base = b * p.ringLen;
  for (let i = 0; i < p.ringLen; i++) {
    p.ring[base + i] = 0;
    p.ringBad[base + i] = 0;
  }
  p.pending[b] = 0;
  p.staleOld[b] = 0;
  p.workSeconds[b] = 0;
}

export function countUp(p: PulsarCluster): number {
  let n = 0;
  for (let b = 0; b < p.B; b++) n += p.up[b];
  return n;
}

export function stopBroker(p: PulsarCluster, b: number): void {
  if (!p.up[b]) return;
  unload(p, b, 1);
  clearQueue(p, b);
  moveBundles(p, b, 1); // its topics, warm ones too, unload with it
  p.up[b] = 0;
  p.zombie[b] = 0;
  p.initBlocked[b] = 0;
}

/**
 * Broker b comes up. It takes any bundles left without an owner; its start blocks on the stuck
 * system topic while another broker is up (their claims conflict).
 */
export function startBroker(p: PulsarCluster, b: number): void {
  if (p.up[b]) return;
  p.up[b] = 1;
  p.bundleShare[b] += p.unownedShare;
  p.unownedShare = 0;
  p.initBlocked[b] = p.systemTopic && countUp(p) > 1 ? 1 : 0;
}

/**
 * The system topic: a broker up alone claims it with no one to conflict with, and it is deleted;
 * brokers whose start waited for it finish starting. Returns true when it was deleted now.
 */
export function settleSystemTopic(p: PulsarCluster): boolean {
  if (!p.systemTopic || countUp(p) !== 1) return false;
  p.systemTopic = 0;
  p.stuckLogged = 0;
  for (let b = 0; b < p.B; b++) p.initBlocked[b] = 0;
  return true;
}
