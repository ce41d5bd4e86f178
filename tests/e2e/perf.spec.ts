// Timings of the page. The first test prints them (machines differ; aims: first verdict under
// 2 s after load, a new verdict under 1 s after a parameter change, 250 ms debounce included).
// The second bounds the longest main-thread task while a big fleet runs, scrubs and opens a story.
import { test, expect, waitForRun, runId, setValue, param } from './fixtures.ts';

// Playwright's trace snapshots the DOM on every action, a long task of its own on a big page
test.use({ trace: 'off' });

test('performance: load to first verdict, parameter change to new verdict', async ({ page }) => {
  await page.goto('./');
  await waitForRun(page);
  const firstVerdictMs = await page.evaluate(() => performance.now());
  const workerMs = await page.getByTestId('run-time').getAttribute('data-ms');
  console.log(`[perf] load to first verdict: ${Math.round(firstVerdictMs)} ms (page-side run ${workerMs} ms)`);

  const rerun: number[] = [];
  for (const value of ['drop_newest', 'block', 'drop_newest', 'block']) {
    const ms = await page.evaluate(async (v) => {
      const verdict = document.querySelector('[data-testid="verdict"]')!;
      const before = Number(verdict.getAttribute('data-run'));
      const select = document.querySelector<HTMLSelectElement>('[data-param="telemetry.buffer.whenFull"]')!;
      const t0 = performance.now();
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return new Promise<number>((resolve) => {
        const check = () => {
          if (Number(verdict.getAttribute('data-run')) > before && verdict.getAttribute('data-state') === 'done') {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(verdict, { attributes: true });
      });
    }, value);
    rerun.push(ms);
  }
  console.log(
    `[perf] parameter change to new verdict: ${rerun.map((m) => `${Math.round(m)} ms`).join(', ')} (250 ms of each is the debounce)`,
  );
  expect(firstVerdictMs).toBeLessThan(10_000);
  expect(Math.max(...rerun)).toBeLessThan(10_000);
});

test("performance: an edit's own task, and the address bar kept out of it", async ({ page }) => {
  // history.replaceState costs 2-80 ms on a loaded machine (issue 11): the address bar is written
  // a moment after the last edit, in a task of its own, never in the edit's
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: Task[]; urlWrites: Task[] };
    w.longTasks = [];
    w.urlWrites = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const replace = history.replaceState.bind(history);
    history.replaceState = (...a: Parameters<History['replaceState']>) => {
      const t = performance.now();
      replace(...a);
      w.urlWrites.push({ start: t, ms: performance.now() - t });
    };
  });
  await page.goto('./');
  await waitForRun(page);
  const r = await page.evaluate(async () => {
    const w = window as unknown as { longTasks: Task[]; urlWrites: Task[] };
    const select = document.querySelector<HTMLSelectElement>('[data-param="telemetry.buffer.whenFull"]')!;
    const edits: { start: number; ms: number; url: number }[] = [];
    for (let k = 0; k < 12; k++) {
      const t0 = performance.now();
      select.value = k % 2 ? 'block' : 'drop_newest';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve(); // the edit's effects (Svelte flushes them in a microtask)
      const t1 = performance.now();
      const url = w.urlWrites.filter((u) => u.start >= t0 && u.start <= t1).reduce((a, u) => a + u.ms, 0);
      edits.push({ start: t0, ms: t1 - t0, url });
      await new Promise((done) => setTimeout(done, 600));
    }
    const taskOf = (e: { start: number }) =>
      w.longTasks.find((t) => t.start <= e.start + 1 && e.start <= t.start + t.ms)?.ms ?? 0;
    return { edits: edits.map((e) => ({ ...e, task: taskOf(e) })), writes: w.urlWrites.length };
  });
  const ms = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `median ${Math.round(s[s.length >> 1])} ms, worst ${Math.round(s[s.length - 1])} ms`;
  };
  console.log(
    `[perf] an edit's task (12 edits): handler ${ms(r.edits.map((e) => e.ms))}; long task ${ms(r.edits.map((e) => e.task))}; replaceState inside it ${ms(r.edits.map((e) => e.url))}`,
  );
  // each edit moved the address bar once, later, outside the edit's task
  expect(r.edits.map((e) => e.url)).toEqual(r.edits.map(() => 0));
  expect(r.writes).toBeGreaterThanOrEqual(12);
});

/**
 * The longest main-thread task may not exceed this, in any phase. The aim is ~200 ms (issue 11);
 * the bound leaves room for a loaded 2-core CI machine and still fails on the regressions seen
 * before (a fleet map of 2,000 buttons: ~440 ms per scrub frame; the whole event log: ~1 s).
 */
const LONG_TASK_BOUND_MS = 400;

type Task = { start: number; ms: number };
const tasks = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { longTasks: Task[] }).longTasks.slice());

test('performance: main-thread long tasks while a big fleet runs, scrubs and opens a story', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: Task[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('./');
  const first = await waitForRun(page);
  const phases: [string, number][] = [['load', 0]];
  const mark = async (name: string) => phases.push([name, await page.evaluate(() => performance.now())]);

  // the way a user makes a big fleet: the Fleet group's fields, the mix first (a small fleet
  // re-runs quickly), the hypervisors last: 2,000 hosts of 4 small VMs (8,000 VMs)
  await mark('edit the fleet');
  for (const [path, value] of [
    ['fleet.vmMix.pico', 3],
    ['fleet.vmMix.nano', 1],
    ['fleet.vmMix.XS', 0],
    ['fleet.vmMix.S', 0],
    ['fleet.vmMix.M', 0],
    ['fleet.zones', 4],
  ] as const)
    await setValue(page, path, value);
  const small = await waitForRun(page, first);
  await mark('run 2,000 hosts');
  await setValue(page, 'fleet.hypervisors', 2000);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2,000');
  await waitForRun(page, small, 120_000);
  expect(await runId(page)).toBeGreaterThan(small);
  await expect(page.getByTestId('fleet-map')).toContainText('2000 hypervisors');

  await mark('scrub 20 steps');
  const scrubber = page.getByTestId('scrubber');
  await scrubber.focus();
  const end = Number(await scrubber.inputValue());
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowLeft');
  await expect(scrubber).toHaveValue(String(end - 20));

  await mark('open a story');
  await page
    .getByTestId('zone-canvas')
    .first()
    .locator('canvas')
    .click({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('host-story')).toBeVisible();
  // the story's charts draw in animation frames after it shows: let them finish
  await page.waitForTimeout(1000);
  await mark('end');

  const all = await tasks(page);
  const report = phases.slice(0, -1).map(([name, from], i) => {
    const to = phases[i + 1][1];
    const mine = all.filter((t) => t.start >= from && t.start < to);
    return { name, n: mine.length, worst: Math.round(Math.max(0, ...mine.map((t) => t.ms))) };
  });
  console.log(`[perf] long tasks: ${report.map((r) => `${r.name} ${r.n} (worst ${r.worst} ms)`).join('; ')}`);
  // loading the page is printed, not bounded: it parses and compiles the bundle, and its one long
  // task (mounting the page, ~300 ms here) swings with the machine's load more than the others
  for (const r of report.slice(1))
    expect(r.worst, `longest task while "${r.name}"`).toBeLessThanOrEqual(LONG_TASK_BOUND_MS);
});
