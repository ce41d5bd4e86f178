// The policy of `check`: limits a proposal must stay within, each read from the paired worlds.
// One table (RULES) says every limit, what it measures, its default and its unit; the policy
// file, the docs and the verdict are all read from it.
//
// Default: the proposal panics no more hosts than current in any world, and does not raise the
// chance of a panic. A policy file (JSON or YAML) starts from the default: each key under `max`
// replaces that limit, `null` turns it off.
//
//   version: 1
//   max:
//     morePanicWorlds: 0       # worlds where the proposal panics more hosts than current
//     panicChance: 0.05        # the proposal's chance of any panic (0..1)
//     droppedPercentMean: 2    # % of events the proposal drops, mean over worlds

import { LineCounter, isMap, isScalar, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { CheckError, SideStats, PairedCounts } from './types.ts';

export const POLICY_VERSION = 1;

/** What a rule reads its value from. */
export interface RuleInput {
  current: SideStats | null;
  proposed: SideStats | null;
  paired: PairedCounts | null;
}

export interface Rule {
  key: string;
  /** 'delta': the proposal against current, world by world or side by side; 'proposed': the proposal alone */
  side: 'delta' | 'proposed';
  /** what it measures, for people (completes "at most LIMIT ...") */
  what: string;
  /** 'worlds' (whole numbers), 'chance' (0..1), 'hosts', 'vms', 'percent' */
  unit: 'worlds' | 'chance' | 'hosts' | 'vms' | 'percent';
  default: number | null;
  /** the value measured; null when the side it reads did not run (then the rule passes: nothing changed) */
  read(x: RuleInput): number | null;
  /** a failed limit in words, completing "The proposed configs fail the policy: ..." */
  fails(value: number, limit: number, x: RuleInput): string;
}

/** a chance (0..1) as a percent of worlds */
export const chance = (x: number): string => `${Math.round(x * 1000) / 10}%`;
/** a percent of events: "50%", "4.5%", "0.25%" */
export const percent = (x: number): string =>
  `${x >= 10 ? Math.round(x) : x >= 1 ? Math.round(x * 10) / 10 : Math.round(x * 100) / 100}%`;
const worlds = (x: RuleInput) => x.current?.worlds ?? x.proposed?.worlds ?? 0;
const atMost = (limit: string) => ` (at most ${limit})`;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export const RULES: readonly Rule[] = [
  {
    key: 'morePanicWorlds',
    side: 'delta',
    what: 'worlds where the proposal panics more hosts than current',
    unit: 'worlds',
    default: 0,
    read: (x) => x.paired?.morePanicWorlds ?? null,
    fails: (v, l, x) =>
      `they panic more hosts than the current configs in ${v} of ${worlds(x)} worlds${l > 0 ? atMost(`${l}`) : ''}`,
  },
  {
    key: 'panicChanceIncrease',
    side: 'delta',
    what: 'rise in the chance of any panic (proposed minus current)',
    unit: 'chance',
    default: 0,
    read: (x) => (x.current && x.proposed ? round(x.proposed.panicChance - x.current.panicChance) : null),
    fails: (_v, l, x) =>
      `they raise the chance of a panic from ${chance(x.current!.panicChance)} to ${chance(x.proposed!.panicChance)}${l !== 0 ? ` (by more than ${Math.round(l * 1000) / 10} points)` : ''}`,
  },
  {
    key: 'moreVmsDownWorlds',
    side: 'delta',
    what: 'worlds where the proposal takes down more VMs than current',
    unit: 'worlds',
    default: null,
    read: (x) => x.paired?.moreVmsDownWorlds ?? null,
    fails: (v, l, x) =>
      `they take down more VMs than the current configs in ${v} of ${worlds(x)} worlds${atMost(`${l}`)}`,
  },
  {
    key: 'droppedPercentIncrease',
    side: 'delta',
    what: 'rise in the mean share of events dropped, in points',
    unit: 'percent',
    default: null,
    read: (x) =>
      x.current && x.proposed ? round(x.proposed.droppedPercent.mean - x.current.droppedPercent.mean) : null,
    fails: (_v, l, x) =>
      `they drop ${percent(x.proposed!.droppedPercent.mean)} of events against ${percent(x.current!.droppedPercent.mean)} now (a rise of at most ${l} points allowed)`,
  },
  {
    key: 'lostPercentIncrease',
    side: 'delta',
    what: 'rise in the mean share of events lost, in points',
    unit: 'percent',
    default: null,
    read: (x) => (x.current && x.proposed ? round(x.proposed.lostPercent.mean - x.current.lostPercent.mean) : null),
    fails: (_v, l, x) =>
      `they lose ${percent(x.proposed!.lostPercent.mean)} of events against ${percent(x.current!.lostPercent.mean)} now (a rise of at most ${l} points allowed)`,
  },
  {
    key: 'panicChance',
    side: 'proposed',
    what: 'chance of any panic with the proposal',
    unit: 'chance',
    default: null,
    read: (x) => x.proposed?.panicChance ?? null,
    fails: (v, l) => `the chance of a panic with them is ${chance(v)}${atMost(chance(l))}`,
  },
  {
    key: 'hostsPanickedP50',
    side: 'proposed',
    what: 'hosts panicked with the proposal, median over worlds',
    unit: 'hosts',
    default: null,
    read: (x) => x.proposed?.hostsPanicked.p50 ?? null,
    fails: (v, l) => `they panic ${v} host${v === 1 ? '' : 's'} in the median world${atMost(`${l}`)}`,
  },
  {
    key: 'hostsPanickedP95',
    side: 'proposed',
    what: 'hosts panicked with the proposal, p95 over worlds',
    unit: 'hosts',
    default: null,
    read: (x) => x.proposed?.hostsPanicked.p95 ?? null,
    fails: (v, l) => `they panic ${v} host${v === 1 ? '' : 's'} in the 95th-percentile world${atMost(`${l}`)}`,
  },
  {
    key: 'droppedPercentMean',
    side: 'proposed',
    what: '% of events the proposal drops, mean over worlds',
    unit: 'percent',
    default: null,
    read: (x) => x.proposed?.droppedPercent.mean ?? null,
    fails: (v, l) => `they drop ${percent(v)} of events on average${atMost(percent(l))}`,
  },
  {
    key: 'lostPercentMean',
    side: 'proposed',
    what: '% of events lost with the proposal, mean over worlds',
    unit: 'percent',
    default: null,
    read: (x) => x.proposed?.lostPercent.mean ?? null,
    fails: (v, l) => `they lose ${percent(v)} of events on average${atMost(percent(l))}`,
  },
  {
    key: 'vmsDownP95',
    side: 'proposed',
    what: 'VMs down with the proposal, p95 over worlds',
    unit: 'vms',
    default: null,
    read: (x) => x.proposed?.vmsDown.p95 ?? null,
    fails: (v, l) => `${v} VMs go down in the 95th-percentile world${atMost(`${l}`)}`,
  },
];

export const RULE_BY_KEY = new Map(RULES.map((r) => [r.key, r]));

/** The limits in force: every rule's key with its maximum, or null (off). */
export interface Policy {
  /** 'default', or the file it was read from */
  source: string;
  max: Record<string, number | null>;
}

export function defaultPolicy(): Policy {
  return { source: 'default', max: Object.fromEntries(RULES.map((r) => [r.key, r.default])) };
}

/** True when some limit needs the proposal's own outcomes (not only what it changes). */
export function needsProposedRun(p: Policy): boolean {
  return RULES.some((r) => r.side === 'proposed' && p.max[r.key] !== null);
}

/**
 * Reads a policy file's text (JSON or YAML: JSON is read as YAML, which it is). Never throws;
 * every problem is an error naming the file, the line and the key.
 */
export function parsePolicy(text: string, file: string): { policy?: Policy; errors: CheckError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const at = (node: YamlNode | null | undefined) => (node?.range ? lc.linePos(node.range[0]).line : undefined);
  const err = (message: string, node?: YamlNode | null): CheckError => ({ message, file, line: at(node) });
  if (doc.errors.length) {
    const e = doc.errors[0];
    return {
      errors: [{ message: `not JSON or YAML: ${e.message.split('\n')[0]}`, file, line: lc.linePos(e.pos[0]).line }],
    };
  }
  const root = doc.contents;
  if (!isMap(root)) return { errors: [err('expected an object with a `max` map of limits (see docs/CHANGE-GATE.md)')] };
  const policy = defaultPolicy();
  policy.source = file;
  const errors: CheckError[] = [];
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'version') {
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (v !== POLICY_VERSION)
        errors.push(
          err(`version ${JSON.stringify(v)} is not known: this Cascade reads version ${POLICY_VERSION}`, pair.key),
        );
      continue;
    }
    if (key !== 'max') {
      errors.push(err(`unknown key ${JSON.stringify(key)}: expected version and max`, pair.key));
      continue;
    }
    if (!isMap(pair.value)) {
      errors.push(err('max must be a map of limits (e.g. morePanicWorlds: 0)', pair.value ?? pair.key));
      continue;
    }
    for (const limit of pair.value.items as Pair<YamlNode, YamlNode>[]) {
      const name = isScalar(limit.key) ? String(limit.key.value) : '';
      const rule = RULE_BY_KEY.get(name);
      if (!rule) {
        errors.push(
          err(`unknown limit ${JSON.stringify(name)}: known are ${RULES.map((r) => r.key).join(', ')}`, limit.key),
        );
        continue;
      }
      const value = isScalar(limit.value) ? limit.value.value : undefined;
      const problem = checkLimit(rule, value);
      if (problem) errors.push(err(`max.${name}: ${problem}`, limit.value ?? limit.key));
      else policy.max[name] = value as number | null;
    }
  }
  return errors.length ? { errors } : { policy, errors };
}

