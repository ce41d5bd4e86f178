// Config values onto a scenario, through the one schema. Contract: a value the schema refuses or
// would clamp is never applied, on any path (the CLI's --config, the page's paste, file, saved
// draft and Apply all come here): its row is marked invalid and says what the scenario kept, and
// the run uses the kept value, never the clamped one (kernel.pid_max = 0 used to run as 301).

import { PARAM_BY_PATH } from '../params/index.ts';
import { checkParam, getPath, parseScenario, setPath, type ValidScenario } from '../validate.ts';
import { refusalReason } from './rows.ts';
import type { ConfigImport, ConfigRow } from './types.ts';

export interface Applied {
  scenario: ValidScenario;
  /** the imports, with rows the schema refused marked invalid (and what was kept) */
  imports: ConfigImport[];
}

type Raw = Parameters<typeof setPath>[0];

function refuse(r: ConfigRow, reason: string): void {
  // a conversion note stays in front: "0 of pid limit 32768 = 0%: must be at least 0.1 % ..."
  Object.assign(r, { status: 'invalid', note: `${r.note ? `${r.note}: ` : ''}${reason}: refused` });
  delete r.value;
}

/** An absolute DefaultTasksMax as the share of the scenario's pid limit the model takes. */
function tasksShare(copy: Raw, r: ConfigRow): void {
  const pidMax = Number(getPath(copy, 'tasks.pidMax')) || 32768;
  const pct = Math.min(100, Math.round((Number(r.value) / pidMax) * 1e4) / 100);
  Object.assign(r, {
    path: 'tasks.defaultTasksMaxPercent',
    note: `${r.value} of pid limit ${pidMax} = ${pct}%`,
    value: pct,
  });
}

/**
 * Applies every set row of imports without errors, in order, to a copy of `raw` (later files win),
 * then validates once. A value the schema refuses or would clamp is not applied: its row says why
 * and what was kept.
 */
export function applyConfigs(raw: Record<string, unknown>, imports: readonly ConfigImport[]): Applied {
  const copy = JSON.parse(JSON.stringify(raw)) as Raw;
  const out = imports.map((imp) => ({ ...imp, rows: imp.rows.map((r) => ({ ...r })) }));
  const applied: ConfigRow[] = [];
  for (const imp of out) {
    if (imp.error) continue;
    for (const r of imp.rows) {
      if (r.status !== 'set' || !r.path) continue;
      if (r.path === 'tasks.defaultTasksMax') tasksShare(copy, r);
      if (r.path === 'telemetry.source' && r.key === 'Journal.Storage') {
        const cur = getPath(copy, 'telemetry.source');
        if (cur !== 'journald-volatile' && cur !== 'journald-persistent') {
          Object.assign(r, {
            status: 'ignored',
            note: `the agent reads ${String(cur)}, not the journal: Storage does not matter`,
          });
          continue;
        }
      }
      // the one schema, on this value alone, before it is written (importConfig checked the
      // values it converted itself; this covers the ones converted here)
      const p = PARAM_BY_PATH.get(r.path);
      const c = p && checkParam(p, r.value as never);
      if (c && c.problem) {
        refuse(r, refusalReason(c.problem));
        continue;
      }
      setPath(copy, r.path, r.value as never);
      applied.push(r);
    }
  }
  let { scenario, issues } = parseScenario(copy);
  // a value fine alone but not with the rest (a cross-field check): put the value back as it
  // was before any config and validate again, so the run never uses what the schema changed
  const back = applied.filter((r) => issues.some((i) => i.path === r.path));
  if (back.length) {
    for (const r of back) {
      const issue = issues.find((i) => i.path === r.path)!;
      refuse(r, refusalReason(issue.message));
      setPath(copy, r.path!, getPath(raw as Raw, r.path!) as never);
    }
    ({ scenario, issues } = parseScenario(copy));
  }
  for (const imp of out)
    for (const r of imp.rows) {
      if (r.status !== 'invalid' || !r.path || !PARAM_BY_PATH.has(r.path)) continue;
      const kept = getPath(scenario as unknown as Raw, r.path);
      const p = PARAM_BY_PATH.get(r.path);
      const unit = p && 'unit' in p && p.unit ? ` ${p.unit}` : '';
      r.note = `${r.note.replace(/: refused$/, '')}; kept ${String(kept)}${unit}`;
    }
  return { scenario, imports: out };
}
