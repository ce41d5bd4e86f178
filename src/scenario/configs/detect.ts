// What kind of config a text is, and which format a Vector config is written in. One pass over
// the lines with patterns anchored to a single line: a pattern like `(^|\n)\s*sinks` on the whole
// text lets `\s*` run across newlines from every line start, which is quadratic on a file of blank
// lines (20,000 newlines took 8.7 s; a megabyte of them would take hours).

import type { ConfigKind } from './types.ts';

/** A TOML key: bare, "basic" (with escapes) or 'literal'. */
const KEY = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
/** A TOML table or array-of-tables header, `[a."b c".d]` or `[[x]]`, alone on its line (trimmed). */
const TOML_HEADER = new RegExp(String.raw`^\[\[?\s*${KEY}(?:\s*\.\s*${KEY})*\s*\]\]?$`);
/** A header of a Vector table: `[sinks.x]`, `["sinks".x]`, `[ 'sources' . "y" ]` */
const VECTOR_HEADER = /^\[\[?\s*(?:sources|sinks|"sources"|"sinks"|'sources'|'sinks')\s*\./;
/** `sinks:` (YAML), `sinks.x.type = ` (TOML dotted keys), `sinks[` */
const VECTOR_KEY = /^(?:sources|sinks)\s*[.:[]/;
const SYSCTL_KEY = /^-?(?:kernel|vm|fs|net)[./][\w.-]+\s*=/;
const PULSAR_KEY =
  /^(?:maxConcurrentLookupRequest|loadManagerClassName|brokerServicePort|zookeeperServers|metadataStoreUrl|operationTimeoutMs|serviceUrl)\s*[=:]/;

const lines = (text: string) => text.split(/\r\n|\r|\n/);

/** The kind of a config from its name and content (null when unsure). */
export function detectKind(text: string, filename = ''): ConfigKind | null {
  const name = filename.toLowerCase().split(/[\\/]/).pop() ?? '';
  if (name === 'journald.conf' || /\[journal\]/i.test(text)) return 'journald';
  if (name === 'system.conf' || /\[manager\]/i.test(text)) return 'systemd';
  let vector = /"(?:sources|sinks)"\s*:/.test(text),
    sysctl = false,
    pulsar = false;
  for (const raw of vector ? [] : lines(text)) {
    const line = raw.trim();
    if (VECTOR_KEY.test(line) || VECTOR_HEADER.test(line)) {
      vector = true;
      break;
    }
    sysctl ||= SYSCTL_KEY.test(line);
    pulsar ||= PULSAR_KEY.test(line);
  }
  if (vector) return 'vector';
  if (sysctl || name.startsWith('sysctl')) return 'sysctl';
  if (pulsar || /broker\.conf|client\.conf|\.properties$/.test(name)) return 'pulsar';
  if (/\.(toml|ya?ml|json)$/.test(name)) return 'vector';
  return null;
}

export type VectorFormat = 'toml' | 'yaml' | 'json';

/** TOML when a line is a table header (bare or quoted keys), JSON when it opens with `{`, else YAML. */
export function vectorFormat(text: string, filename = ''): VectorFormat {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'toml') return 'toml';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'json') return 'json';
  if (text.trimStart().startsWith('{')) return 'json';
  for (const raw of lines(text)) if (TOML_HEADER.test(raw.trim())) return 'toml';
  return 'yaml';
}
