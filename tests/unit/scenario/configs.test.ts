// Bring your own configs: real-world shaped files in, parameter values out, every key reported;
// hostile input never throws and sets nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyConfigs, detectKind, importConfig, loadPreset, type ConfigImport } from '../../../src/scenario/index.ts';
import { parseBytes, parseSeconds } from '../../../src/scenario/configs/index.ts';
import { PROPERTIES } from '../helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/configs/${name}`, import.meta.url), 'utf8');
const set = (imp: ConfigImport) =>
  Object.fromEntries(imp.rows.filter((r) => r.status === 'set').map((r) => [r.path, r.value]));
const base = () => JSON.parse(JSON.stringify(loadPreset('clevercloud-2024-08-02')));

describe('units', () => {
  it('reads sizes and durations as their tools write them', () => {
    expect(parseBytes('256MiB')).toBe(268435456);
    expect(parseBytes('2GiB')).toBe(2 ** 31);
    expect(parseBytes('200M')).toBe(200 * 2 ** 20); // systemd: 1024-based
    expect(parseBytes('1MB')).toBe(1e6);
    expect(parseBytes(268435488)).toBe(268435488);
    expect(parseBytes('lots')).toBeNull();
    expect(parseSeconds('30s')).toBe(30);
    expect(parseSeconds('500ms')).toBe(0.5);
    expect(parseSeconds('5min')).toBe(300);
  });
});

describe('Vector', () => {
  it('TOML: follows the pulsar sink among several, its disk buffer, and the journald source', () => {
    const imp = importConfig(fixture('vector-pulsar.toml'), { filename: 'vector.toml' });
    expect(imp.kind).toBe('vector');
    expect(imp.error).toBeNull();
    expect(set(imp)).toEqual({
      'telemetry.buffer.type': 'disk',
      'telemetry.buffer.maxSizeBytes': 2 ** 30,
      'telemetry.buffer.whenFull': 'drop_newest',
      'telemetry.source': 'journald-persistent',
    });
    const other = imp.rows.find((r) => r.key === 'sinks.console')!;
    expect(other.status).toBe('ignored');
    expect(other.note).toMatch(/follows sinks.to_pulsar \(the pulsar sink\)/);
    const size = imp.rows.find((r) => r.path === 'telemetry.buffer.maxSizeBytes')!;
    expect(size.line).toBe(25); // max_size = "256MiB"
    expect(size.note).toContain('1GiB = 1073741824 B');
  });

  it("YAML: Vector's defaults for what is not written, a socket source", () => {
    const imp = importConfig(fixture('vector-socket.yaml'), { filename: 'vector.yaml' });
    expect(set(imp)).toEqual({
      'telemetry.buffer.type': 'memory',
      'telemetry.buffer.maxEvents': 10000,
      'telemetry.buffer.whenFull': 'block',
      'telemetry.source': 'socket',
    });
    expect(imp.rows.find((r) => r.path === 'telemetry.buffer.whenFull')!.note).toContain("Vector's default");
  });

  it('JSON: an http sink (the only one), file source, request retries', () => {
    const imp = importConfig(fixture('vector-file.json'));
    expect(set(imp)).toMatchObject({
      'telemetry.source': 'file',
      'telemetry.retryMaxSeconds': 60,
      'telemetry.buffer.maxEvents': 500,
    });
  });

  it('a file that does not parse sets nothing and names the line', () => {
    const imp = importConfig('[sinks.a]\ntype = "pulsar"\nbuffer = {\n', { kind: 'vector', filename: 'bad.toml' });
    expect(imp.rows).toEqual([]);
    expect(imp.error!.line).toBeGreaterThanOrEqual(3);
    const dup = importConfig('sinks:\n  a:\n    type: pulsar\n  a:\n    type: http\n', {
      kind: 'vector',
      filename: 'dup.yaml',
    });
    expect(dup.error).not.toBeNull();
    expect(dup.error!.line).toBe(4);
  });
});

