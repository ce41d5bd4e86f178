// Presentation mode for a projector: the controls fold away, type, charts and the verdict scale,
// one lesson step at a time, at 1920x1080 and at 1280x720.
import { test, expect, verdict, waitForRun } from './fixtures.ts';

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
