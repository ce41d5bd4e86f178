// The first visit: a short guide (skippable, never again once dismissed), the cause chain in plain
// words with a glossary on hover and focus, and arrows that lead to the chart and the host.
import { test, expect, param, verdict, waitForRun, PAGE_LOADS_MS, TINY } from './fixtures.ts';

test.describe('first visit', () => {
  test.use({ firstVisit: true });

  test('a four-step guide; once done it never shows again', async ({ page }) => {
    await page.goto('./');
    await waitForRun(page);
    const guide = page.getByTestId('guide');
    await expect(guide).toBeVisible();
    await expect(guide).toHaveAttribute('data-step', '1');
    await expect(guide).toContainText('1 of 4');
    // the page stays usable around it (not a modal)
    await expect(verdict(page)).toContainText(/\d+ of 12 hypervisors panicked/);
    await guide.getByTestId('guide-next').click();
    await guide.getByTestId('guide-next').click();
    await expect(guide).toHaveAttribute('data-step', '3');
    await guide.getByRole('button', { name: 'Show me the control' }).click();
    await expect(param(page, 'telemetry.buffer.whenFull')).toBeFocused();
    await guide.getByTestId('guide-next').click();
    await expect(guide).toContainText('4 of 4');
    await page.screenshot({ path: 'test-results/guide-step4.png' });
    await guide.getByTestId('guide-done').click();
    await expect(guide).toHaveCount(0);
    await page.reload();
    await waitForRun(page);
    await expect(page.getByTestId('guide')).toHaveCount(0);
  });

  test('Skip closes it for good; lesson, presentation and embed links never show it', async ({ page }) => {
    test.setTimeout(PAGE_LOADS_MS); // five links in turn
    // a lesson link: the lesson is the guide (the first-visit guide waits for a plain visit)
    await page.goto('./?lesson=the-outage');
    await waitForRun(page);
    await expect(page.getByTestId('lesson-step')).toBeVisible();
    await expect(page.getByTestId('guide')).toHaveCount(0);
    await page.goto(`${TINY}&present=1`);
    await waitForRun(page);
    await expect(page.getByTestId('guide')).toHaveCount(0);
    await page.goto(`${TINY}&embed=1`);
    await waitForRun(page);
    await expect(page.getByTestId('guide')).toHaveCount(0);
    await page.goto('./');
    await page.getByTestId('guide-skip').click();
    await expect(page.getByTestId('guide')).toHaveCount(0);
    await page.goto('./?preset=clevercloud-2022-04&fleet.hypervisors=4&fleet.zones=2');
    await expect(page.getByTestId('lessons')).toBeVisible();
    await expect(page.getByTestId('guide')).toHaveCount(0);
  });
});

test('tests opt out of the guide by default', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  await expect(page.getByTestId('guide')).toHaveCount(0);
});

test('the chain in plain words: glossary on hover and focus, arrows to the chart and the host', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const chain = page.getByTestId('plain-chain');
  await expect(chain).toContainText('What happened, in plain words');
  await expect(chain.locator('li')).toHaveCount(6);

  // a term explains itself on keyboard focus, through aria-describedby
  const term = chain.locator('[data-term="khungtaskd"]').first();
  const tipId = (await term.getAttribute('aria-describedby'))!;
  const tip = page.locator(`[id="${tipId}"]`);
  await expect(tip).toBeHidden();
  await term.focus();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveAttribute('role', 'tooltip');
  await expect(tip).toContainText('hung_task_timeout_secs');
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await term.blur();
  // ... and on hover
  const dstate = chain.locator('[data-term="d-state"]').first();
  await dstate.hover();
  await expect(page.locator(`[id="${await dstate.getAttribute('aria-describedby')}"]`)).toContainText(
    'Uninterruptible',
  );
  await page.screenshot({ path: 'test-results/plain-chain.png' });

  // an arrow leads to its chart ...
  await chain.locator('[data-chart-link="dstate"]').click();
  await expect(page.locator('[data-chart="dstate"]')).toBeFocused();
  // ... and to its host on the fleet map
  const host = chain.locator('[data-host-link]').last();
  const h = await host.getAttribute('data-host-link');
  await host.click();
  await expect(page.getByTestId('host-story')).toBeVisible();
  await expect(page.getByTestId('host-story')).toContainText(`hv-${h}`);
});

test.describe('the guide on another preset', () => {
  test.use({ firstVisit: true });
  test('names that preset’s incident and a change that fits it', async ({ page }) => {
    await page.goto('./?preset=clevercloud-2022-04&fleet.hypervisors=2&fleet.zones=1&durationMinutes=20');
    await waitForRun(page);
    const guide = page.getByTestId('guide');
    await expect(guide).toContainText('Clever Cloud, April 2022');
    await expect(guide).not.toContainText('messaging outage');
    await guide.getByTestId('guide-next').click();
    await guide.getByTestId('guide-next').click();
    await expect(guide).toContainText('from process-per-notification to single-driver');
    await expect(guide).toContainText('do VMs still crash?');
  });
});
