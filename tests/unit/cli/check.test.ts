// `check`: exit 0 when the proposal passes the policy, 1 when it fails, 2 on bad input with a
// message saying what and where; the default policy and a policy file; the JSON contract.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_TO_DROP, DROP_TO_BLOCK, F, SMALL, check, files } from './check-helpers.ts';
import { CHECK_SCHEMA, type CheckReport } from '../../../src/cli/check/types.ts';
import { WHOLE_RUNS } from '../helpers.ts';

describe('check: the verdict and its exit code', WHOLE_RUNS, () => {
  it('passes (0) a proposal that removes the panics, and fails (1) the one that brings them back', async () => {
    const pass = await check(...BLOCK_TO_DROP, ...SMALL, '--format', 'json');
    expect(pass.err).toBe('');
    expect(pass.code).toBe(0);
    const r = JSON.parse(pass.out) as CheckReport;
    expect(r).toMatchObject({ kind: 'cascade-check', schema: CHECK_SCHEMA, result: 'pass', changes: true });
    expect(r.current!.panicChance).toBe(1);
    expect(r.proposed!.panicChance).toBe(0);
    expect(r.paired).toMatchObject({ morePanicWorlds: 0, fewerPanicWorlds: 2, removesEveryPanicWorlds: 2 });
    expect(r.changed).toEqual([
      expect.objectContaining({
        path: 'telemetry.buffer.whenFull',
        from: 'block',
        to: 'drop_newest',
        current: { file: `${F}/vector-current.toml`, line: 18, key: 'sinks.my_sink_id.buffer.when_full' },
        proposed: { file: `${F}/vector-proposed.toml`, line: 17, key: 'sinks.my_sink_id.buffer.when_full' },
      }),
    ]);
    expect(r.worlds.each.map((w) => w.seed)).toEqual([1, 2]);
    expect(r.reproduce).toBe(
      `cascade check --config ${F}/vector-current.toml --proposed-config ${F}/vector-proposed.toml --set fleet.hypervisors=3 --worlds 2 --worlds-from seeds`,
    );

    const fail = await check(...DROP_TO_BLOCK, ...SMALL);
    expect(fail.code).toBe(1);
    expect(fail.out).toMatch(/^check: FAIL\n/);
    expect(fail.out).toContain(
      'they panic more hosts than the current configs in 2 of 2 worlds; they raise the chance of a panic from 0% to 100%.',
    );
  });

  it('passes at once, running nothing, a proposal that changes no parameter the model reads', async () => {
    const dir = files({ 'v.toml': '# a comment the model does not read\n' });
    const same = await check(
      '--config',
      `${F}/vector-current.toml`,
      '--proposed-config',
      `${F}/vector-current.toml`,
      '--proposed-config',
      `journald:${join(dir, 'v.toml')}`,
      ...SMALL,
      '--format',
      'json',
    );
    expect(same.code).toBe(0);
    const r = JSON.parse(same.out) as CheckReport;
    expect(r).toMatchObject({ changes: false, current: null, proposed: null, paired: null, result: 'pass' });
    expect(r.worlds.each).toEqual([]);
  });
});

