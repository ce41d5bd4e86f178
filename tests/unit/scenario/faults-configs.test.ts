// The fault drill for config import (issue 27): files under the 1 MB limit that used to take
// minutes or hours (continuation lines, 45,000 sinks, a megabyte of blank lines, long runs of
// spaces), deep YAML, quoted TOML headers, repeated keys, and values the schema refuses. Reading
// must be linear in the input and bounded in what it reports; a refused value is never applied.
// The time limits are hang guards with a wide margin (the quadratic versions took 60 s to hours),
// not measurements: speed is measured by `npm run bench`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CONFIG_CHARS,
  applyConfigs,
  countRows,
  detectKind,
  importConfig,
  loadPreset,
  type ConfigImport,
} from '../../../src/scenario/index.ts';
import { MAX_LISTED_ROWS, vectorFormat } from '../../../src/scenario/configs/index.ts';
import { LIMIT_SIZED_INPUT } from '../helpers.ts';

const base = () => JSON.parse(JSON.stringify(loadPreset('workshop-outage'))) as Record<string, unknown>;
const row = (imp: ConfigImport, key: string) => imp.rows.find((r) => r.key === key)!;

/** 45,000 sinks, each format, each under the size limit; the pulsar one last */
function sinks(format: 'json' | 'toml' | 'yaml', n = 45_000): string {
  const names = Array.from({ length: n }, (_, i) => `s${i}`);
  if (format === 'json') {
    const s: Record<string, unknown> = {};
    for (const k of names) s[k] = { type: 'c' };
    s.p = { type: 'pulsar', buffer: { when_full: 'drop_newest' } };
    return JSON.stringify({ sources: { in: { type: 'journald' } }, sinks: s });
  }
  if (format === 'toml')
    return `[sources.in]\ntype="journald"\n[sinks]\n${names.map((k) => `${k}.type="c"\n`).join('')}p.type="pulsar"\np.buffer.when_full="drop_newest"\n`;
  return `sources:\n in:\n  type: journald\nsinks:\n${names.map((k) => ` ${k}:\n  type: c\n`).join('')} p:\n  type: pulsar\n  buffer:\n   when_full: drop_newest\n`;
}

