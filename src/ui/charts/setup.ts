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
import { ROW, Rows, beside, placeThreshold } from './labels.ts';

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

const FONT = '10.5px system-ui, sans-serif';

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, c: { text: string; bg: string }) {
  const w = ctx.measureText(text).width;
  ctx.fillStyle = c.bg;
  ctx.fillRect(x - 1, y - ROW + 3, w + 2, ROW - 1);
  ctx.fillStyle = c.text;
  ctx.fillText(text, x, y);
}

const markers: Plugin<'line'> = {
  id: 'markers',
  beforeDatasetsDraw(chart) {
    const opts = MARKS.get(chart) ?? {};
    const { ctx, chartArea: a, scales } = chart;
    const x = scales.x;
    const c = opts.colors;
    if (!x || !c) return;
    ctx.save();
    ctx.font = FONT;
    ctx.textBaseline = 'alphabetic';
    const top = new Rows(a.top);
    const measure = (t: string) => ctx.measureText(t).width;
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
      if (y !== null) label(ctx, b.text, b.x0, y, { text: c.edge, bg: c.bg });
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
      if (y !== null) label(ctx, b.text, b.x0, y, { text: panic ? c.panic : c.text, bg: c.bg });
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
      label(ctx, t.label, lx, ly, c);
    }
    ctx.restore();
  },
  afterDatasetsDraw(chart) {
    const opts = MARKS.get(chart) ?? {};
    const { ctx, chartArea: a, scales } = chart;
    if (opts.cursor == null || !scales.x || !opts.colors) return;
    const px = scales.x.getPixelForValue(opts.cursor);
    if (px < a.left || px > a.right) return;
    ctx.save();
    ctx.strokeStyle = opts.colors.cursor;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(px, a.top);
    ctx.lineTo(px, a.bottom);
    ctx.stroke();
    if (opts.cursorLabel) {
      ctx.font = FONT;
      const b = beside(opts.cursorLabel, px, a.left, a.right, (t) => ctx.measureText(t).width);
      label(ctx, b.text, b.x0, a.bottom - ROW - 4, { text: opts.colors.cursor, bg: opts.colors.bg });
    }
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