describe('check: the policy', WHOLE_RUNS, () => {
  it('reads limits from a YAML file; a limit on the proposal runs it even when it changes nothing', async () => {
    const dir = files({
      'policy.yaml': 'version: 1\nmax:\n  morePanicWorlds: null   # off\n  hostsPanickedP95: 0\n',
    });
    const r = await check(...DROP_TO_BLOCK, ...SMALL, '--policy', join(dir, 'policy.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/they panic \d hosts in the 95th-percentile world \(at most 0\)/);
    expect(r.out).not.toMatch(/morePanicWorlds/);
    const same = await check(
      '--config',
      `${F}/vector-current.toml`,
      '--proposed-config',
      `${F}/vector-current.toml`,
      ...SMALL,
      '--policy',
      join(dir, 'policy.yaml'),
    );
    expect(same.code).toBe(1);
    expect(same.out).toContain('fail the policy (they change no parameter the model reads): they panic');
  });

  it('reads JSON too, and a limit loose enough passes what the default fails', async () => {
    const dir = files({ 'p.json': JSON.stringify({ max: { morePanicWorlds: 2, panicChanceIncrease: 1 } }) });
    expect((await check(...DROP_TO_BLOCK, ...SMALL, '--policy', join(dir, 'p.json'))).code).toBe(0);
  });

  it('refuses (2) a policy it cannot read, naming the file, the line and the key', async () => {
    const dir = files({
      'typo.json': '{\n  "max": {\n    "panicChanc": 0.1\n  }\n}\n',
      'pct.yaml': 'max:\n  panicChance: 5\n',
      'worlds.yaml': 'max:\n  morePanicWorlds: 0.5\n',
      'top.yaml': 'limits: {}\n',
      'broken.yaml': 'max: [\n',
      'newer.yaml': 'version: 2\n',
    });
    const err = async (name: string) => {
      const r = await check(...BLOCK_TO_DROP, ...SMALL, '--policy', join(dir, name));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      return r.err;
    };
    expect(await err('typo.json')).toContain(`${join(dir, 'typo.json')}:3: unknown limit "panicChanc": known are`);
    expect(await err('pct.yaml')).toContain('pct.yaml:2: max.panicChance: a chance is from 0 to 1 (write 0.05 for 5%)');
    expect(await err('worlds.yaml')).toContain(
      'worlds.yaml:2: max.morePanicWorlds: a number of worlds is a whole number',
    );
    expect(await err('top.yaml')).toContain('top.yaml:1: unknown key "limits"');
    expect(await err('broken.yaml')).toMatch(/broken\.yaml:\d+: not JSON or YAML/);
    expect(await err('newer.yaml')).toContain('newer.yaml:1: version 2 is not known');
    expect(await err('missing.yaml')).toContain('--policy: cannot read');
  });
});

describe('check: bad input exits 2 with what and where', () => {
  const err = async (...argv: string[]) => {
    const r = await check(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    return r.err;
  };

  it('names the flag for bad options', async () => {
    expect(await err('--config', `${F}/vector-current.toml`)).toContain('name the proposed configs');
    expect(await err(...BLOCK_TO_DROP, '--worlds', '0')).toContain(
      '--worlds "0": expected a whole number from 1 to 256',
    );
    expect(await err(...BLOCK_TO_DROP, '--format', 'html')).toContain('--format "html": expected text, markdown, json');
    expect(await err(...BLOCK_TO_DROP, '--worlds-from', 'posterior')).toContain(
      'expected seeds or prior or calibrated',
    );
    expect(await err(...BLOCK_TO_DROP, '--site', 'javascript:alert(1)')).toContain('expected an http(s) address');
    expect(await err(...BLOCK_TO_DROP, '--bogus')).toContain("Unknown option '--bogus'");
  });

  it('names the file: missing, an unknown kind, a file that does not parse (with its line)', async () => {
    expect(await err('--proposed-config', 'nope/vector.toml')).toContain(
      '--proposed-config: cannot read nope/vector.toml',
    );
    expect(await err('--proposed-config', `nginx:${F}/vector-current.toml`)).toContain(
      'unknown kind "nginx" (known: vector, pulsar, sysctl, systemd, journald)',
    );
    const dir = files({ 'vector.toml': '[sinks.a]\ntype = "pulsar"\n[sinks.a\n' });
    expect(await err('--proposed-config', join(dir, 'vector.toml'))).toMatch(/vector\.toml:3: .*\(nothing applied\)/);
  });

  it('refuses a value the model refuses, with the file, the line and the key', async () => {
    const dir = files({ 'sysctl.conf': '# proposed\nkernel.hung_task_timeout_secs = 99999999\n' });
    const e = await err(...BLOCK_TO_DROP, '--proposed-config', join(dir, 'sysctl.conf'));
    expect(e).toContain(`${join(dir, 'sysctl.conf')}:2: kernel.hung_task_timeout_secs: `);
    expect(e).toMatch(/kept/);
  });
});