describe('fault drill: config import is linear in the input', () => {
  it('a 990 KB broker.conf of continuation lines', LIMIT_SIZED_INPUT, () => {
    const text = 'maxConcurrentLookupRequest=1\\\n' + 'x\\\n'.repeat(330_000) + 'y\n';
    expect(text.length).toBeGreaterThan(980_000);
    expect(text.length).toBeLessThan(MAX_CONFIG_CHARS);
    const imp = importConfig(text, { filename: 'broker.conf' });
    expect(imp.error).toBeNull();
    // one logical line: the key, and its value joined from every continuation
    expect(imp.rows).toHaveLength(1);
    expect(row(imp, 'maxConcurrentLookupRequest')).toMatchObject({ line: 1, status: 'invalid' });
    // and continuation rules still hold: an escaped backslash ends the line, an odd one continues it
    const lines = importConfig('a=1\\\\\nb=2\\\n  3\nc\\=d=4\n', { kind: 'pulsar' }).rows;
    expect(lines.map((r) => [r.key, r.written, r.line])).toEqual([
      ['a', '1\\\\', 1],
      ['b', '23', 2],
      ['c=d', '4', 4],
    ]);
  });

  it('long runs of spaces and a U+2028 in a properties line', LIMIT_SIZED_INPUT, () => {
    const imp = importConfig(`maxConcurrentLookupRequest${' '.repeat(400_000)}\u2028${' '.repeat(400_000)}x`, {
      kind: 'pulsar',
    });
    expect(imp.rows).toHaveLength(1);
    expect(imp.rows[0].status).toBe('invalid');
  });

  it('a megabyte of blank lines: kind and format detected in one pass', LIMIT_SIZED_INPUT, () => {
    const blank = '\n'.repeat(MAX_CONFIG_CHARS - 10);
    expect(detectKind(blank)).toBeNull();
    expect(vectorFormat(blank)).toBe('yaml');
    expect(importConfig(blank).error!.message).toMatch(/cannot tell what kind of config/);
    expect(importConfig(blank, { kind: 'vector' }).error!.message).toMatch(/does not hold a table/);
    expect(detectKind(' \n'.repeat(400_000) + 'sinks:\n')).toBe('vector');
  });

  for (const format of ['json', 'toml', 'yaml'] as const)
    it(
      `45,000 Vector sinks (${format}): the chosen one followed, the others listed up to a bound`,
      LIMIT_SIZED_INPUT,
      () => {
        const text = sinks(format);
        expect(text.length).toBeLessThan(MAX_CONFIG_CHARS);
        const imp = importConfig(text, { kind: 'vector' });
        expect(imp.error).toBeNull();
        expect(row(imp, 'sinks.p.buffer.when_full')).toMatchObject({ status: 'set', value: 'drop_newest' });
        // lines as written: JSON is one line; TOML and YAML put the pulsar sink last
        expect(row(imp, 'sinks.p.buffer.when_full').line).toBe(
          format === 'json' ? 1 : format === 'toml' ? 45_005 : 90_008,
        );
        expect(row(imp, 'sinks.s7').line).toBe(format === 'json' ? 1 : format === 'toml' ? 11 : 19);
        expect(imp.rows.length).toBeLessThan(120);
        const more = row(imp, 'sinks.*');
        expect(more.more).toBe(45_000 - 100);
        expect(more.note).toMatch(/and 44,900 more sinks: the model follows sinks\.p/);
        expect(countRows(imp.rows, 'ignored')).toBe(45_000 + 1);
      },
    );

  it('a megabyte of keys not modelled is a short table that still counts them', LIMIT_SIZED_INPUT, () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `k${i}=1`).join('\n') + '\nmaxConcurrentLookupRequest=7\n';
    const imp = importConfig(text, { kind: 'pulsar' });
    expect(imp.rows.length).toBe(MAX_LISTED_ROWS + 2);
    expect(countRows(imp.rows, 'ignored')).toBe(100_000);
    expect(row(imp, 'maxConcurrentLookupRequest')).toMatchObject({ status: 'set', value: 7 });
  });

  it('a key written again: the later line counts, the earlier says so', () => {
    const imp = importConfig('kernel.hung_task_timeout_secs = 60\nkernel.hung_task_timeout_secs = 240\n', {
      kind: 'sysctl',
    });
    expect(imp.rows[0]).toMatchObject({ status: 'ignored', note: 'written again on line 2: the later line counts' });
    expect(imp.rows[1]).toMatchObject({ status: 'set', value: 240 });
    expect(applyConfigs(base(), [imp]).scenario.hypervisor.hungTaskTimeoutSeconds).toBe(240);
  });
});

describe('fault drill: Vector formats', () => {
  it('a TOML paste whose table headers are all quoted is read as TOML', () => {
    const text =
      '["sources"."my journal"]\ntype = "journald"\n\n["sinks"."to pulsar"]\ntype = "pulsar"\ninputs = ["my journal"]\n\n[sinks."to pulsar".buffer]\nwhen_full = "drop_newest"\n';
    expect(detectKind(text)).toBe('vector');
    expect(vectorFormat(text)).toBe('toml');
    const imp = importConfig(text);
    expect(imp.error).toBeNull();
    expect(row(imp, 'sinks.to pulsar.buffer.when_full')).toMatchObject({
      status: 'set',
      value: 'drop_newest',
      line: 9,
    });
    expect(row(imp, 'sources.my journal.type')).toMatchObject({ status: 'set', value: 'journald-persistent' });
    // a YAML file with a flow list alone on a line is still YAML
    expect(vectorFormat('sinks:\n  p:\n    type: pulsar\n    inputs:\n      [a, b]\n')).toBe('yaml');
  });

  it('deep YAML says it is nested too deeply, never "Maximum call stack size exceeded"', LIMIT_SIZED_INPUT, () => {
    const flow = 'sinks:\n  x: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
    const map = 'sinks: ' + '{a: '.repeat(5000) + '1' + '}'.repeat(5000) + '\n';
    const block = 'sinks:\n' + Array.from({ length: 1300 }, (_, i) => `${' '.repeat(i + 1)}a:\n`).join('');
    for (const text of [flow, map, block]) {
      const imp = importConfig(text, { kind: 'vector', filename: 'deep.yaml' });
      expect(imp.rows).toEqual([]);
      expect(imp.error!.message).toMatch(/^nested too deeply to read/);
      expect(imp.error!.message).not.toMatch(/call stack/i);
      expect(imp.error!.line).toBeGreaterThan(0);
    }
  });

  it('a deep JSON value where a name is expected is shown briefly, never walked whole', () => {
    const text = '{"sinks":{"x":{"type":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}}}';
    const imp = importConfig(text, { kind: 'vector' });
    expect(imp.error).toBeNull();
    expect(row(imp, 'sinks.x').written).toBe('[[[[...]]]]');
  });

  it('YAML keys written twice are still refused, with the line, in one pass', LIMIT_SIZED_INPUT, () => {
    const text = sinks('yaml', 30_000) + ' s5:\n  type: c\n';
    const imp = importConfig(text, { kind: 'vector' });
    expect(imp.error).toMatchObject({ line: 60_009, message: 'the key "s5" is written twice in one table' });
  });
});

