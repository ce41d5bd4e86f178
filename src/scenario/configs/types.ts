// What a config import reports: one row per key read, with its line, what it set (through the
// property table, like a link), or why it was ignored or refused.

export const CONFIG_KINDS = ['vector', 'pulsar', 'sysctl', 'systemd', 'journald'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export const CONFIG_KIND_LABELS: Record<ConfigKind, string> = {
  vector: 'Vector (TOML, YAML or JSON)',
  pulsar: 'Pulsar broker.conf / client properties',
  sysctl: 'sysctl -a output or sysctl.conf',
  systemd: 'systemd system.conf',
  journald: 'systemd journald.conf',
};

export type RowStatus = 'set' | 'ignored' | 'invalid';

export interface ConfigRow {
  /** 1-based line in the file, 0 when the format gives none */
  line: number;
  /** the key as written (dotted for nested formats) */
  key: string;
  /** the value as written */
  written: string;
  status: RowStatus;
  /** set: the PARAMS path and the value after unit conversion (invalid: the path it would set) */
  path?: string;
  value?: number | string | boolean;
  /** what a person needs to know: the conversion, why ignored, what was kept */
  note: string;
  /** a row that stands for this many keys not listed one by one (rows.ts, capIgnored) */
  more?: number;
}

export interface ConfigImport {
  kind: ConfigKind;
  /** the file name or label it came from */
  source: string;
  rows: ConfigRow[];
  /** a file that does not parse: nothing is applied from it */
  error: { line: number; message: string } | null;
  /** on the proposed side: a current file kept because no proposed file has its kind */
  inherited?: boolean;
  /** a Vector file: its sinks and the one the model follows as facing the broker */
  vector?: VectorSinks;
}

/** Which sink of a Vector file the model follows as the one facing the broker, and why. */
export interface VectorSinks {
  /** the file's sinks in order, with their types as written: the first 100, and the one followed */
  sinks: { name: string; type: string }[];
  /** how many more sinks the file has than are listed */
  more?: number;
  /** the file has a sink of type pulsar (listed or not) */
  hasPulsar: boolean;
  /** the sink followed (absent when the file has none) */
  followed?: string;
  /** chosen by the user; the (first) pulsar sink; no pulsar sink: the first fed with logs, else the first */
  why?: 'chosen' | 'pulsar' | 'logs' | 'first';
}

/** Largest config text read (a real broker.conf is ~100 KB). */
export const MAX_CONFIG_CHARS = 1_000_000;

/**
 * Longest the page waits for one config file to be read (in its worker) before it refuses it.
 * Typical: a 1 MB file of 45,000 YAML sinks reads in 1-6 s on a busy two-core machine; real
 * configs take milliseconds. It guards against input no one thought of, not against real files.
 */
export const CONFIG_READ_MS = 15_000;
