// The two line formats simple enough to own: Java properties (broker.conf, client.conf) and the
// key=value lines of sysctl and systemd's INI-like files. Both keep line numbers and never throw.

export interface KeyLine {
  line: number;
  section: string;
  key: string;
  value: string;
}

/**
 * Java properties (java.util.Properties.load): `key=value`, `key: value` or `key value`; `#` and
 * `!` comment lines; a trailing backslash continues the line. Later keys win, as in Java.
 */
export function parseProperties(text: string): KeyLine[] {
  const out: KeyLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].replace(/^\s+/, '');
    if (!first || first[0] === '#' || first[0] === '!') continue;
    const start = i;
    // each physical line is looked at once: a continued line is collected in parts and joined
    // once (re-testing the growing line for a trailing backslash was quadratic in its length)
    const parts: string[] = [];
    let piece = first;
    while (continues(piece) && i + 1 < lines.length) {
      parts.push(piece.slice(0, -1));
      piece = lines[++i].replace(/^\s+/, '');
    }
    parts.push(piece);
    const raw = parts.join('');
    const sep = separator(raw);
    const key = raw.slice(0, sep.keyEnd).replace(/\\(.)/g, '$1');
    out.push({ line: start + 1, section: '', key, value: sep.valueStart < 0 ? '' : raw.slice(sep.valueStart).trim() });
  }
  return out;
}

/** An odd number of backslashes ends the line: it continues on the next one. */
function continues(line: string): boolean {
  let n = 0;
  for (let j = line.length - 1; j >= 0 && line.charCodeAt(j) === 92; j--) n++;
  return n % 2 === 1;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\f';

/**
 * Where the key ends and the value starts (java.util.Properties.load): the key runs to the first
 * unescaped `=`, `:` or white space; then white space, at most one `=` or `:`, and white space.
 * One pass (the regex it replaces backtracked on long runs of spaces).
 */
function separator(raw: string): { keyEnd: number; valueStart: number } {
  let k = 0;
  while (k < raw.length) {
    const c = raw[k];
    if (c === '\\') k += 2;
    else if (c === '=' || c === ':' || isSpace(c)) break;
    else k++;
  }
  const keyEnd = Math.min(k, raw.length);
  if (keyEnd >= raw.length) return { keyEnd, valueStart: -1 };
  let v = keyEnd;
  while (v < raw.length && isSpace(raw[v])) v++;
  if (raw[v] === '=' || raw[v] === ':') v++;
  while (v < raw.length && isSpace(raw[v])) v++;
  return { keyEnd, valueStart: v };
}

/**
 * systemd INI (systemd.syntax(7)): `[Section]` headers, `Key=Value`, `#` and `;` comments; and
 * sysctl lines (`kernel.x = 1`, `kernel/x=1`, a leading `-` ignores errors). Returns an error for
 * a line that is neither.
 */
export function parseKeyValue(
  text: string,
  sysctl: boolean,
): { rows: KeyLine[]; error: { line: number; message: string } | null } {
  const rows: KeyLine[] = [];
  let section = '';
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw || raw[0] === '#' || raw[0] === ';') continue;
    if (!sysctl && raw[0] === '[') {
      const m = /^\[([A-Za-z0-9_-]{1,64})\]$/.exec(raw);
      if (!m) return { rows, error: { line: i + 1, message: `not a section header: "${raw.slice(0, 60)}"` } };
      section = m[1];
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq <= 0) return { rows, error: { line: i + 1, message: `expected key=value: "${raw.slice(0, 60)}"` } };
    let key = raw.slice(0, eq).trim();
    if (sysctl) key = key.replace(/^-/, '').replace(/\//g, '.');
    rows.push({ line: i + 1, section, key, value: raw.slice(eq + 1).trim() });
  }
  return { rows, error: null };
}
