// The GitHub Action's step (action.yml runs `cascade action`): reads the inputs from INPUT_*
// variables, runs the check once, appends the markdown to the job summary ($GITHUB_STEP_SUMMARY),
// writes the JSON and markdown reports beside it, sets the outputs ($GITHUB_OUTPUT: result,
// panic-chance, panic-chance-current, report, markdown) and returns the check's exit code, so the
// step fails when the policy fails (1) or the input is bad (2, with an annotation on the file and
// line when there is one). Runs the same anywhere those variables are set (tests use temp files).

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdown } from './markdown.ts';
import { parseCheckArgs, runCheck, type CheckHost, type CheckIO } from './main.ts';
import { text } from './text.ts';
import type { CheckError } from './types.ts';

type Env = Record<string, string | undefined>;

/** A list input: paths separated by newlines or spaces (so a YAML block or one line both work). */
const list = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean);
/** `--set` lines: one path=value a line (a value may hold spaces). */
const lines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The command line the inputs stand for. */
export function actionArgs(env: Env): string[] {
  const input = (name: string) => {
    const v = env[`INPUT_${name.toUpperCase()}`]?.trim();
    return v ? v : undefined;
  };
  const opt = (flag: string, v: string | undefined) => (v === undefined ? [] : [flag, v]);
  return [
    ...opt('--scenario', input('scenario')),
    ...list(input('current')).flatMap((f) => ['--config', f]),
    ...list(input('proposed')).flatMap((f) => ['--proposed-config', f]),
    ...lines(input('set')).flatMap((s) => ['--set', s]),
    ...opt('--seed', input('seed')),
    ...opt('--worlds', input('worlds')),
    ...opt('--worlds-from', input('worlds_from') ?? input('worlds-from')),
    ...opt('--policy', input('policy')),
    ...opt('--site', input('site')),
  ];
}

/** Workflow-command escaping (GitHub's toolkit rules). */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function annotation(level: 'error' | 'warning', e: CheckError): string {
  const props = [
    ...(e.file ? [`file=${prop(e.file)}`] : []),
    ...(e.line ? [`line=${e.line}`] : []),
    'title=Cascade check',
  ];
  return `::${level} ${props.join(',')}::${data(e.message)}\n`;
}

export async function actionMain(env: Env, io: CheckIO, host: CheckHost): Promise<number> {
  const outputs: Record<string, string> = {};
  const summary = (md: string) => {
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, md + '\n');
  };
  const finish = (code: number) => {
    if (env.GITHUB_OUTPUT)
      appendFileSync(
        env.GITHUB_OUTPUT,
        Object.entries(outputs)
          .map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, ' ')}\n`)
          .join(''),
      );
    return code;
  };
  const bad = (errors: CheckError[]) => {
    outputs.result = 'error';
    for (const e of errors) io.out(annotation('error', e));
    summary(
      [
        '### ⚠️ Cascade change check: the input could not be read',
        '',
        ...errors.map(
          (e) =>
            `- ${e.file ? `\`${e.file}${e.line ? `:${e.line}` : ''}\`: ` : ''}${e.message.replace(/[\r\n]+/g, ' ')}`,
        ),
        '',
      ].join('\n'),
    );
    return finish(2);
  };
  const args = parseCheckArgs(actionArgs(env));
  if (!args.options) return bad(args.errors.length ? args.errors : [{ message: 'no inputs' }]);
  let result;
  try {
    result = await runCheck(args.options, host);
  } catch (e) {
    return bad([{ message: `internal error: ${(e as Error).message}` }]);
  }
  if (!result.report) return bad(result.errors);
  const r = result.report;
  const md = markdown(r);
  summary(md);
  const dir = env.RUNNER_TEMP || env.GITHUB_WORKSPACE || '.';
  mkdirSync(dir, { recursive: true });
  const reportFile = join(dir, 'cascade-check.json'),
    mdFile = join(dir, 'cascade-check.md');
  writeFileSync(reportFile, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(mdFile, md);
  Object.assign(outputs, {
    result: r.result,
    'panic-chance': String(r.proposed?.panicChance ?? ''),
    'panic-chance-current': String(r.current?.panicChance ?? ''),
    report: reportFile,
    markdown: mdFile,
  });
  io.out(text(r));
  if (r.result === 'fail') {
    // on the lines of the proposal that change what the model reads: where a reviewer looks
    const at = r.changed.filter((c) => c.proposed);
    for (const c of at)
      io.out(
        annotation('error', { message: `${c.path} ${String(c.from)} -> ${String(c.to)}: ${r.answer}`, ...c.proposed! }),
      );
    if (!at.length) io.out(annotation('error', { message: r.answer }));
  }
  return finish(r.result === 'pass' ? 0 : 1);
}
