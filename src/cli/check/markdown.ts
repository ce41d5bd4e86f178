// The check as a pull-request comment (GitHub and GitLab markdown): the answer in one sentence, a
// table current vs proposed, the keys that changed with file and line, what the verdict rests on,
// the command to reproduce and, with --site, a link opening the same comparison in the playground.
// Everything from the files (keys, values, names) is escaped: a config cannot break the table or
// inject markup into the comment.

import { chance, percent } from './policy.ts';
import type { CheckReport, SideStats } from './types.ts';

/** A code span of any text: one line, at most `max` characters, `|` escaped for tables. */
export function code(text: string, max = 80): string {
  let s = text.replace(/[\r\n\t]+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  s = s.replace(/\|/g, '\\|');
  const ticks = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  const pad = s.startsWith('`') || s.endsWith('`') || ticks > 1 ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Plain text with markdown and HTML characters escaped. */
export function plain(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
}

const n = (x: number) => x.toLocaleString('en-US');
const worldsOf = (s: SideStats) => `${chance(s.panicChance)} (${s.worldsWithPanic} of ${s.worlds})`;
const pair = (a: number, b: number) => `${n(a)} / ${n(b)}`;

function table(r: CheckReport): string[] {
  const c = r.current!,
    p = r.proposed!;
  const row = (label: string, f: (s: SideStats) => string) => `| ${label} | ${f(c)} | ${f(p)} |`;
  return [
    `| over ${r.worlds.count} world${r.worlds.count === 1 ? '' : 's'} | current | proposed |`,
    '| --- | ---: | ---: |',
    row('chance of a panic', worldsOf),
    row(`hosts panicked (of ${n(r.scenario.hypervisors)}), p50 / p95`, (s) =>
      pair(s.hostsPanicked.p50, s.hostsPanicked.p95),
    ),
    row('events dropped, mean', (s) => percent(s.droppedPercent.mean)),
    row('events lost, mean', (s) => percent(s.lostPercent.mean)),
    row(`VMs down (of ${n(r.scenario.vms)}), p50 / p95`, (s) => pair(s.vmsDown.p50, s.vmsDown.p95)),
  ];
}

const where = (at: { file: string; line: number } | null) => (at ? code(`${at.file}:${at.line}`, 120) : 'the scenario');

function changes(r: CheckReport): string[] {
  const out: string[] = [];
  if (r.changed.length) {
    out.push('| key | current | proposed | what the model reads |', '| --- | --- | --- | --- |');
    for (const c of r.changed) {
      const key = c.proposed ?? c.current;
      const unit = c.unit ? ` ${plain(c.unit)}` : '';
      out.push(
        `| ${key ? code(key.key) : code(c.path)}<br>${where(c.proposed)} (was ${where(c.current)}) | ` +
          `${c.from === null ? '-' : code(String(c.from))}${unit} | ${code(String(c.to))}${unit} | ${plain(c.label)} (${code(c.path)}) |`,
      );
    }
  } else out.push('The proposed files change no parameter the model reads.');
  if (r.unmodelled.length) {
    const shown = r.unmodelled.slice(0, 12).map((u) => {
      const what =
        u.from === null
          ? `added, ${code(u.to!, 40)}`
          : u.to === null
            ? `removed (was ${code(u.from, 40)})`
            : `${code(u.from, 40)} → ${code(u.to, 40)}`;
      return `${code(u.key, 60)} (${code(`${u.file}:${u.line}`, 120)}): ${what}`;
    });
    const more = r.unmodelled.length > 12 ? `; and ${r.unmodelled.length - 12} more` : '';
    out.push('', `Changed but not modelled, so not judged: ${shown.join('; ')}${more}.`);
  }
  return out;
}

function policy(r: CheckReport): string[] {
  const fmt = (x: { unit: string; key: string }, v: number | null) => {
    if (v === null) return 'not run';
    // a rise (proposed minus current) in points, with its sign
    if (x.key.endsWith('Increase'))
      return `${v > 0 ? '+' : ''}${x.unit === 'chance' ? Math.round(v * 1000) / 10 : v} points`;
    return x.unit === 'chance' ? chance(v) : x.unit === 'percent' ? percent(v) : n(v);
  };
  return [
    '| limit | at most | measured | |',
    '| --- | ---: | ---: | --- |',
    ...r.policy.rules.map(
      (x) =>
        `| ${plain(x.what)} (${code(x.key)}) | ${fmt(x, x.limit)} | ${fmt(x, x.value)} | ${x.pass ? 'pass' : '**fail**'} |`,
    ),
  ];
}

export function markdown(r: CheckReport): string {
  const lines = [
    `### ${r.result === 'pass' ? '✅' : '❌'} Cascade change check: ${r.result === 'pass' ? 'pass' : 'fail'}`,
    '',
    `**${plain(r.answer)}**`,
    '',
  ];
  if (r.current && r.proposed) lines.push(...table(r), '');
  const worse = r.worlds.each.filter((w) => w.proposed && w.proposed.panicked > w.current.panicked);
  if (worse.length)
    lines.push(
      `Worlds where the proposal panics more hosts: ${worse
        .slice(0, 8)
        .map((w) => `seed ${w.seed} (${w.current.panicked} → ${w.proposed!.panicked})`)
        .join(', ')}${worse.length > 8 ? `, and ${worse.length - 8} more` : ''}.`,
      '',
    );
  lines.push('#### What changed', '', ...changes(r), '');
  lines.push('#### What the verdict rests on', '', ...r.restsOn.map((s) => `- ${plain(s)}`), '');
  if (r.policy.rules.length) lines.push(...policy(r), '');
  lines.push('#### Reproduce', '', '```sh', r.reproduce.replace(/`{3,}/g, '` ` `'), '```', '');
  if (r.link) lines.push(`[Open this comparison in the playground](${r.link})`, '');
  else if (r.linkNote) lines.push(`No playground link: ${plain(r.linkNote)}`, '');
  return lines.join('\n');
}
