// Where the marker labels of a chart go: rows from the top of the plot for outages and events, and
// for a threshold the first spot near its line that no other label covers. Pure geometry in CSS
// pixels, so it is tested without a canvas.

/** height of a label row */
export const ROW = 13;
const MAX_ROWS = 3;

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
/** the box a label with baseline y covers */
const boxAt = (x0: number, x1: number, y: number): Box => ({ x0: x0 - 1, x1: x1 + 1, y0: y - ROW + 3, y1: y + 2 });
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Places text boxes in rows from the top of the plot so they never overlap; remembers every box. */
export class Rows {
  #ends: number[] = [];
  #top: number;
  readonly boxes: Box[] = [];
  constructor(top: number) {
    this.#top = top;
  }
  /** the baseline y for a label spanning [x0, x1], or null when every row is taken there */
  place(x0: number, x1: number): number | null {
    for (let r = 0; r < MAX_ROWS; r++) {
      if ((this.#ends[r] ?? -Infinity) < x0) {
        this.#ends[r] = x1 + 4;
        const y = this.#top + ROW * (r + 1) - 3;
        this.boxes.push(boxAt(x0, x1, y));
        return y;
      }
    }
    return null;
  }
  /** the first of the candidate spots (x, baseline y) whose box overlaps none placed, else the first */
  free(width: number, spots: [number, number][]): [number, number] {
    const ok = spots.find(([x, y]) => !this.boxes.some((b) => overlaps(b, boxAt(x, x + width, y))));
    const [x, y] = ok ?? spots[0];
    this.boxes.push(boxAt(x, x + width, y));
    return [x, y];
  }
}

/**
 * The spot (x, baseline y) for a threshold's label of width w at height py in the plot area a:
 * right-aligned above the line, else below it, else the same on the left, wherever no label
 * placed before (an outage's, an event's) is; a line near the top has its label up to a few rows
 * below it, under the top labels.
 */
export function placeThreshold(
  rows: Rows,
  py: number,
  w: number,
  a: { top: number; bottom: number; left: number; right: number },
): [number, number] {
  const spots: [number, number][] = [];
  for (const y of [py - 3, ...[1, 2, 3, 4].map((k) => py + k * ROW - 1)])
    if (y - ROW >= a.top - 3 && y <= a.bottom) for (const x of [a.right - w - 4, a.left + 4]) spots.push([x, y]);
  if (!spots.length) spots.push([a.right - w - 4, py - 3]);
  return rows.free(w, spots);
}

/**
 * A label next to a vertical line at px, inside [left, right]: to its right, else to its left,
 * else on the side with more room, cut to fit with an ellipsis (a phone's plot is narrower than
 * "Maintenance on every host ends"). `measure` gives a text's width; returns the text to draw and
 * its x range, never starting left of `left` nor ending right of `right`.
 */
export function beside(
  text: string,
  px: number,
  left: number,
  right: number,
  measure: (t: string) => number,
): { text: string; x0: number; x1: number } {
  const w = measure(text);
  if (px + 3 + w <= right) return { text, x0: px + 3, x1: px + 3 + w };
  if (px - 3 - w >= left) return { text, x0: px - 3 - w, x1: px - 3 };
  const toRight = right - px - 3,
    toLeft = px - 3 - left;
  const room = Math.max(toRight, toLeft);
  let t = text;
  while (t.length > 1 && measure(t + '…') > room) t = t.slice(0, -1);
  t = t.trimEnd() + '…';
  const tw = measure(t);
  return toRight >= toLeft ? { text: t, x0: px + 3, x1: px + 3 + tw } : { text: t, x0: px - 3 - tw, x1: px - 3 };
}
