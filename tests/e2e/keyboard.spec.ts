import { test, expect, waitForRun } from './fixtures.ts';

test('Tab reaches every parameter control, and focus is visible', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await waitForRun(page);
  // the newer models' groups start collapsed: open each from the keyboard (focus its summary, Enter)
  const closed = page.locator('details[data-group]:not([open]) > summary');
  expect(await closed.count()).toBeGreaterThan(0);
  while ((await closed.count()) > 0) {
    await closed.first().focus();
    await page.keyboard.press('Enter');
  }
  const expected = await page
    .locator('[data-param]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-param')!));
  expect(expected.length).toBeGreaterThan(120);
  for (const p of [
    'messaging.brokers',
    'controlPlane.enabled',
    'hvAgent.mode',
    'proxy.leakPercent',
    'tasks.pidMax',
    'maintenance.maxConcurrentHosts',
    'migration.linkGbps',
  ]) {
    expect(expected).toContain(p);
  }
  expect(expected).toContain('telemetry.buffer.whenFull');
  expect(expected).toContain('events.0.atMinute');

  const reached = new Set<string>();
  // start from the top of the page (the skip link), not from the last summary opened
  await page.locator('a.skip').focus();
  for (let i = 0; i < 900 && reached.size < expected.length; i++) {
    await page.keyboard.press('Tab');
    const p = await page.evaluate(() => document.activeElement?.getAttribute('data-param') ?? null);
    if (p) reached.add(p);
  }
  expect(expected.filter((p) => !reached.has(p))).toEqual([]);

  // every control has a visible label
  for (const path of expected) {
    const id = await page.locator(`[data-param="${path}"]`).getAttribute('id');
    await expect(page.locator(`label[for="${id}"]`), path).toBeVisible();
  }

  // focus is drawn
  const el = page.locator('[data-param="fleet.hypervisors"]');
  await el.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(el).toBeFocused();
  await expect(el).toHaveCSS('outline-style', 'solid');
});

test('Tab also reaches the run controls, the timeline, the map and the scrubber', async ({ page }) => {
  await page.goto('./');
  await waitForRun(page);
  const want = new Set(['preset', 'run', 'event-block', 'scrubber', 'play', 'host']);
  const seen = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < 500 && seen.size < want.size; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.getAttribute('data-testid') ?? (a?.hasAttribute('data-host') ? 'host' : null);
    });
    if (id && want.has(id)) seen.add(id);
  }
  expect([...want].filter((w) => !seen.has(w))).toEqual([]);
});

test('dark mode and reduced motion: dark colours, no errors, charts drawn', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto('./');
  await waitForRun(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(150);
  await expect(page.locator('[data-chart] canvas')).toHaveCount(8);
});
