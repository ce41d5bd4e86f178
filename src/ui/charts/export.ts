// PNG export of a chart: re-rendered at 2x, on an opaque background, with the chart's title,
// the scenario's name, the seed and the verdict drawn above it, so the image explains itself
// when pasted into a post-mortem. Returns a data: URL.

import type { Chart } from 'chart.js';

export const EXPORT_SCALE = 2;
const PAD = 10;
const LINE = 16;

export interface ExportText {
  title: string;
  caption?: string;
  info?: { scenario: string; seed: number; verdict: string };
  bg: string;
  fg: string;
  muted: string;
}

/** greedy word wrap to `width` pixels in the context's current font */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart type
export function exportPng(chart: Chart<any, any, any>, canvas: HTMLCanvasElement, t: ExportText): string {
  const w = canvas.clientWidth,
    h = canvas.clientHeight;
  const before = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = EXPORT_SCALE;
  chart.resize();
  chart.update('none');

  const out = document.createElement('canvas');
  const ctx = out.getContext('2d')!;
  const textW = w - 2 * PAD;
  ctx.font = '13px system-ui, sans-serif';
  const lines: { text: string; font: string; color: string }[] = [];
  const add = (text: string, font: string, color: string) => {
    ctx.font = font;
    for (const l of wrap(ctx, text, textW)) lines.push({ text: l, font, color });
  };
  add(t.title, '600 14px system-ui, sans-serif', t.fg);
  if (t.info) {
    add(`${t.info.scenario} · seed ${t.info.seed}`, '12px system-ui, sans-serif', t.muted);
    if (t.info.verdict) add(t.info.verdict, '12px system-ui, sans-serif', t.fg);
  }
  if (t.caption) add(t.caption, 'italic 11px system-ui, sans-serif', t.muted);
  const head = PAD + lines.length * LINE + 4;

  out.width = w * EXPORT_SCALE;
  out.height = (head + h + PAD) * EXPORT_SCALE;
  ctx.scale(EXPORT_SCALE, EXPORT_SCALE);
  ctx.fillStyle = t.bg;
  ctx.fillRect(0, 0, w, head + h + PAD);
  ctx.textBaseline = 'alphabetic';
  lines.forEach((l, i) => {
    ctx.font = l.font;
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, PAD, PAD + (i + 1) * LINE - 4);
  });
  ctx.drawImage(canvas, 0, head, w, h);
  const url = out.toDataURL('image/png');

  chart.options.devicePixelRatio = before;
  chart.resize();
  chart.update('none');
  return url;
}
