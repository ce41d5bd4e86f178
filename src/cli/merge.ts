// `sim merge FILE... [--json]`: combines the member lines of `--shard K/N` runs into the summary
// of the whole run, byte for byte; the world lines of `sim calibrate --shard K/N` likewise into
// the whole calibration, every wave so far (calibrate-lines.ts checks those; a calibration
// replays its waves from them and says which wave is next). Reads each file line by line in fixed-size chunks, never
// whole: at most MAX_MERGE_FILE_BYTES per file and MAX_MEMBER_LINE_BYTES per line (so /dev/zero
// or an endless pipe is refused after one line's worth), and at most the header's member count
// (itself at most MAX_MEMBERS) member lines in all. Anything that does not add up exits 2 with
// one message naming the file and line: every member exactly once, within the header's count,
// every figure in range for the fleet the header names (member-lines.ts checks each line).

import { closeSync, openSync, readSync } from 'node:fs';
import type { MemberLine } from '../core/index.ts';
import { calibrationOutput, readableCalibration } from './calibrate.ts';
import { WORLD_LINE_KIND, WorldLineSet } from './calibrate-lines.ts';
import { combine, readable } from './ensemble.ts';
import { MAX_MEMBER_LINE_BYTES, MAX_MERGE_FILE_BYTES, checkMemberLine, type EnsembleHeader } from './member-lines.ts';

const CHUNK = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Calls `onLine(text, lineNumber)` for each line of `file` (without its newline); stops at the
 * first string `onLine` returns and gives it back. Never holds more than one line and one chunk.
 */
export function eachLine(
  file: string,
  onLine: (text: string, line: number) => string | undefined,
  limits = { fileBytes: MAX_MERGE_FILE_BYTES, lineBytes: MAX_MEMBER_LINE_BYTES },
): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return `cannot read ${file}`;
  }
  try {
    const chunk = Buffer.alloc(CHUNK);
    let parts: Buffer[] = [],
      partBytes = 0,
      total = 0,
      line = 1;
    const flush = (): string | undefined => {
      const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, partBytes);
      parts = [];
      partBytes = 0;
      let t: string;
      try {
        t = utf8.decode(bytes);
      } catch {
        return `${file}:${line} is not UTF-8 text`;
      }
      return onLine(t, line++);
    };
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, chunk, 0, CHUNK, null);
      } catch {
        return `cannot read ${file}`;
      }
      if (got === 0) break;
      total += got;
      if (total > limits.fileBytes)
        return `${file} is larger than ${limits.fileBytes} bytes: not a file of member lines`;
      let start = 0;
      for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < got; nl = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, nl);
        if (partBytes + piece.length > limits.lineBytes) return tooLong(file, line, limits.lineBytes);
        parts.push(Buffer.from(piece));
        partBytes += piece.length;
        const stop = flush();
        if (stop) return stop;
        start = nl + 1;
      }
      const rest = chunk.subarray(start, got);
      if (partBytes + rest.length > limits.lineBytes) return tooLong(file, line, limits.lineBytes);
      if (rest.length) {
        parts.push(Buffer.from(rest));
        partBytes += rest.length;
      }
    }
    return partBytes ? flush() : undefined;
  } finally {
    closeSync(fd);
  }
}

const tooLong = (file: string, line: number, max: number) =>
  `${file}:${line} is longer than ${max} bytes: not a member line`;

/** `sim merge FILE...`: returns the exit code (2 with a message for anything inconsistent). */
export function mergeCli(
  files: readonly string[],
  json: boolean,
  write: (t: string) => void,
  fail: (t: string) => void,
): number {
  if (!files.length) {
    fail('merge: name the files of member lines to merge (from --shard runs)');
    return 2;
  }
  let header: EnsembleHeader | undefined;
  let headerText = '';
  const byIndex = new Map<number, MemberLine>();
  const worlds = new WorldLineSet();
  for (const file of files) {
    const stop = eachLine(file, (text, n) => {
      const row = text.trim();
      if (!row) return undefined;
      const at = `${file}:${n}`;
      let value: unknown;
      try {
        value = JSON.parse(row);
      } catch {
        return `${at} is not a JSON line`;
      }
      const isWorld =
        value !== null && typeof value === 'object' && (value as { kind?: unknown }).kind === WORLD_LINE_KIND;
      if (isWorld !== (worlds.header !== undefined) && (header || worlds.header))
        return `${at} mixes calibration world lines with ensemble member lines`;
      if (isWorld) return worlds.add(value, at);
      const checked = checkMemberLine(value);
      if ('error' in checked) return `${at}: ${checked.error}`;
      const text2 = JSON.stringify(checked.header);
      if (!header) {
        header = checked.header;
        headerText = text2;
      } else if (text2 !== headerText)
        return `${at} belongs to another ensemble (scenario, seed, members, fleet or changes differ)`;
      const index = checked.line.a.index;
      if (byIndex.has(index)) return `member ${index} appears twice (${at})`;
      byIndex.set(index, checked.line);
      return undefined;
    });
    if (stop) {
      fail(`merge: ${stop}`);
      return 2;
    }
  }
  if (worlds.header) {
    // a wave's size is the population it moves (smc-waves.ts): the replay names a wave's missing worlds
    const out = calibrationOutput(worlds.header, worlds.lines);
    if (typeof out === 'string') {
      fail(`merge: ${out}`);
      return 2;
    }
    write(json ? JSON.stringify(out) + '\n' : readableCalibration(out));
    return 0;
  }
  if (!header) {
    fail('merge: the files hold no member lines');
    return 2;
  }
  const h: EnsembleHeader = header;
  if (byIndex.size !== h.members) {
    const missing = [];
    for (let i = 0; i < h.members && missing.length < 5; i++) if (!byIndex.has(i)) missing.push(i);
    fail(`merge: ${h.members - byIndex.size} of ${h.members} members missing (first: ${missing.join(', ')})`);
    return 2;
  }
  const out = combine(h, [...byIndex.values()]);
  write(json ? JSON.stringify(out) + '\n' : readable(out));
  return 0;
}
