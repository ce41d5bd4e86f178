// Before and after: what changed between the previous run and the one on screen, in one line
// for the verdict ("2 → 0 hypervisors panicked; cost: 45% of events dropped (was 0%)"). Pure.

import { changedPaths, type Summary } from '../../core/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { num } from '../format.ts';
import { changeText } from '../words.ts';

/** share of produced events, in percent, one decimal place below 10 % */
function share(part: number, produced: number): string {
  if (produced <= 0) return '0%';
  const p = (100 * part) / produced;
  return `${p > 0 && p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

/**
 * The outcome's change from `before` to `after`: the counts that moved (hypervisors panicked
 * always leads), then what it cost or saved in telemetry. Empty parts are left out.
 */
export function changeLine(before: Summary, after: Summary): string {
  const moves: string[] = [];
  const arrow = (a: number, b: number, what: string) => `${num(a)} → ${num(b)} ${what}`;
  moves.push(arrow(before.hypervisors.panicked, after.hypervisors.panicked, 'hypervisors panicked'));
  const crashA = before.vms.threadExhaustionCrashes ?? 0,
    crashB = after.vms.threadExhaustionCrashes ?? 0;
  if (crashA !== crashB) moves.push(arrow(crashA, crashB, 'VMs crashed by QEMU abort'));
  const rebA = before.vms.rebooted ?? 0,
    rebB = after.vms.rebooted ?? 0;
  if (rebA !== rebB) moves.push(arrow(rebA, rebB, 'VMs rebooted'));
  if (before.vms.crashed !== after.vms.crashed) moves.push(arrow(before.vms.crashed, after.vms.crashed, 'VMs down'));

  const costs: string[] = [],
    gains: string[] = [];
  for (const k of ['dropped', 'lost'] as const) {
    const a = before.telemetry[k] / Math.max(1, before.telemetry.produced),
      b = after.telemetry[k] / Math.max(1, after.telemetry.produced);
    if (Math.abs(a - b) < 0.0005) continue;
    const text = `${share(after.telemetry[k], after.telemetry.produced)} of events ${k} (was ${share(before.telemetry[k], before.telemetry.produced)})`;
    (b > a ? costs : gains).push(text);
  }
  let line = moves.join(', ');
  if (costs.length) line += `; cost: ${costs.join(', ')}`;
  if (gains.length) line += `; ${costs.length ? 'and ' : ''}${gains.join(', ')}`;
  return line;
}

/**
 * Whether a run of `before` is a fair "before" for a run of `now`: the same preset (one edited
 * from the other). Runs of two presets are different fleets and incidents (12 hosts against 60):
 * the page shows no before → now between them, and no ghost of the one on the other's charts.
 */
export function comparable(before: Pick<Scenario, 'preset'>, now: Pick<Scenario, 'preset'>): boolean {
  return before.preset === now.preset;
}

/** the most changes named in the before → now label; the rest are counted */
const MAX_NAMED = 3;

/**
 * What differs between the two runs' scenarios, in the page's words ("When the buffer is full:
 * block → drop_newest"), or '' when they are the same scenario.
 */
export function whatChanged(before: Scenario, now: Scenario): string {
  const cs = changedPaths(before, now).map(changeText);
  if (before.seed !== now.seed) cs.unshift(`Seed: ${before.seed} → ${now.seed}`);
  const more = cs.length - MAX_NAMED;
  return cs.slice(0, MAX_NAMED).join('; ') + (more > 0 ? `; ${more} more` : '');
}
