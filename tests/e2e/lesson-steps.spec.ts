// Lessons step by step: Next / Back, each step sets up its own state, the step's subject is
// highlighted, and a link opens on a step.
import { test, expect, param, verdict, waitForRun, TINY } from './fixtures.ts';

const outline = (page: import('@playwright/test').Page, sel: string) =>
  page
    .locator(sel)
    .first()
    .evaluate((el) => getComputedStyle(el).outlineStyle);

test('Next and Back open each step on its own state; no value has to be set back by hand', async ({ page }) => {
  await page.goto('./?lesson=where-backpressure-lands');
  await waitForRun(page);
  const step = page.getByTestId('lesson-step');
  await expect(step).toHaveAttribute('data-step', '1');
  await expect(step).toContainText('Step 1 of 4');
  await expect(step.getByTestId('lesson-back')).toBeDisabled();
  // step 1 talks about the backlog chart: it is highlighted, nothing else is
  await expect.poll(() => outline(page, '[data-chart="backlog"]')).toBe('solid');
  expect(await outline(page, '[data-chart="disk"]')).toBe('none');

  await step.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', '2');
  await expect(page).toHaveURL(/lesson=where-backpressure-lands&step=2/);
  // step 2 starts from step 1's value, and highlights its own control
  await expect(param(page, 'telemetry.source')).toHaveValue('socket');
  await expect.poll(() => outline(page, '.field:has([data-param="telemetry.source"])')).toBe('solid');
  const before = await waitForRun(page);
  await step.getByTestId('lesson-try').click();
  await expect(param(page, 'telemetry.source')).toHaveValue('file');
  // the value in its words, a space before "(current)"
  await expect(step.locator('.try')).toContainText(/: file\s\(current\)$/);
  await waitForRun(page, before);
  await expect(verdict(page)).toContainText('0 of 12 hypervisors panicked');

  // an edit by hand on the way does not leak into the next step: it opens on its own state
  await param(page, 'fleet.hypervisors').fill('8');
  await param(page, 'fleet.hypervisors').blur();
  await step.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', '3');
  await expect(param(page, 'telemetry.source')).toHaveValue('file');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('12');

  // Back: step 2 again, as it opened the first time
  await step.getByTestId('lesson-back').click();
  await expect(step).toHaveAttribute('data-step', '2');
  await expect(param(page, 'telemetry.source')).toHaveValue('socket');
});

test('a counterfactual is undone by the next step; step= in a link opens on that step', async ({ page }) => {
  await page.goto('./?lesson=thread-exhaustion-2022&step=3');
  const step = page.getByTestId('lesson-step');
  await expect(step).toHaveAttribute('data-step', '3');
  await expect(param(page, 'hvAgent.mode')).toHaveValue('process-per-notification');
  await step.getByTestId('lesson-try').click();
  await expect(param(page, 'hvAgent.mode')).toHaveValue('single-driver');
  await step.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', '4');
  await expect(step.getByTestId('lesson-next')).toBeDisabled();
  // step 3 was a counterfactual: step 4 runs the original agent with a proxy that does not leak
  await expect(param(page, 'hvAgent.mode')).toHaveValue('process-per-notification');
  await step.getByTestId('lesson-try').click();
  await expect(param(page, 'proxy.leakPercent')).toHaveValue('0');
  await waitForRun(page);
  await expect(verdict(page)).toContainText('0 of 40 hypervisors panicked');
  await expect(page).toHaveURL(/step=4/);
});

test('a step number past the lesson opens its last step', async ({ page }) => {
  await page.goto('./?lesson=the-outage&step=40');
  await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step', '5');
  await expect(page).toHaveURL(/step=5/);
});

test('on a phone the open lesson sits above the results, not under every chart', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?lesson=the-outage');
  await waitForRun(page);
  const step = page.getByTestId('lesson-step');
  await expect(step).toHaveAttribute('data-step', '1');
  await expect(step).toBeInViewport();
  const stepBox = await step.boundingBox();
  const verdictBox = await verdict(page).boundingBox();
  expect(stepBox!.y).toBeLessThan(verdictBox!.y);
  await page.screenshot({ path: 'test-results/lesson-phone.png' });
  // closed, the picker goes back to the scenario column, after the results
  await page.getByRole('button', { name: 'Close lesson' }).click();
  const picker = await page.getByTestId('lessons').boundingBox();
  expect(picker!.y).toBeGreaterThan((await verdict(page).boundingBox())!.y);
});

test('on a phone, Next keeps the step in view; "Show me" goes to its chart, whole, and a button comes back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${TINY}&lesson=the-outage`);
  await waitForRun(page);
  const step = page.getByTestId('lesson-step');
  const header = async () => (await page.locator('header.top').boundingBox())!.height;
  for (const n of ['2', '3']) {
    const before = await waitForRun(page);
    await step.getByTestId('lesson-next').click();
    await expect(step).toHaveAttribute('data-step', n);
    await waitForRun(page, before);
    // the step text, Try it and Next are on screen, under the sticky header, after the run filled the page
    await expect(step.locator('.text')).toBeInViewport();
    await expect(step.getByTestId('lesson-next')).toBeInViewport();
    expect((await step.boundingBox())!.y).toBeGreaterThanOrEqual((await header()) - 1);
  }
  await expect(page.getByTestId('lesson-back-to-step')).toHaveCount(0);

  // step 3 talks about the D state chart: "Show me" brings it whole into view, below the header
  await step.getByTestId('lesson-show').click();
  const chart = page.locator('[data-chart="dstate"]');
  await expect(chart).toBeInViewport({ ratio: 1 });
  expect((await chart.boundingBox())!.y).toBeGreaterThanOrEqual(await header());
  await expect(step).not.toBeInViewport();
  // and a button takes the student back to the step
  await page.getByTestId('lesson-back-to-step').click();
  await expect(step.getByTestId('lesson-next')).toBeInViewport();
  await expect(step.getByTestId('lesson-next')).toBeFocused();
  await expect(page.getByTestId('lesson-back-to-step')).toHaveCount(0);
});
