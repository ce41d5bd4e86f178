// Vector configs (TOML, YAML or JSON, as Vector accepts them): the log source feeding the chosen
// sink, and that sink's buffer and retry settings. Parsed in vector-parse.ts; nothing from the
// parsed object is merged anywhere (keys are read by name, own properties only).

import { LineFinder } from './line-finder.ts';
import type { ConfigRow, VectorSinks } from './types.ts';
import { parseBytes, parseInteger, parseSeconds } from './units.ts';

export { parseVector } from './vector-parse.ts';
export { vectorFormat } from './detect.ts';

let cached: LineFinder | null = null;
/**
 * The line of a nested key of `text` (see LineFinder.lineOf). The text's line index is kept for
 * the next call on the same text, so asking for many keys of one file indexes it once.
 */
export function lineOf(text: string, segments: readonly string[]): number {
  if (!cached || cached.text !== text) cached = new LineFinder(text);
  return cached.lineOf(segments);
}

type Obj = Record<string, unknown>;
const own = (o: unknown, k: string): unknown =>
  o !== null && typeof o === 'object' && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, k)
    ? (o as Obj)[k]
    : undefined;
const isObj = (o: unknown): o is Obj => o !== null && typeof o === 'object' && !Array.isArray(o);
/** A value as written, at most 120 characters; lists and tables at most 3 levels deep (no deep walk). */
function show(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 120);
  let out = '';
  const put = (x: unknown, depth: number): void => {
    if (out.length > 120) return;
    if (x instanceof Date) out += JSON.stringify(x);
    else if (Array.isArray(x) || isObj(x)) {
      if (depth >= 3) {
        out += Array.isArray(x) ? '[...]' : '{...}';
        return;
      }
      const keys = Array.isArray(x) ? null : Object.keys(x);
      out += keys ? '{' : '[';
      const n = keys ? keys.length : (x as unknown[]).length;
      for (let i = 0; i < n && out.length <= 120; i++) {
        if (i) out += ',';
        if (keys) out += `${JSON.stringify(keys[i])}:`;
        put(keys ? (x as Obj)[keys[i]] : (x as unknown[])[i], depth + 1);
      }
      out += keys ? '}' : ']';
    } else out += typeof x === 'string' ? JSON.stringify(x) : String(x);
  };
  put(v, 0);
  return out.slice(0, 120);
}

/** Other sinks (and sources) listed one by one (a real config has a handful); the rest are counted in one row. */
const MAX_OTHER_SINKS = 100;

/** Where a Vector source leaves what the agent cannot take yet (see docs/MODEL.md, the log source). */
export function sourceFor(type: string, cfg: Obj): { value: string; note: string } | null {
  if (type === 'journald') {
    const dir = own(cfg, 'journal_directory');
    const volatile = typeof dir === 'string' && dir.startsWith('/run/');
    return {
      value: volatile ? 'journald-volatile' : 'journald-persistent',
      note: volatile
        ? 'reads the runtime journal in /run (tmpfs: RAM)'
        : 'reads the persistent journal (/var/log/journal); a journald.conf with Storage=volatile changes it',
    };
  }
  if (['file', 'kubernetes_logs', 'docker_logs'].includes(type))
    return { value: 'file', note: 'reads log files: what it has not read stays on disk' };
  if (
    [
      'socket',
      'stdin',
      'syslog',
      'http_server',
      'fluent',
      'logstash',
      'vector',
      'splunk_hec',
      'opentelemetry',
      'datadog_agent',
      'heroku_logs',
      'gcp_pubsub',
      'aws_kinesis_firehose',
    ].includes(type)
  )
    return { value: 'socket', note: 'applications push to the agent: backpressure holds events in their memory' };
  return null;
}

/** Sources that carry metrics (or traces), not logs: the model's log source is not about them. */
const METRIC_SOURCES = new Set([
  'host_metrics',
  'internal_metrics',
  'prometheus_scrape',
  'prometheus_remote_write',
  'prometheus_pushgateway',
  'statsd',
  'static_metrics',
  'apache_metrics',
  'aws_ecs_metrics',
  'eventstoredb_metrics',
  'mongodb_metrics',
  'nginx_metrics',
  'postgresql_metrics',
  'opentelemetry_metrics',
]);

