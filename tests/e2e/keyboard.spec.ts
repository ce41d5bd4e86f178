import { test, expect, waitForRun, pressTab, TINY, KEY_WALK_MS } from './fixtures.ts';

test('Tab reaches every parameter control, and focus is visible', async ({ page }) => {
  test.setTimeout(KEY_WALK_MS); // ~350 Tab presses: more than the default 30 s with another worker
  await page.goto(TINY);
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

  // the page records what focus lands on, and the presses go in batches (900 presses with a round
  // trip each took minutes on a loaded machine)
  await page.evaluate(() => {
    const w = window as unknown as { __reached: Set<string> };
    w.__reached = new Set();
    document.addEventListener('focusin', (e) => {
      const p = (e.target as Element | null)?.getAttribute?.('data-param');
      if (p) w.__reached.add(p);
    });
  });
  const reachedCount = () => page.evaluate(() => (window as unknown as { __reached: Set<string> }).__reached.size);
  // start from the top of the page (the skip link), not from the last summary opened
  await page.locator('a.skip').focus();
  for (let i = 0; i < 900 && (await reachedCount()) < expected.length; i += 50) await pressTab(page, 50);
  const reached = new Set(await page.evaluate(() => [...(window as unknown as { __reached: Set<string> }).__reached]));
  expect(expected.filter((p) => !reached.has(p))).toEqual([]);

  // every control has a visible label (one pass in the page)
  const unlabelled = await page.locator('[data-param]').evaluateAll((els) =>
    els
      .filter((e) => {
        const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : null;
        if (!label) return true;
        const r = label.getBoundingClientRect();
        return r.width === 0 || r.height === 0 || getComputedStyle(label).visibility === 'hidden';
      })
      .map((e) => e.getAttribute('data-param')),
  );
  expect(unlabelled).toEqual([]);

  // focus is drawn
  const el = page.locator('[data-param="fleet.hypervisors"]');
  await el.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(el).toBeFocused();
  await expect(el).toHaveCSS('outline-style', 'solid');
});

test('Tab also reaches the run controls, the timeline, the map and the scrubber', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const want = ['preset', 'run', 'event-block', 'scrubber', 'play', 'host'];
  // the page records what focus lands on
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Set<string> };
    w.__seen = new Set();
    document.addEventListener('focusin', (e) => {
      const a = e.target as Element;
      const id = a.getAttribute?.('data-testid') ?? (a.hasAttribute?.('data-host') ? 'host' : null);
      if (id) w.__seen.add(id);
    });
  });
  const missing = async () => {
    const seen = await page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
    return want.filter((w) => !seen.includes(w));
  };
  await page.locator('body').focus();
  for (let i = 0; i < 500 && (await missing()).length > 0; i += 50) await pressTab(page, 50);
  expect(await missing()).toEqual([]);
});

test('dark mode and reduced motion: dark colours, no errors, charts drawn', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto(TINY);
  await waitForRun(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(150);
  await expect(page.locator('[data-chart] canvas')).toHaveCount(8);
});
