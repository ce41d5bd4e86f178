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
    let raw = lines[i].replace(/^\s+/, '');
    if (!raw || raw[0] === '#' || raw[0] === '!') continue;
    const start = i;
    while (/(^|[^\\])(\\\\)*\\$/.test(raw) && i + 1 < lines.length)
      raw = raw.slice(0, -1) + lines[++i].replace(/^\s+/, '');
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(raw);
    const key = (m ? m[1] : raw).replace(/\\(.)/g, '$1');
    out.push({ line: start + 1, section: '', key, value: m ? m[2].trim() : '' });
  }
  return out;
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
