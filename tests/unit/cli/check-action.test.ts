// The GitHub Action's step (action.yml runs `cascade action`), run here with temporary files for
// the job summary and the outputs: the markdown appended, the outputs set, the exit code that
// fails the step, and annotations on the file and line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionArgs, actionMain } from '../../../src/cli/check/action.ts';
import { F, HOST, files } from './check-helpers.ts';
import { WHOLE_RUNS } from '../helpers.ts';

async function step(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-action-'));
  const summary = join(dir, 'summary.md'),
    output = join(dir, 'output.txt');
  writeFileSync(summary, '# earlier step\n');
  const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: dir };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  let out = '';
  const code = await actionMain(env, { out: (t) => (out += t), err: (t) => (out += t) }, HOST);
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code, out, summary: readFileSync(summary, 'utf8'), outputs };
}

const SMALL = { set: 'fleet.hypervisors=3', worlds: '2', worlds_from: 'seeds' };
const OUTPUTS = ['markdown', 'panic-chance', 'panic-chance-current', 'report', 'result'];

describe('the action step', WHOLE_RUNS, () => {
  it('reads list inputs the way a workflow writes them', () => {
    expect(
      actionArgs({
        INPUT_CURRENT: 'a.toml\nsysctl:b.conf\n',
        INPUT_PROPOSED: ' c.toml  d.toml ',
        INPUT_SET: 'fleet.hypervisors=3\ntelemetry.source=file\n',
        INPUT_WORLDS: '4',
        INPUT_SCENARIO: '',
      }),
    ).toEqual([
      '--config',
      'a.toml',
      '--config',
      'sysctl:b.conf',
      '--proposed-config',
      'c.toml',
      '--proposed-config',
      'd.toml',
      '--set',
      'fleet.hypervisors=3',
      '--set',
      'telemetry.source=file',
      '--worlds',
      '4',
    ]);
  });

  it('passes: appends the markdown to the summary, sets the outputs, writes the reports', async () => {
    const r = await step({ current: `${F}/vector-current.toml`, proposed: `${F}/vector-proposed.toml`, ...SMALL });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/^# earlier step\n### ✅ Cascade change check: pass\n/);
    expect(Object.keys(r.outputs).sort()).toEqual(OUTPUTS);
    expect(r.outputs).toMatchObject({ result: 'pass', 'panic-chance': '0', 'panic-chance-current': '1' });
    expect(JSON.parse(readFileSync(r.outputs.report, 'utf8'))).toMatchObject({ kind: 'cascade-check', result: 'pass' });
    expect(readFileSync(r.outputs.markdown, 'utf8')).toBe(r.summary.slice('# earlier step\n'.length, -1));
    expect(r.out).toMatch(/^check: PASS/);
    expect(r.out).not.toContain('::error');
  });

  it('fails the step (1) when the policy fails, with an annotation on the line that changed', async () => {
    const r = await step({ current: `${F}/vector-proposed.toml`, proposed: `${F}/vector-current.toml`, ...SMALL });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'fail', 'panic-chance': '1', 'panic-chance-current': '0' });
    expect(r.summary).toContain('### ❌ Cascade change check: fail');
    expect(r.out).toContain(
      `::error file=${F}/vector-current.toml,line=18,title=Cascade check::telemetry.buffer.whenFull drop_newest -> block: The proposed configs fail the policy`,
    );
  });

  it('stops (2) on bad input: the error on the file and line, in the summary too', async () => {
    const dir = files({ 'sysctl.conf': '# proposed\nkernel.hung_task_timeout_secs = 99999999\n' });
    const r = await step({ proposed: join(dir, 'sysctl.conf'), ...SMALL });
    expect(r.code).toBe(2);
    expect(r.outputs).toEqual({ result: 'error' });
    expect(r.out).toMatch(/^::error file=.*sysctl\.conf,line=2,title=Cascade check::kernel\.hung_task_timeout_secs: /);
    expect(r.summary).toContain('### ⚠️ Cascade change check: the input could not be read');
    const none = await step({});
    expect(none.code).toBe(2);
    expect(none.out).toContain('::error title=Cascade check::name the proposed configs');
  });
});

describe('action.yml', () => {
  it('passes every input to the step through the environment, and the step reads each one', async () => {
    const { parse } = await import('yaml');
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: { id?: string; env?: Record<string, string>; run?: string }[] };
    };
    expect(action.runs.using).toBe('composite');
    const stepDef = action.runs.steps.find((s) => s.id === 'check')!;
    expect(stepDef.run).toBe('node "$GITHUB_ACTION_PATH/dist-cli/cascade.js" action');
    for (const name of Object.keys(action.inputs)) {
      if (name === 'node-version') continue;
      const env = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      expect(stepDef.env?.[env], env).toBe(`\${{ inputs.${name} }}`);
      expect(actionArgs({ [env]: 'x' }).length, `${env} is read`).toBeGreaterThan(0);
    }
    expect(Object.keys(action.outputs).sort()).toEqual(OUTPUTS);
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.check.outputs.${name} }}`);
  });
});