export interface VectorChoice {
  /** the sink the user says faces the broker (by name); else the pulsar sink; else the first fed with logs */
  sink?: string;
}

/** The sources feeding a sink, through its transforms, in order (bounded: a loop or a huge graph stops). */
function feeding(doc: Obj, sink: string): string[] {
  const sources = own(doc, 'sources'),
    transforms = own(doc, 'transforms');
  const out: string[] = [];
  const seen = new Set<string>();
  const queue = [own(own(own(doc, 'sinks'), sink), 'inputs')];
  while (queue.length && seen.size < 500) {
    const inputs = queue.shift();
    for (const i of Array.isArray(inputs) ? inputs : []) {
      if (typeof i !== 'string' || seen.has(i)) continue;
      seen.add(i);
      if (isObj(own(sources, i))) out.push(i);
      else if (isObj(own(transforms, i))) queue.push(own(own(transforms, i), 'inputs'));
    }
  }
  return out;
}
const typeOf = (doc: Obj, source: string) => String(own(own(own(doc, 'sources'), source), 'type'));
const carriesLogs = (doc: Obj, source: string) => !METRIC_SOURCES.has(typeOf(doc, source));

/**
 * The file's sinks (the first MAX_OTHER_SINKS, and the one followed) and the one the model follows
 * as facing the broker: the chosen one, else the first pulsar sink, else the first of those listed
 * that logs feed (each search bounded, so 45,000 sinks cost no more than reading them), else the first.
 */
export function vectorSinks(doc: Obj, choice: VectorChoice = {}): VectorSinks {
  const all = own(doc, 'sinks');
  const names = isObj(all) ? Object.keys(all) : [];
  const typeOfSink = (name: string) => show(own(own(all, name), 'type'));
  const pulsar = names.find((n) => own(own(all, n), 'type') === 'pulsar');
  const pick = (): Pick<VectorSinks, 'followed' | 'why'> => {
    if (choice.sink && Object.prototype.hasOwnProperty.call(all, choice.sink))
      return { followed: choice.sink, why: 'chosen' };
    if (pulsar !== undefined) return { followed: pulsar, why: 'pulsar' };
    const logs = names.slice(0, MAX_OTHER_SINKS).find((n) => feeding(doc, n).some((src) => carriesLogs(doc, src)));
    if (logs !== undefined) return { followed: logs, why: 'logs' };
    return names.length ? { followed: names[0], why: 'first' } : {};
  };
  const { followed, why } = pick();
  const shown = names.slice(0, MAX_OTHER_SINKS);
  if (followed !== undefined && !shown.includes(followed)) shown.push(followed);
  const sinks = shown.map((name) => ({ name, type: typeOfSink(name) }));
  const more = names.length - shown.length;
  return {
    sinks,
    hasPulsar: pulsar !== undefined,
    ...(more > 0 ? { more } : {}),
    ...(followed !== undefined ? { followed, why } : {}),
  };
}

const WHY: Record<NonNullable<VectorSinks['why']>, string> = {
  chosen: 'chosen as the sink facing the broker',
  pulsar: 'type pulsar: the sink facing the broker',
  logs: 'no Pulsar sink: the first sink fed with logs',
  first: 'no Pulsar sink and none fed with logs: the first sink',
};

const SHORT: Record<NonNullable<VectorSinks['why']>, string> = {
  chosen: 'chosen',
  pulsar: 'the pulsar sink',
  logs: 'the first fed with logs',
  first: 'the first',
};

