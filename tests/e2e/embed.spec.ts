// ?embed=1: verdict, charts and Run / Share for an iframe, a link to the full playground, and the
// reader's own draft left alone.
import { test, expect, param, verdict, waitForRun, PAGE_LOADS_MS, TINY } from './fixtures.ts';

test('embed=1 shows the verdict, the charts and Run/Share, without the parameter panel', async ({ page }) => {
  await page.setViewportSize({ width: 720, height: 640 });
  test.setTimeout(PAGE_LOADS_MS); // the embed, then the full playground it links to
  await page.goto(`${TINY}&telemetry.buffer.whenFull=drop_newest&embed=1`);
  const first = await waitForRun(page);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
  await expect(page.locator('[data-chart="backlog"] canvas')).toBeVisible();
  // no parameter panel, no lessons, no saved work, no sweep
  await expect(page.locator('[data-param]')).toHaveCount(0);
  await expect(page.getByTestId('lessons')).toHaveCount(0);
  await expect(page.getByTestId('sweep')).toHaveCount(0);
  // the page fits the iframe's width
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
  await page.screenshot({ path: 'test-results/embed-720x640.png' });

  const full = page.getByTestId('open-full');
  const href = (await full.getAttribute('href'))!;
  expect(href).toContain('telemetry.buffer.whenFull=drop_newest');
  expect(href).not.toContain('embed=');
  await expect(full).toHaveAttribute('target', '_blank');

  await page.getByTestId('run').click();
  await waitForRun(page, first);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/whenFull=drop_newest/);
  await expect(page.getByTestId('share-url')).not.toHaveValue(/embed=/);

  // the full playground opens on the same scenario
  await page.goto(href);
  await waitForRun(page);
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
});

test("an embedded page neither reads nor writes the reader's draft", async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // three loads
  await page.goto(TINY);
  await waitForRun(page);
  await param(page, 'fleet.hypervisors').fill('2');
  await param(page, 'fleet.hypervisors').blur();
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  // an embed without a scenario shows the default preset, not the draft
  await page.goto('./?embed=1');
  await waitForRun(page);
  await expect(verdict(page)).toContainText('of 12 hypervisors');
  // back in the playground, the draft is still there
  await page.goto('./');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
});
