// What the sweep's chart.js charts share: colours read from the page's CSS (light or dark), the
// options every one of them starts from, and the chart's life in a component: made by `create`
// (again when the colour scheme or one of `keys` changes), drawn by `update` then and on every
// change of what `update` reads, destroyed when the component goes.

import { untrack } from 'svelte';
import { MediaQuery } from 'svelte/reactivity';

/** A colour token of app.css (`--fg`, `--grid`, ...) as the page has it now. */
export const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** No animation (results are drawn at once, reduced motion or not), the size of its box. */
export const STATIC_OPTIONS = { animation: false, responsive: true, maintainAspectRatio: false } as const;

const dark = new MediaQuery('(prefers-color-scheme: dark)');

/**
 * Call while a component initialises. `keys` reads what a new chart is needed for (an axis type,
 * a label); `update(chart)` reads the data. Returns the chart on screen (null before and after).
 */
export function liveChart<C extends { destroy(): void }>(
  create: () => C,
  update: (chart: C) => void,
  keys: () => void = () => {},
): () => C | null {
  let chart: C | null = null;
  $effect(() => {
    void dark.current; // colours come from CSS: rebuild when the scheme flips
    keys();
    const c = untrack(create);
    chart = c;
    untrack(() => update(c));
    return () => {
      c.destroy();
      chart = null;
    };
  });
  $effect(() => {
    if (chart) update(chart);
  });
  return () => chart;
}
