// Prints timings rather than asserting tight budgets (machines differ). Aims: first verdict
// under 2 s after load, a new verdict under 1 s after a parameter change (250 ms debounce included).
import { test, expect, waitForRun } from './fixtures.ts';

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

test('performance: main-thread long tasks while a big fleet runs, scrubs and opens a story', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // 2,000 hosts of 4 small VMs (8,000 VMs): thousands of map cells, a long event log
  await page.goto(
    './?preset=workshop-outage&fleet.zones=4&fleet.hypervisors=2000&fleet.vmMix.pico=3&fleet.vmMix.nano=1&fleet.vmMix.XS=0&fleet.vmMix.S=0&fleet.vmMix.M=0&fleet.vmMix.L=0&fleet.vmMix.XL=0',
  );
  await waitForRun(page, 0, 120_000);
  const afterRun = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.slice());
  const scrubber = page.getByTestId('scrubber');
  await scrubber.focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowLeft');
  await page
    .getByTestId('zone-canvas')
    .first()
    .locator('canvas')
    .click({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('host-story')).toBeVisible();
  const all = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.slice());
  const worst = (xs: number[]) => Math.round(Math.max(0, ...xs));
  console.log(
    `[perf] long tasks: run ${afterRun.length} (worst ${worst(afterRun)} ms); ` +
      `scrub 20 + open a story ${all.length - afterRun.length} (worst ${worst(all.slice(afterRun.length))} ms)`,
  );
  expect(worst(all)).toBeLessThan(5_000); // a sanity bound; the ~200 ms aim is read from the print
});
