// Vector configs (TOML, YAML or JSON, as Vector accepts them): the log source feeding the chosen
// sink, and that sink's buffer and retry settings. Parsed in vector-parse.ts; nothing from the
// parsed object is merged anywhere (keys are read by name, own properties only).

import { LineFinder } from './line-finder.ts';
import type { ConfigRow } from './types.ts';
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

/** Other sinks listed one by one (a real config has a handful); the rest are counted in one row. */
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
      'statsd',
    ].includes(type)
  )
    return { value: 'socket', note: 'applications push to the agent: backpressure holds events in their memory' };
  return null;
}

export interface VectorChoice {
  /** prefer this sink (by name); else the pulsar sink; else the first */
  sink?: string;
}

export function vectorRows(text: string, doc: Obj, choice: VectorChoice = {}): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const finder = new LineFinder(text);
  const lineOf = (_: string, segments: readonly string[]) => finder.lineOf(segments);
  const sinks = own(doc, 'sinks');
  const sources = own(doc, 'sources');
  const sinkNames = isObj(sinks) ? Object.keys(sinks) : [];
  if (!sinkNames.length) {
    rows.push({
      line: 0,
      key: 'sinks',
      written: '',
      status: 'ignored',
      note: 'no sinks: nothing to set for the agent buffer',
    });
  }
  const pulsar = sinkNames.filter((n) => own(own(sinks, n), 'type') === 'pulsar');
  const name = choice.sink && sinkNames.includes(choice.sink) ? choice.sink : pulsar.length ? pulsar[0] : sinkNames[0];
  let others = 0;
  for (const n of sinkNames) {
    if (n === name) continue;
    // each listed sink costs a scan for its line: list a bounded number, count the rest
    if (++others > MAX_OTHER_SINKS) continue;
    rows.push({
      line: lineOf(text, ['sinks', n]),
      key: `sinks.${n}`,
      written: show(own(own(sinks, n), 'type')),
      status: 'ignored',
      note: `another sink: the model follows sinks.${name}${choice.sink === name ? ' (chosen)' : pulsar[0] === name ? ' (the pulsar sink)' : ' (the first)'}`,
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
      note: `the sink the model follows${pulsar[0] === name ? ' (type pulsar)' : ''}`,
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
    // the source: the first input of the sink that is a source
    const inputs = own(sink, 'inputs');
    const feeding = (Array.isArray(inputs) ? inputs : []).filter(
      (i): i is string => typeof i === 'string' && isObj(own(sources, i)),
    );
    const srcName = feeding[0] ?? (isObj(sources) ? Object.keys(sources)[0] : undefined);
    if (srcName !== undefined) {
      const src = own(sources, srcName) as Obj;
      const t = String(own(src, 'type'));
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
              note: mapped.note + (feeding.length > 1 ? `; ${feeding.length - 1} more sources feed the sink` : ''),
            }
          : {
              line,
              key: `sources.${srcName}.type`,
              written: t,
              status: 'invalid',
              note: 'a source type the model does not know: the log source is kept',
            },
      );
    }
  }
  return rows;
}
