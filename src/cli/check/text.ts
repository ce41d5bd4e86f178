// The check for a terminal: the same report as the markdown, in plain lines.

import { configLine } from '../ensemble.ts';
import { chance, percent } from './policy.ts';
import type { CheckReport, SideStats } from './types.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function text(r: CheckReport): string {
  const out = [`check: ${r.result.toUpperCase()}`, r.answer, ''];
  if (r.current && r.proposed) {
    const c = r.current,
      p = r.proposed;
    const row = (label: string, f: (s: SideStats) => string) =>
      `  ${label.padEnd(34)}${f(c).padStart(16)}${f(p).padStart(16)}`;
    out.push(
      `  ${`over ${r.worlds.count} worlds`.padEnd(34)}${'current'.padStart(16)}${'proposed'.padStart(16)}`,
      row('chance of a panic', (s) => `${chance(s.panicChance)} (${s.worldsWithPanic}/${s.worlds})`),
      row(
        `hosts panicked of ${n(r.scenario.hypervisors)}, p50 / p95`,
        (s) => `${s.hostsPanicked.p50} / ${s.hostsPanicked.p95}`,
      ),
      row('events dropped, mean', (s) => percent(s.droppedPercent.mean)),
      row('events lost, mean', (s) => percent(s.lostPercent.mean)),
      row(`VMs down of ${n(r.scenario.vms)}, p50 / p95`, (s) => `${n(s.vmsDown.p50)} / ${n(s.vmsDown.p95)}`),
      '',
    );
  }
  out.push('changed:');
  if (!r.changed.length) out.push('  no parameter the model reads');
  for (const c of r.changed) {
    const at = (x: { file: string; line: number; key: string } | null) =>
      x ? `${x.file}:${x.line} ${x.key}` : 'the scenario';
    out.push(
      `  ${c.path} ${String(c.from ?? '-')} -> ${String(c.to)}${c.unit ? ` ${c.unit}` : ''}  (${at(c.proposed)}; was ${at(c.current)})`,
    );
  }
  for (const u of r.unmodelled)
    out.push(
      `  not modelled, not judged: ${u.key} ${u.from ?? '(absent)'} -> ${u.to ?? '(removed)'} (${u.file}:${u.line})`,
    );
  out.push('', 'rests on:', ...r.restsOn.map((s) => `  - ${s}`));
  if (r.policy.rules.length) {
    out.push('', `policy (${r.policy.source}):`);
    for (const x of r.policy.rules)
      out.push(`  ${x.pass ? 'ok  ' : 'FAIL'}  ${x.key} = ${x.value ?? 'not run'} (at most ${x.limit}): ${x.what}`);
  }
  out.push('', 'configs:');
  for (const [side, list] of [
    ['current ', r.configs.current],
    ['proposed', r.configs.proposed],
  ] as const)
    for (const c of list) out.push(`  ${side} ${configLine(c)}`);
  out.push('', `reproduce: ${r.reproduce}`);
  if (r.link) out.push(`playground: ${r.link}`);
  else if (r.linkNote) out.push(`no playground link: ${r.linkNote}`);
  return out.join('\n') + '\n';
}