describe('Pulsar, sysctl, systemd', () => {
  it('broker.conf (Java properties, with a continued line)', () => {
    const imp = importConfig(fixture('broker.conf'), { filename: 'broker.conf' });
    expect(imp.kind).toBe('pulsar');
    expect(set(imp)).toEqual({
      'messaging.maxConcurrentLookupRequest': 50000,
      'messaging.maxConcurrentTopicLoadRequest': 5000,
      'messaging.loadManager': 'extensible',
      'messaging.sheddingStrategy': 'TransferShedder',
      'messaging.sheddingIntervalSeconds': 60,
      'messaging.ownerWaitSeconds': 30,
    });
    expect(imp.rows.find((r) => r.key === 'clusterName')).toMatchObject({
      status: 'ignored',
      note: 'not modelled: ignored',
      line: 2,
    });
    expect(imp.rows.find((r) => r.key === 'loadBalancerInFlightServiceUnitStateWaitingTimeInMillis')!.line).toBe(11);
  });

  it('sysctl -a: hung task settings and the smaller of pid_max and threads-max', () => {
    const imp = importConfig(fixture('sysctl-a.txt'));
    expect(imp.kind).toBe('sysctl');
    expect(set(imp)).toEqual({
      'hypervisor.hungTaskCheckIntervalSeconds': 0,
      'hypervisor.hungTaskPanic': true,
      'hypervisor.hungTaskTimeoutSeconds': 240,
      'tasks.pidMax': 1030000,
    });
    expect(imp.rows.find((r) => r.key === 'vm.dirty_ratio')!.status).toBe('ignored');
  });

  it('system.conf and journald.conf', () => {
    const sys = importConfig(fixture('system.conf'), { filename: 'system.conf' });
    expect(sys.kind).toBe('systemd');
    expect(set(sys)).toEqual({ 'tasks.defaultTasksMaxPercent': 15 });
    const j = importConfig(fixture('journald.conf'), { filename: 'journald.conf' });
    expect(j.kind).toBe('journald');
    expect(set(j)).toEqual({ 'telemetry.source': 'journald-volatile' });
    expect(j.rows.find((r) => r.key === 'Journal.RuntimeMaxUse')!.note).toMatch(/not modelled as a size/);
  });

  it('detects the kind from content alone', () => {
    expect(detectKind(fixture('broker.conf'))).toBe('pulsar');
    expect(detectKind(fixture('sysctl-a.txt'))).toBe('sysctl');
    expect(detectKind(fixture('vector-socket.yaml'))).toBe('vector');
    expect(detectKind('hello world')).toBeNull();
  });
});

describe('applying', () => {
  it('goes through the one schema: refused values are marked invalid with what was kept', () => {
    const good = importConfig(fixture('vector-pulsar.toml'), { filename: 'v.toml' });
    const bad = importConfig('kernel.hung_task_timeout_secs = 99999999\n', { kind: 'sysctl' });
    // Vector's own minimum for a disk buffer is 256 MiB + 32 B: 256MiB is refused and clamped, as Vector would refuse it
    const small = importConfig('[sinks.p]\ntype = "pulsar"\n[sinks.p.buffer]\ntype = "disk"\nmax_size = "256MiB"\n', {
      kind: 'vector',
      filename: 's.toml',
    });
    const clamped = applyConfigs(base(), [small]).imports[0].rows.find((r) => r.key === 'sinks.p.buffer.max_size')!;
    expect(clamped.status).toBe('invalid');
    expect(clamped.note).toMatch(/kept 268435488 B/);
    const { scenario, imports } = applyConfigs(base(), [good, bad]);
    expect(scenario.telemetry.buffer.whenFull).toBe('drop_newest');
    expect(scenario.telemetry.buffer.type).toBe('disk');
    const row = imports[1].rows[0];
    expect(row.status).toBe('invalid');
    expect(row.note).toMatch(/kept/);
    expect(scenario.hypervisor.hungTaskTimeoutSeconds).not.toBe(99999999);
  });

  it('an absolute DefaultTasksMax becomes a share of the pid limit; Storage only matters when the agent reads the journal', () => {
    const raw = base();
    const { scenario, imports } = applyConfigs(raw, [
      importConfig('[Manager]\nDefaultTasksMax=4915\n', { kind: 'systemd' }),
      importConfig('[Journal]\nStorage=volatile\n', { kind: 'journald' }),
    ]);
    expect(imports[0].rows[0].path).toBe('tasks.defaultTasksMaxPercent');
    expect(scenario.tasks.defaultTasksMaxPercent).toBeCloseTo((4915 / raw.tasks.pidMax) * 100, 1);
    if (raw.telemetry.source === 'socket') expect(imports[1].rows[0].status).toBe('ignored');
  });
});

describe('hostile input', () => {
  it('never throws, and a file it cannot read sets nothing', PROPERTIES, () => {
    const kinds = [undefined, 'vector', 'pulsar', 'sysctl', 'systemd', 'journald'] as const;
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...kinds), (text, kind) => {
        const imp = importConfig(text, { kind });
        if (imp.error) expect(imp.rows).toEqual([]);
        applyConfigs(base(), [imp]);
      }),
      { numRuns: 300 },
    );
  });

  it('huge, deep and prototype-key files', () => {
    expect(importConfig('x'.repeat(1_000_001)).error!.message).toMatch(/larger than/);
    const deep = '['.repeat(100000);
    expect(importConfig(`{"sinks":${deep}`, { kind: 'vector', filename: 'x.json' }).error).not.toBeNull();
    const tomlDeep = `a = ${'{b = '.repeat(5000)}1${'}'.repeat(5000)}`;
    expect(() => importConfig(tomlDeep, { kind: 'vector', filename: 'x.toml' })).not.toThrow();
    const proto = importConfig('{"__proto__":{"polluted":1},"sinks":{"__proto__":{"type":"pulsar"}}}', {
      kind: 'vector',
      filename: 'p.json',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(proto.error).toBeNull();
    const props = importConfig('__proto__=1\nconstructor=2\n', { kind: 'pulsar' });
    expect(props.rows.every((r) => r.status === 'ignored')).toBe(true);
  });
});
