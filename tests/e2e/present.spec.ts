// Presentation mode for a projector: the controls fold away, type, charts and the verdict scale,
// one lesson step at a time, at 1920x1080 and at 1280x720.
import { test, expect, verdict, waitForRun, TINY } from './fixtures.ts';

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`present=1 at ${width}x${height}: big step, big charts, no parameter column`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('./?lesson=the-outage&present=1');
    await waitForRun(page);
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(page.locator('#sec-scenario')).toBeHidden();
    const bar = page.getByTestId('present-bar');
    await expect(bar).toContainText('Step 1 of 5');
    // larger than the normal page's 15 px type, and the verdict's head with it
    const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rootPx).toBeGreaterThanOrEqual(18);
    // ... and growing with the screen
    if (width === 1920) expect(rootPx).toBeGreaterThanOrEqual(22);
    const headPx = await verdict(page)
      .locator('.head')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(headPx).toBeGreaterThanOrEqual(20);
    // charts are taller than the 180 px of the normal page, and use the whole width
    const chart = await page.locator('[data-chart="backlog"] .canvas-wrap').boundingBox();
    expect(chart!.height).toBeGreaterThanOrEqual(216);
    expect(chart!.width).toBeGreaterThan(500);
    // their ticks, legend and marks grow with the type (not chart.js's 12 px, nor a fixed size)
    const font = Number(await page.locator('[data-chart="backlog"] .canvas-wrap').getAttribute('data-font-px'));
    expect(font).toBeGreaterThanOrEqual(Math.round(rootPx * 0.8));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // the first charts are on the first screen, under the step and the verdict
    await expect(page.getByTestId('how-sure')).toBeHidden();
    await expect(page.locator('[data-chart]').first()).toBeInViewport();
    await page.screenshot({ path: `test-results/present-${width}x${height}.png` });

    // one step at a time
    await bar.getByTestId('lesson-next').click();
    await expect(bar).toContainText('Step 2 of 5');
    await expect(page).toHaveURL(/step=2/);
    // the controls open over the page on request
    await bar.getByTestId('present-controls').click();
    await expect(page.locator('#sec-scenario')).toBeVisible();
    await expect(bar.getByTestId('present-controls')).toHaveAttribute('aria-expanded', 'true');
    await bar.getByTestId('present-controls').click();
    await expect(page.locator('#sec-scenario')).toBeHidden();
  });
}

test('a presentation link on a phone: its own type size, no sideways scroll, the step scrolls away', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?lesson=the-outage&step=2&present=1');
  await waitForRun(page);
  const bar = page.getByTestId('present-bar');
  await expect(bar).toContainText('Step 2 of 5');
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeLessThan(18);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.locator('[data-chart="backlog"]').scrollIntoViewIfNeeded();
  await expect(bar).not.toBeInViewport();
});

test('present=1 at 1280x720: chart ticks and marks grow with the type, one-line title, no two-run comparison', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${TINY}&present=1`);
  await waitForRun(page);
  const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const wrap = page.locator('[data-chart="backlog"] .canvas-wrap');
  await expect(wrap).not.toHaveAttribute('data-font-px', '0');
  // chart.js's ticks and legend near the page's type, not its 12 px default
  expect(Number(await wrap.getAttribute('data-font-px'))).toBeGreaterThanOrEqual(Math.round(rootPx * 0.8));
  // the brand and the scenario's title stay on one line
  const h1 = page.locator('header.top h1');
  const lineHeight = await h1.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || el.scrollHeight);
  expect((await h1.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  await expect(page.getByTestId('compare')).toBeHidden();
});
