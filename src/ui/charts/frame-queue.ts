// One animation-frame queue for every chart on the page. A chart asks for work (an update or a
// redraw); asking again before the frame replaces the older request, so a burst of progress
// messages costs one update per chart. Each frame runs the charts in view first, then the others,
// and stops after BUDGET_MS (always at least one), so a click or a key press waits for one chart
// at most, never for all of them. Contract: `request(key, fn)` runs fn once, in a later frame,
// unless `cancel(key)` or `flush(key)` comes first; `flush(key)` runs it now.

/** main-thread time per frame for chart work (a 60 Hz frame is 16.7 ms; leave room for input) */
const BUDGET_MS = 8;

interface Job {
  run: () => void;
  inView: () => boolean;
}

const jobs = new Map<object, Job>();
let frame = 0;

function tick(): void {
  frame = 0;
  const t0 = performance.now();
  const order = [...jobs].sort(([, a], [, b]) => Number(b.inView()) - Number(a.inView()));
  for (const [key, job] of order) {
    jobs.delete(key);
    job.run();
    if (performance.now() - t0 > BUDGET_MS) break;
  }
  if (jobs.size && !frame) frame = requestAnimationFrame(tick);
}

/** Runs `run` in a coming frame (charts in view first); a newer request for `key` replaces it. */
export function request(key: object, run: () => void, inView: () => boolean = () => true): void {
  jobs.set(key, { run, inView });
  if (!frame) frame = requestAnimationFrame(tick);
}

/** Runs the pending request for `key` at once (before reading the chart, e.g. a PNG export). */
export function flush(key: object): void {
  const job = jobs.get(key);
  if (!job) return;
  jobs.delete(key);
  job.run();
}

export function cancel(key: object): void {
  jobs.delete(key);
}

/** requests still waiting (tests) */
export function pending(): number {
  return jobs.size;
}
