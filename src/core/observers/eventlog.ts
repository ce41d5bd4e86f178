// The structured event log: the post-mortem timeline of a run. Each entry may name the entry
// that caused it, so any panic can be walked back to its root (causeChain). Entries are rare
// (a handful per host), so they are plain objects.

import type { Component, Severity, SimEvent } from '../types.ts';
import type { LogCode } from './log-codes.ts';
import { readable } from '../text.ts';

export class EventLog {
  readonly events: SimEvent[] = [];
  /** per host: the entry that opened the current episode of each kind (-1: none) */
  readonly thrash: Int32Array;
  readonly oom: Int32Array;
  readonly disk: Int32Array;
  readonly hung: Int32Array;
  readonly panic: Int32Array;
  /** per host: the first deployment that landed on it while its VMs thrashed */
  readonly deploy: Int32Array;
  /** fleet-wide: the current outage and the backlog it caused */
  outage = -1;
  backlog = -1;
  /** the latest broker-cluster entry (upgrade, failure, operator action): what a messaging outage points back to */
  pulsar = -1;

  constructor(hosts: number) {
    const mk = () => new Int32Array(hosts).fill(-1);
    this.thrash = mk();
    this.oom = mk();
    this.disk = mk();
    this.hung = mk();
    this.panic = mk();
    this.deploy = mk();
  }

  add(
    code: LogCode,
    t: number,
    component: Component,
    severity: Severity,
    short: string,
    what: string,
    hv = -1,
    cause = -1,
  ): number {
    const id = this.events.length;
    // the words as a reader sees them: counts grouped by thousands, float noise rounded (text.ts)
    this.events.push({ id, code, t, component, severity, short: readable(short), what: readable(what), hv, cause });
    return id;
  }
}

/** The chain of entries that led to `id`, root first. */
export function causeChain(events: readonly SimEvent[], id: number): SimEvent[] {
  const chain: SimEvent[] = [];
  const seen = new Set<number>();
  for (let i = id; i >= 0 && i < events.length && !seen.has(i); i = events[i].cause) {
    seen.add(i);
    chain.unshift(events[i]);
  }
  return chain;
}
