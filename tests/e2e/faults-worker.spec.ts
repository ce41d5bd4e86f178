// The fault drill, worker side (issue 16): a worker killed mid-run, gone silent, or whose chunk
// answers 404 (a stale deploy) settles the run with a message, and the next run works.
import { test, expect, verdict, waitForRun, setValue, runId, TINY, TINY_STREAMING } from './fixtures.ts';
import type { Page, Worker } from '@playwright/test';

/** the page's STALL_MS (src/worker/runner.ts): a worker silent this long while it runs is dead */
const STALL_MS = 15_000;

/** The live run's worker (the page's only sim worker while no sweep runs). */
async function simWorker(page: Page): Promise<Worker> {
  const sims = () => page.workers().filter((w) => /sim\.worker/.test(w.url()));
  await expect.poll(() => sims().length).toBeGreaterThan(0);
  const all = sims();
  return all[all.length - 1];
}

async function midRun(page: Page): Promise<void> {
  await expect(verdict(page)).toHaveAttribute('data-state', 'running');
  await expect
    .poll(async () => Number(await page.getByTestId('progress').getAttribute('value')), { timeout: 0 }) // the first progress message: within the test's time
    .toBeGreaterThan(0);
}

test('a worker killed mid-run: the run says it failed, the next run works', async ({ page }) => {
  await page.goto(TINY_STREAMING);
  await midRun(page);
  const w = await simWorker(page);
  // an uncaught error kills the worker's run the way a crash would
  await w.evaluate(() =>
    setTimeout(() => {
      throw new Error('killed by the fault drill');
    }),
  );
  await expect(verdict(page)).toHaveAttribute('data-state', 'error');
  await expect(verdict(page)).toContainText(
    /The simulation failed: the simulation worker stopped with an error .*killed by the fault drill.*run it again/,
  );
  await expect(page.getByTestId('run')).toBeEnabled();
  // an hour of the same fleet: the next run is a short one
  const failed = await runId(page);
  await setValue(page, 'durationMinutes', 60);
  await waitForRun(page, failed);
  await expect(verdict(page)).toContainText(/of 3 hypervisors panicked/);
});

test('a worker that goes silent mid-run is replaced after the stall time', async ({ page }) => {
  // the page's clock is Playwright's: it runs as usual, and jumps over the stall time below
  await page.clock.install();
  await page.goto(TINY_STREAMING);
  await midRun(page);
  const w = await simWorker(page);
  // close() ends a worker without any event: only the heartbeat's absence tells
  await w.evaluate(() => self.close()).catch(() => {});
  await page.clock.fastForward(STALL_MS + 1_000);
  await expect(verdict(page)).toHaveAttribute('data-state', 'error');
  await expect(verdict(page)).toContainText(/stopped answering \(nothing for 15 s\)/);
  const failed = await runId(page);
  await setValue(page, 'durationMinutes', 60);
  await waitForRun(page, failed);
  await expect(verdict(page)).toContainText(/of 3 hypervisors panicked/);
});

test('a worker chunk that answers 404 (a stale deploy) says so; the run after it works', async ({
  page,
  consoleErrors,
}) => {
  await page.route(/sim\.worker[^/]*\.js/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(TINY);
  await expect(verdict(page)).toHaveAttribute('data-state', 'error');
  await expect(verdict(page)).toContainText(
    /The simulation failed: the simulation worker could not start: its file did not load\. If the site was just updated, reload the page/,
  );
  // the browser logs the 404 itself; nothing else may be in the console
  expect(
    consoleErrors.every((e) => /404|Failed to load/.test(e)),
    consoleErrors.join('\n'),
  ).toBe(true);
  consoleErrors.length = 0;
  // the chunk is back (the deploy finished): the next request gets a new worker and runs
  await page.unroute(/sim\.worker[^/]*\.js/);
  const failed = await runId(page);
  await setValue(page, 'fleet.hypervisors', 6);
  await waitForRun(page, failed);
  await expect(verdict(page)).toContainText(/of 6 hypervisors panicked/);
});

test('a sweep whose worker chunk answers 404 settles every row with the reason', async ({ page, consoleErrors }) => {
  await page.goto(TINY);
  await waitForRun(page);
  await page.route(/sim\.worker[^/]*\.js/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  const sweep = page.getByTestId('sweep');
  await sweep.scrollIntoViewIfNeeded();
  await sweep.getByTestId('sweep-run').click();
  await expect(sweep.getByTestId('sweep-status')).toHaveText(/(\d+) of \1 runs done/);
  await expect(sweep).toContainText(/could not start/);
  expect(
    consoleErrors.every((e) => /404|Failed to load/.test(e)),
    consoleErrors.join('\n'),
  ).toBe(true);
  consoleErrors.length = 0;
});