/** Why `value` is no limit for `rule`, or null. */
function checkLimit(rule: Rule, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `expected a number or null (no limit), got ${JSON.stringify(value) ?? 'nothing'}`;
  if (rule.unit === 'chance' && (value < (rule.side === 'delta' ? -1 : 0) || value > 1))
    return `a chance is from 0 to 1 (write 0.05 for 5%), got ${value}`;
  if (rule.side === 'proposed' && value < 0) return `must be 0 or more, got ${value}`;
  if (rule.unit === 'worlds' && (!Number.isInteger(value) || value < 0))
    return `a number of worlds is a whole number, 0 or more, got ${value}`;
  return null;
}

export interface RuleResult {
  key: string;
  what: string;
  unit: Rule['unit'];
  limit: number;
  /** null: the side it reads did not run because the proposal changes nothing */
  value: number | null;
  pass: boolean;
  /** a failed limit in words */
  says?: string;
}

/** Every limit in force, judged. */
export function judge(policy: Policy, input: RuleInput): RuleResult[] {
  const out: RuleResult[] = [];
  for (const r of RULES) {
    const limit = policy.max[r.key];
    if (limit === null || limit === undefined) continue;
    const value = r.read(input);
    const pass = value === null || value <= limit;
    out.push({
      key: r.key,
      what: r.what,
      unit: r.unit,
      limit,
      value,
      pass,
      ...(pass ? {} : { says: r.fails(value, limit, input) }),
    });
  }
  return out;
}
