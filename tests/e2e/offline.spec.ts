// Offline after the first visit: the service worker precaches the app and the simulation worker.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, param, verdict, waitForRun, PAGE_LOADS_MS, TINY } from './fixtures.ts';

/** the built service worker, as the preview server serves it (read from disk on every request) */
const SW_FILE = fileURLToPath(new URL('../../dist/sw.js', import.meta.url));

test.use({ serviceWorkers: 'allow' });

test('after one visit the page opens and runs with the network off, and says it is offline', async ({
  page,
  context,
}) => {
  test.setTimeout(PAGE_LOADS_MS); // online, then offline: two loads, three runs
  await page.goto(TINY);
  await waitForRun(page);
  // the service worker has installed and precached the build
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByTestId('offline-ready')).toBeVisible();
  await expect(page.getByTestId('offline')).toHaveCount(0);

  await context.setOffline(true);
  // a new scenario link, never opened before: the app shell answers every query
  await page.goto(`${TINY}&telemetry.buffer.whenFull=drop_newest`);
  await expect(page.getByTestId('offline')).toContainText('Offline');
  await waitForRun(page);
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
  // the simulation worker came from the cache too: run again
  const last = Number(await verdict(page).getAttribute('data-run'));
  await page.getByTestId('run').click();
  await waitForRun(page, last);

  await context.setOffline(false);
  await expect(page.getByTestId('offline')).toHaveCount(0);
});

test('a new version waits for the user: "Reload to update" keeps the edit', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // a load, a reload and the update's own
  await page.goto(TINY);
  await waitForRun(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // the next visit is served by the service worker
  await page.reload();
  await waitForRun(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // an edit the user made (autosaved as the draft, and in the URL)
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await expect(page).toHaveURL(/whenFull=drop_newest/);
  // "publish" a new build: the service worker script that vite preview serves changes by a byte
  // (Playwright cannot route the browser's own update check; no other test fetches sw.js, their
  // contexts block service workers)
  const original = readFileSync(SW_FILE, 'utf8');
  try {
    writeFileSync(SW_FILE, original + '\n// the next build\n');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    const notice = page.getByTestId('update');
    await expect(notice).toContainText('A new version of Cascade is available');
    // nothing reloads by itself: the new version is installed and waits for the user, and this is
    // still the page that loaded before it (a reload would have a new time origin)
    await page.evaluate(async () => {
      const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
      if (!waiting) throw new Error('no new version waiting');
      if (waiting.state !== 'installed')
        await new Promise((done) => waiting.addEventListener('statechange', done, { once: true }));
    });
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload to update' }).click()]);
  } finally {
    writeFileSync(SW_FILE, original);
  }
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(page.getByTestId('update')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
});
