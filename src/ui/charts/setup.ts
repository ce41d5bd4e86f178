// chart.js, registered piece by piece (tree-shaken: line charts on linear and log scales, and the
// matrix chart of 2-D sweeps), plus a small plugin that draws what a chart needs to explain
// itself: shaded, named time ranges (outages), labelled vertical lines (scenario events, the
// first panic, the scrubbed time) and labelled horizontal thresholds. Labels that would overlap
// move to the next row; a label with no room left is dropped (the line stays).

import {
  Chart,
  CategoryScale,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
  Filler,
  type Plugin,
  type ChartType,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { ROW, Rows, beside, gapsAround, placeCursor, placeThreshold } from './labels.ts';

export interface Span {
  from: number;
  to: number;
  label: string;
}

/** a labelled vertical line at t seconds ('panic' lines are drawn solid in the panic colour) */
export interface VLine {
  t: number;
  label: string;
  kind?: 'event' | 'panic';
}

export interface Threshold {
  value: number;
  label: string;
  /** the axis the value is on (default: the left one) */
  axis?: 'y' | 'y1';
}

export interface MarkerOptions {
  /** shaded time ranges with an edge line at each end (seconds), labelled at the top */
  spans?: Span[];
  /** labelled vertical lines */
  lines?: VLine[];
  /** horizontal dashed lines */
  thresholds?: Threshold[];
  /** the scrubbed time (seconds), or null, and its label */
  cursor?: number | null;
  cursorLabel?: string;
  colors?: { span: string; edge: string; cursor: string; text: string; panic: string; bg: string };
}

/**
 * Marks live beside chart.js's options, not in them: changing them (every progress message, every
 * scrubber move) is a redraw, not a chart.update() through chart.js's option resolver.
 */
const MARKS = new WeakMap<object, MarkerOptions>();

export function setMarkers(chart: Chart<ChartType, unknown[]>, opts: MarkerOptions, draw = true): void {
  MARKS.set(chart, { ...MARKS.get(chart), ...opts });
  if (draw) chart.draw();
}

/**
 * The marks' type: a little under chart.js's own (its ticks), so it grows with them in presentation
 * mode (PresentBar sets chart.js's default size), and the height of a row of labels with it.
 */
function markFont(): { font: string; row: number } {
  const px = Math.max(10.5, Math.round(Number(Chart.defaults.font.size) * 0.85 * 2) / 2);
  return { font: `${px}px system-ui, sans-serif`, row: Math.max(ROW, Math.round(px * 1.24)) };
}

function label(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  c: { text: string; bg: string },
  row: number,
) {
  const w = ctx.measureText(text).width;
  ctx.fillStyle = c.bg;
  ctx.fillRect(x - 1, y - row + 3, w + 2, row - 1);
  ctx.fillStyle = c.text;
  ctx.fillText(text, x, y);
}

/** the labels drawn before the datasets, per chart: the scrubbed time's line and label keep clear of them */
const PLACED = new WeakMap<object, Rows>();

const markers: Plugin<'line'> = {
  id: 'markers',
  beforeDatasetsDraw(chart) {
    const opts = MARKS.get(chart) ?? {};
    const { ctx, chartArea: a, scales } = chart;
    const x = scales.x;
    const c = opts.colors;
    if (!x || !c) return;
    ctx.save();
    const { font, row } = markFont();
    ctx.font = font;
    ctx.textBaseline = 'alphabetic';
    const top = new Rows(a.top, row);
    PLACED.set(chart, top);
    const measure = (t: string) => ctx.measureText(t).width;
    // labels are drawn after every line, so no line of a later mark runs through an earlier label
    const labels: (() => void)[] = [];
    for (const s of opts.spans ?? []) {
      const x0 = Math.max(a.left, x.getPixelForValue(s.from)),
        x1 = Math.min(a.right, x.getPixelForValue(s.to));
      if (x1 <= x0) continue;
      ctx.fillStyle = c.span;
      ctx.fillRect(x0, a.top, x1 - x0, a.bottom - a.top);
      ctx.strokeStyle = c.edge;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      for (const px of [x0, x1]) {
        ctx.beginPath();
        ctx.moveTo(px, a.top);
        ctx.lineTo(px, a.bottom);
        ctx.stroke();
      }
      const b = beside(s.label, x0, a.left, a.right, measure);
      const y = top.place(b.x0, b.x1);
      if (y !== null) labels.push(() => label(ctx, b.text, b.x0, y, { text: c.edge, bg: c.bg }, row));
    }
    for (const l of opts.lines ?? []) {
      const px = x.getPixelForValue(l.t);
      if (px < a.left || px > a.right) continue;
      const panic = l.kind === 'panic';
      ctx.strokeStyle = panic ? c.panic : c.text;
      ctx.lineWidth = panic ? 1.5 : 1;
      ctx.setLineDash(panic ? [] : [3, 3]);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.stroke();
      const b = beside(l.label, px, a.left, a.right, measure);
      const y = top.place(b.x0, b.x1);
      if (y !== null) labels.push(() => label(ctx, b.text, b.x0, y, { text: panic ? c.panic : c.text, bg: c.bg }, row));
    }
    for (const t of opts.thresholds ?? []) {
      const scale = scales[t.axis ?? 'y'];
      if (!scale) continue;
      const py = scale.getPixelForValue(t.value);
      if (py < a.top || py > a.bottom) continue;
      ctx.strokeStyle = c.text;
      ctx.lineWidth = 1;
      ctx.setLineDash([6, 3, 1, 3]);
      ctx.beginPath();
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
      const w = ctx.measureText(t.label).width;
      const [lx, ly] = placeThreshold(top, py, w, a);
      labels.push(() => label(ctx, t.label, lx, ly, c, row));
    }
    for (const draw of labels) draw();
    ctx.restore();
  },
  afterDatasetsDraw(chart) {
    const opts = MARKS.get(chart) ?? {};
    const { ctx, chartArea: a, scales } = chart;
    if (opts.cursor == null || !scales.x || !opts.colors) return;
    const px = scales.x.getPixelForValue(opts.cursor);
    if (px < a.left || px > a.right) return;
    ctx.save();
    const { font, row } = markFont();
    ctx.font = font;
    // the labels drawn under the datasets: the line goes round them, its own label beside them
    const rows = PLACED.get(chart) ?? new Rows(a.top, row);
    let tag: { text: string; x: number; y: number } | null = null;
    if (opts.cursorLabel) {
      const b = beside(opts.cursorLabel, px, a.left, a.right, (t) => ctx.measureText(t).width);
      const [x, y] = placeCursor(rows, px, b.x1 - b.x0, a);
      tag = { text: b.text, x, y };
    }
    ctx.strokeStyle = opts.colors.cursor;
    ctx.lineWidth = 1.5;
    for (const [y0, y1] of gapsAround(rows.boxes, px, a.top, a.bottom)) {
      ctx.beginPath();
      ctx.moveTo(px, y0);
      ctx.lineTo(px, y1);
      ctx.stroke();
    }
    if (tag) label(ctx, tag.text, tag.x, tag.y, { text: opts.colors.cursor, bg: opts.colors.bg }, row);
    ctx.restore();
  },
};

Chart.register(
  CategoryScale,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
  Filler,
  MatrixController,
  MatrixElement,
  markers,
);

export { Chart };