export function vectorRows(text: string, doc: Obj, choice: VectorChoice = {}): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const finder = new LineFinder(text);
  const lineOf = (_: string, segments: readonly string[]) => finder.lineOf(segments);
  const sinks = own(doc, 'sinks');
  const sources = own(doc, 'sources');
  const { sinks: listed, followed: name, why, hasPulsar } = vectorSinks(doc, choice);
  if (!listed.length) {
    rows.push({
      line: 0,
      key: 'sinks',
      written: '',
      status: 'ignored',
      note: 'no sinks: nothing to set for the agent buffer',
    });
  } else if (!hasPulsar)
    rows.push({
      line: lineOf(text, ['sinks']),
      key: 'sinks',
      written: show(listed.map((x) => x.type).join(', ')),
      status: 'ignored',
      note: `no Pulsar sink in this file: the model takes sinks.${name} as the one facing the broker, with its buffer (Vector's defaults where it writes none); choose another sink if that one is not it`,
    });
  let others = 0;
  for (const n of isObj(sinks) ? Object.keys(sinks) : []) {
    if (n === name) continue;
    // each listed sink costs a scan for its line: list a bounded number, count the rest
    if (++others > MAX_OTHER_SINKS) continue;
    rows.push({
      line: lineOf(text, ['sinks', n]),
      key: `sinks.${n}`,
      written: show(own(own(sinks, n), 'type')),
      status: 'ignored',
      note: `another sink: the model follows sinks.${name} (${SHORT[why!]})`,
    });
  }
  if (others > MAX_OTHER_SINKS)
    rows.push({
      line: 0,
      key: 'sinks.*',
      written: '',
      status: 'ignored',
      more: others - MAX_OTHER_SINKS,
      note: `and ${(others - MAX_OTHER_SINKS).toLocaleString('en-US')} more sinks: the model follows sinks.${name}`,
    });
  if (name !== undefined) {
    const sink = own(sinks, name);
    const base = ['sinks', name];
    rows.push({
      line: lineOf(text, base),
      key: `sinks.${name}`,
      written: show(own(sink, 'type')),
      status: 'ignored',
      note: `the sink the model follows: ${WHY[why!]}`,
    });
    let buffer = own(sink, 'buffer');
    const bufLine = lineOf(text, [...base, 'buffer']);
    if (Array.isArray(buffer)) {
      rows.push({
        line: bufLine,
        key: `sinks.${name}.buffer`,
        written: `${buffer.length} stages`,
        status: 'ignored',
        note: 'a staged buffer: the model follows its first stage',
      });
      buffer = buffer[0];
    }
    const bkey = (k: string) => `sinks.${name}.buffer.${k}`;
    const bline = (k: string) => lineOf(text, [...base, 'buffer', k]) || bufLine;
    const type = own(buffer, 'type') ?? 'memory';
    const written = (k: string) => own(buffer, k);
    if (type === 'memory' || type === 'disk') {
      rows.push({
        line: bline('type'),
        key: bkey('type'),
        written: written('type') === undefined ? '(not written)' : show(type),
        status: 'set',
        path: 'telemetry.buffer.type',
        value: type,
        note: written('type') === undefined ? "Vector's default: memory" : '',
      });
    } else
      rows.push({
        line: bline('type'),
        key: bkey('type'),
        written: show(type),
        status: 'invalid',
        note: 'memory or disk',
      });
    if (type !== 'disk') {
      const w = written('max_events');
      const n = w === undefined ? 500 : parseInteger(w as string | number);
      rows.push(
        n === null
          ? {
              line: bline('max_events'),
              key: bkey('max_events'),
              written: show(w),
              status: 'invalid',
              note: 'expected a whole number of events',
            }
          : {
              line: bline('max_events'),
              key: bkey('max_events'),
              written: w === undefined ? '(not written)' : show(w),
              status: 'set',
              path: 'telemetry.buffer.maxEvents',
              value: n,
              note: w === undefined ? "Vector's default: 500 events" : '',
            },
      );
    }
    if (type === 'disk' || written('max_size') !== undefined) {
      const w = written('max_size');
      const b = w === undefined ? null : parseBytes(w as string | number);
      if (w === undefined)
        rows.push({
          line: bufLine,
          key: bkey('max_size'),
          written: '(not written)',
          status: 'invalid',
          note: 'Vector requires max_size for a disk buffer: the model keeps its value',
        });
      else
        rows.push(
          b === null
            ? {
                line: bline('max_size'),
                key: bkey('max_size'),
                written: show(w),
                status: 'invalid',
                note: 'expected a size in bytes (or 256MiB, 2GiB)',
              }
            : {
                line: bline('max_size'),
                key: bkey('max_size'),
                written: show(w),
                status: 'set',
                path: 'telemetry.buffer.maxSizeBytes',
                value: b,
                note: typeof w === 'string' ? `${w} = ${b} B` : '',
              },
        );
    }
    const wf = written('when_full');
    if (wf === undefined || wf === 'block' || wf === 'drop_newest')
      rows.push({
        line: bline('when_full'),
        key: bkey('when_full'),
        written: wf === undefined ? '(not written)' : show(wf),
        status: 'set',
        path: 'telemetry.buffer.whenFull',
        value: (wf as string) ?? 'block',
        note: wf === undefined ? "Vector's default: block" : '',
      });
    else
      rows.push({
        line: bline('when_full'),
        key: bkey('when_full'),
        written: show(wf),
        status: 'invalid',
        note: wf === 'overflow' ? 'overflow (to a next stage) is not modelled: kept' : 'block or drop_newest',
      });
    const retry = own(own(sink, 'request'), 'retry_max_duration_secs');
    if (retry !== undefined) {
      const s = parseSeconds(retry as string | number);
      rows.push(
        s === null
          ? {
              line: lineOf(text, [...base, 'retry_max_duration_secs']),
              key: `sinks.${name}.request.retry_max_duration_secs`,
              written: show(retry),
              status: 'invalid',
              note: 'expected seconds',
            }
          : {
              line: lineOf(text, [...base, 'retry_max_duration_secs']),
              key: `sinks.${name}.request.retry_max_duration_secs`,
              written: show(retry),
              status: 'set',
              path: 'telemetry.retryMaxSeconds',
              value: s,
              note: '',
            },
      );
    }
    // the source: the first source feeding the sink (through its transforms) that carries logs
    const fed = feeding(doc, name);
    const logs = fed.filter((src) => carriesLogs(doc, src));
    const srcName = logs[0] ?? (fed.length ? undefined : isObj(sources) ? Object.keys(sources)[0] : undefined);
    if (srcName !== undefined) {
      const src = own(sources, srcName) as Obj;
      const t = typeOf(doc, srcName);
      const mapped = sourceFor(t, src);
      const line = lineOf(text, ['sources', srcName]);
      rows.push(
        mapped
          ? {
              line,
              key: `sources.${srcName}.type`,
              written: t,
              status: 'set',
              path: 'telemetry.source',
              value: mapped.value,
              note: mapped.note + (logs.length > 1 ? `; ${logs.length - 1} more sources feed the sink` : ''),
            }
          : {
              line,
              key: `sources.${srcName}.type`,
              written: t,
              status: 'ignored',
              note: 'a source type the model does not know: not modelled, the log source is kept',
            },
      );
    }
    // every other source, said plainly: metrics are not logs; the rest do not feed the sink followed
    // (each costs a scan for its line: a bounded number listed, the rest counted, as for sinks)
    let otherSources = 0;
    for (const other of isObj(sources) ? Object.keys(sources) : []) {
      if (other === srcName) continue;
      if (++otherSources > MAX_OTHER_SINKS) continue;
      const t = typeOf(doc, other);
      rows.push({
        line: lineOf(text, ['sources', other]),
        key: `sources.${other}.type`,
        written: t,
        status: 'ignored',
        note: METRIC_SOURCES.has(t)
          ? `${t} carries metrics, not logs: not modelled`
          : fed.includes(other)
            ? `also feeds sinks.${name}: the model follows sources.${srcName}`
            : `does not feed sinks.${name}: not modelled`,
      });
    }
    if (otherSources > MAX_OTHER_SINKS)
      rows.push({
        line: 0,
        key: 'sources.*',
        written: '',
        status: 'ignored',
        more: otherSources - MAX_OTHER_SINKS,
        note: `and ${(otherSources - MAX_OTHER_SINKS).toLocaleString('en-US')} more sources: not modelled`,
      });
  }
  return rows;
}
