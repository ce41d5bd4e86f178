// Vector files with no Pulsar sink, as real agents are configured: the import says which sink the
// model takes as the one facing the broker and why, lets the user choose another, and lists
// sources that carry no logs as not modelled (never as refused).
import { describe, expect, it } from 'vitest';
import { importConfig, type ConfigImport } from '../../../src/scenario/index.ts';

const set = (imp: ConfigImport) =>
  Object.fromEntries(imp.rows.filter((r) => r.status === 'set').map((r) => [r.path, r.value]));
const row = (imp: ConfigImport, key: string) => imp.rows.find((r) => r.key === key)!;

// an agent in the shape of Vector's own agent example: metrics to a Prometheus exporter, logs to a
// blackhole; no Pulsar sink
const AGENT = `sources:
  pushed:
    type: datadog_agent
    address: "[::1]:8282"
  files:
    type: file
    include: ["/var/log/**/*.log"]
  host:
    type: host_metrics
  self:
    type: internal_metrics
sinks:
  prom:
    type: prometheus_exporter
    inputs: [host, self]
  hole:
    type: blackhole
    inputs: [pushed, files]
`;

// two sinks fed by one file source through a transform: search and archive
const HYBRID = `[sources.web]
type = "file"
include = ["/var/log/*.log"]

[transforms.parsed]
type = "remap"
inputs = ["web"]
source = "."

[sinks.search]
type = "elasticsearch"
inputs = ["parsed"]

[sinks.archive]
type = "aws_s3"
inputs = ["parsed"]
`;

describe('Vector files with no Pulsar sink', () => {
  it('says plainly there is no Pulsar sink and which sink is taken, and why', () => {
    const imp = importConfig(AGENT, { filename: 'vector.yaml' });
    expect(imp.error).toBeNull();
    expect(imp.vector).toEqual({
      sinks: [
        { name: 'prom', type: 'prometheus_exporter' },
        { name: 'hole', type: 'blackhole' },
      ],
      hasPulsar: false,
      followed: 'hole',
      why: 'logs',
    });
    const head = row(imp, 'sinks');
    expect(head.status).toBe('ignored');
    expect(head.note).toMatch(/^no Pulsar sink in this file: the model takes sinks\.hole as the one facing the broker/);
    expect(row(imp, 'sinks.hole').note).toContain('the first sink fed with logs');
    expect(row(imp, 'sinks.prom').note).toBe('another sink: the model follows sinks.hole (the first fed with logs)');
    // the log source is the first of the followed sink's sources that carries logs
    expect(set(imp)['telemetry.source']).toBe('socket');
  });

  it('lists metrics sources as not modelled, never as refused', () => {
    const imp = importConfig(AGENT, { filename: 'vector.yaml' });
    expect(imp.rows.filter((r) => r.status === 'invalid')).toEqual([]);
    for (const key of ['sources.host.type', 'sources.self.type']) {
      expect(row(imp, key).status).toBe('ignored');
      expect(row(imp, key).note).toMatch(/carries metrics, not logs: not modelled$/);
    }
    expect(row(imp, 'sources.files.type').note).toBe('also feeds sinks.hole: the model follows sources.pushed');
  });

  it('follows sources through transforms, and the sink the user chooses', () => {
    const first = importConfig(HYBRID, { filename: 'hybrid.toml' });
    expect(first.vector?.followed).toBe('search');
    expect(set(first)['telemetry.source']).toBe('file');
    const chosen = importConfig(HYBRID, { filename: 'hybrid.toml', sink: 'archive' });
    expect(chosen.vector).toMatchObject({ followed: 'archive', why: 'chosen' });
    expect(row(chosen, 'sinks.archive').note).toBe('the sink the model follows: chosen as the sink facing the broker');
    expect(row(chosen, 'sinks.search').note).toBe('another sink: the model follows sinks.archive (chosen)');
    // a choice naming no sink of the file is not taken
    expect(importConfig(HYBRID, { filename: 'hybrid.toml', sink: 'nope' }).vector?.followed).toBe('search');
  });

  it('a Pulsar sink is still the one followed, with no "no Pulsar sink" row', () => {
    const imp = importConfig(`${HYBRID}\n[sinks.bus]\ntype = "pulsar"\ninputs = ["web"]\n`, {
      filename: 'with-pulsar.toml',
    });
    expect(imp.vector).toMatchObject({ followed: 'bus', why: 'pulsar', hasPulsar: true });
    expect(imp.rows.find((r) => r.key === 'sinks')).toBeUndefined();
  });

  it('a sink fed only with metrics sets no log source', () => {
    const imp = importConfig('[sources.m]\ntype = "host_metrics"\n[sinks.p]\ntype = "pulsar"\ninputs = ["m"]\n', {
      filename: 'metrics.toml',
    });
    expect(set(imp)['telemetry.source']).toBeUndefined();
    expect(row(imp, 'sources.m.type').note).toBe('host_metrics carries metrics, not logs: not modelled');
  });

  it('a file of many sinks and sources lists a bounded number of each, the one followed included', () => {
    const n = 300;
    const names = Array.from({ length: n }, (_, i) => i);
    const text =
      names.map((i) => `[sources.s${i}]\ntype = "host_metrics"\n`).join('') +
      names.map((i) => `[sinks.k${i}]\ntype = "blackhole"\ninputs = ["s${i}"]\n`).join('') +
      '[sources.logs]\ntype = "file"\n[sinks.last]\ntype = "console"\ninputs = ["logs"]\n';
    const imp = importConfig(text, { filename: 'many.toml', sink: 'last' });
    expect(imp.vector).toMatchObject({ followed: 'last', why: 'chosen', more: n - 100, hasPulsar: false });
    expect(imp.vector?.sinks).toHaveLength(101);
    expect(imp.vector?.sinks.at(-1)).toEqual({ name: 'last', type: 'console' });
    expect(set(imp)['telemetry.source']).toBe('file');
    expect(row(imp, 'sources.*')).toMatchObject({ status: 'ignored', more: n - 100 });
    expect(imp.rows.filter((r) => r.key.startsWith('sources.s'))).toHaveLength(100);
  });

  it('a chosen sink beside a Pulsar sink past the listed ones: no "no Pulsar sink" row', () => {
    const names = Array.from({ length: 150 }, (_, i) => `[sinks.k${i}]\ntype = "blackhole"\n`).join('');
    const imp = importConfig(`${names}[sinks.bus]\ntype = "pulsar"\n`, { filename: 'late.toml', sink: 'k3' });
    expect(imp.vector).toMatchObject({ followed: 'k3', why: 'chosen', hasPulsar: true, more: 51 });
    expect(imp.rows.find((r) => r.key === 'sinks')).toBeUndefined();
  });
});
