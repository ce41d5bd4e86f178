// chart.js, registered piece by piece (tree-shaken: line charts on linear scales only), plus a
// tiny plugin that marks the scenario's events, a threshold and the scrubbed time.

import {
  Chart,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  Legend,
  Tooltip,
  type Plugin,
  type ChartType,
} from 'chart.js';

export interface Span {
  from: number;
  to: number;
  label: string;
}

export interface MarkerOptions {
  /** shaded time ranges with an edge line at each end (seconds) */
  spans?: Span[];
  /** horizontal dashed lines on the left axis */
  thresholds?: { value: number; label: string }[];
  /** the scrubbed time (seconds), or null */
  cursor?: number | null;
  colors?: { span: string; edge: string; cursor: string; text: string };
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- merging needs chart.js's own type parameter
  interface PluginOptionsByType<TType extends ChartType> {
    markers?: MarkerOptions;
  }
}

const markers: Plugin<'line'> = {
  id: 'markers',
  beforeDatasetsDraw(chart, _args, opts: MarkerOptions) {
    const { ctx, chartArea: a, scales } = chart;
    const x = scales.x,
      y = scales.y;
    if (!x || !y || !opts.colors) return;
    ctx.save();
    for (const s of opts.spans ?? []) {
      const x0 = Math.max(a.left, x.getPixelForValue(s.from)),
        x1 = Math.min(a.right, x.getPixelForValue(s.to));
      // an instant event (no duration) is one dashed line
      const instant = s.to <= s.from;
      if (instant ? x0 < a.left || x0 > a.right : x1 <= x0) continue;
      if (!instant) {
        ctx.fillStyle = opts.colors.span;
        ctx.fillRect(x0, a.top, x1 - x0, a.bottom - a.top);
      }
      ctx.strokeStyle = opts.colors.edge;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      for (const px of instant ? [x0] : [x0, x1]) {
        ctx.beginPath();
        ctx.moveTo(px, a.top);
        ctx.lineTo(px, a.bottom);
        ctx.stroke();
      }
    }
    for (const t of opts.thresholds ?? []) {
      const py = y.getPixelForValue(t.value);
      if (py < a.top || py > a.bottom) continue;
      ctx.strokeStyle = opts.colors.text;
      ctx.setLineDash([2, 4]);
      ctx.beginPath();
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
      ctx.fillStyle = opts.colors.text;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(t.label, a.left + 4, py - a.top < 14 ? py + 12 : py - 3);
    }
    ctx.restore();
  },
  afterDatasetsDraw(chart, _args, opts: MarkerOptions) {
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
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, markers);

export { Chart };
