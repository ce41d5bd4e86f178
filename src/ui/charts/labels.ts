// Where the marker labels of a chart go: rows from the top of the plot for outages and events, and
// for a threshold the first spot near its line that no other label covers. Pure geometry in CSS
// pixels, so it is tested without a canvas.

/** height of a label row */
export const ROW = 13;
const MAX_ROWS = 3;

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
/** the box a label with baseline y covers */
const boxAt = (x0: number, x1: number, y: number, row = ROW): Box => ({
  x0: x0 - 1,
  x1: x1 + 1,
  y0: y - row + 3,
  y1: y + 2,
});
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Places text boxes in rows from the top of the plot so they never overlap; remembers every box. */
export class Rows {
  #ends: number[] = [];
  #top: number;
  readonly boxes: Box[] = [];
  /** `row`: the height of a label row (ROW at the normal type size; larger in presentation mode) */
  constructor(
    top: number,
    readonly row = ROW,
  ) {
    this.#top = top;
  }
  /** the baseline y for a label spanning [x0, x1], or null when every row is taken there */
  place(x0: number, x1: number): number | null {
    for (let r = 0; r < MAX_ROWS; r++) {
      if ((this.#ends[r] ?? -Infinity) < x0) {
        this.#ends[r] = x1 + 4;
        const y = this.#top + this.row * (r + 1) - 3;
        this.boxes.push(boxAt(x0, x1, y, this.row));
        return y;
      }
    }
    return null;
  }
  /** the first of the candidate spots (x, baseline y) whose box overlaps none placed, else the first */
  free(width: number, spots: [number, number][]): [number, number] {
    const ok = spots.find(([x, y]) => !this.boxes.some((b) => overlaps(b, boxAt(x, x + width, y, this.row))));
    const [x, y] = ok ?? spots[0];
    this.boxes.push(boxAt(x, x + width, y, this.row));
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
  const row = rows.row;
  for (const y of [py - 3, ...[1, 2, 3, 4].map((k) => py + k * row - 1)])
    if (y - row >= a.top - 3 && y <= a.bottom) for (const x of [a.right - w - 4, a.left + 4]) spots.push([x, y]);
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

/**
 * The scrubbed time's label ("map 11:22:50") of width w beside its line at px: at the foot of the
 * plot, right of the line or left of it, else a row or two up, wherever no label placed before
 * (outages, events, the first panic, thresholds) is; returns the spot (x, baseline y).
 */
export function placeCursor(
  rows: Rows,
  px: number,
  w: number,
  a: { top: number; bottom: number; left: number; right: number },
): [number, number] {
  const spots: [number, number][] = [];
  for (let k = 0; k < 4; k++) {
    const y = a.bottom - 4 - k * rows.row;
    if (y - rows.row < a.top) break;
    if (px + 3 + w <= a.right) spots.push([px + 3, y]);
    if (px - 3 - w >= a.left) spots.push([px - 3 - w, y]);
  }
  if (!spots.length) spots.push([Math.max(a.left, Math.min(px + 3, a.right - w)), a.bottom - 4]);
  return rows.free(w, spots);
}

/**
 * The parts of a vertical line at px from top to bottom that cross no label box: a line drawn
 * after the labels (the scrubbed time) goes round them instead of through their text.
 */
export function gapsAround(boxes: readonly Box[], px: number, top: number, bottom: number): [number, number][] {
  const cuts = boxes
    .filter((b) => b.x0 <= px && px <= b.x1 && b.y1 > top && b.y0 < bottom)
    .map((b) => [Math.max(top, b.y0), Math.min(bottom, b.y1)] as const)
    .sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  let at = top;
  // a sliver between two rows of labels is not drawn
  for (const [y0, y1] of cuts) {
    if (y0 - at >= 3) out.push([at, y0]);
    at = Math.max(at, y1);
  }
  if (bottom - at >= 3) out.push([at, bottom]);
  return out;
}