describe('fault drill: a refused config value is never applied', () => {
  const tasks = (raw: Record<string, unknown>) => raw.tasks as { pidMax: number; defaultTasksMaxPercent: number };

  it('kernel.pid_max = 0: refused alone, the scenario keeps its pid limit (never the clamped 301)', () => {
    const raw = base();
    const { scenario, imports } = applyConfigs(raw, [importConfig('kernel.pid_max=0\n', { kind: 'sysctl' })]);
    expect(scenario.tasks.pidMax).toBe(tasks(raw).pidMax);
    expect(imports[0].rows[0]).toMatchObject({
      status: 'invalid',
      note: `must be at least 301 pids (got 0); kept ${tasks(raw).pidMax} pids`,
    });
  });

  it('threads-max = -5 does not undercut a valid pid_max: each is checked before the smaller is taken', () => {
    const imp = importConfig('kernel.pid_max = 4194304\nkernel.threads-max = -5\n', { kind: 'sysctl' });
    const { scenario, imports } = applyConfigs(base(), [imp]);
    expect(scenario.tasks.pidMax).toBe(4194304);
    expect(imports[0].rows.map((r) => r.status)).toEqual(['set', 'invalid']);
    // and two valid ones: the smaller counts, as before
    const both = importConfig('kernel.pid_max = 4194304\nkernel.threads-max = 100000\n', { kind: 'sysctl' });
    expect(applyConfigs(base(), [both]).scenario.tasks.pidMax).toBe(100000);
  });

  it('DefaultTasksMax=0 (absolute or 0%): refused, the share kept', () => {
    for (const v of ['0', '0%']) {
      const raw = base();
      const { scenario, imports } = applyConfigs(raw, [
        importConfig(`[Manager]\nDefaultTasksMax=${v}\n`, { kind: 'systemd' }),
      ]);
      expect(scenario.tasks.defaultTasksMaxPercent).toBe(tasks(raw).defaultTasksMaxPercent);
      expect(imports[0].rows[0].status).toBe('invalid');
      expect(imports[0].rows[0].note).toMatch(new RegExp(`kept ${tasks(raw).defaultTasksMaxPercent} %$`));
    }
  });

  it('any value of any rule: the scenario holds the value as it was, or exactly what a set row says (property)', () => {
    const keys = [
      ['sysctl', 'kernel.pid_max', 'tasks.pidMax'],
      ['sysctl', 'kernel.threads-max', 'tasks.pidMax'],
      ['sysctl', 'kernel.hung_task_timeout_secs', 'hypervisor.hungTaskTimeoutSeconds'],
      ['pulsar', 'maxConcurrentLookupRequest', 'messaging.maxConcurrentLookupRequest'],
      ['pulsar', 'operationTimeoutMs', 'messaging.operationTimeoutSeconds'],
    ] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.integer(), fc.constantFrom('-0', '1e9', '0', 'x', ''))),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (lines) => {
          const raw = base();
          const kind = lines[0][0][0];
          const text = lines
            .filter(([k]) => k[0] === kind)
            .map(([k, v]) => `${k[1]}=${v}`)
            .join('\n');
          const { scenario, imports } = applyConfigs(raw, [importConfig(text, { kind })]);
          for (const [, , path] of keys.filter((k) => k[0] === kind)) {
            const [group, name] = path.split('.');
            const before = (raw[group] as Record<string, unknown>)[name];
            const now = (scenario as unknown as Record<string, Record<string, unknown>>)[group][name];
            const set = imports[0].rows.filter((r) => r.status === 'set' && r.path === path).map((r) => r.value);
            expect([before, ...set]).toContain(now);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
