// The line a nested key of a Vector config is written on (the parsers give values, not lines).
// The text's line starts are found once; a line number is then a binary search, not a count of
// the newlines before the key (which made every lookup as long as the text). Each lookup is one
// forward regex scan from where the previous segment was found, and the rows ask for a bounded
// number of lookups (MAX_OTHER_SINKS other sinks at most, vector.ts), so a file costs linear time.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class LineFinder {
  readonly #text: string;
  #starts: number[] | null = null;

  constructor(text: string) {
    this.#text = text;
  }

  get text(): string {
    return this.#text;
  }

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    if (!this.#starts) {
      const starts = [0];
      for (let i = this.#text.indexOf('\n'); i !== -1; i = this.#text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#starts = starts;
    }
    const s = this.#starts;
    let lo = 0,
      hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The line of a nested key: each segment searched in order from where the previous was found; 0 if absent. */
  lineOf(segments: readonly string[]): number {
    let at = 0;
    for (const seg of segments) {
      const re = new RegExp(`(^|[\\s."'\\[{,])${escape(seg)}(["'\\]]?)\\s*[:=\\].]`, 'gm');
      re.lastIndex = at;
      const m = re.exec(this.#text);
      if (!m) return 0;
      at = m.index + m[0].length - 1;
    }
    return this.lineAt(at);
  }
}
