// The instructors' link builder: hide / lock per control, lesson, tab, presentation; the link,
// its QR code, and the student's view of it.
import { test, expect, param, waitForRun, TINY } from './fixtures.ts';

test('build a workshop link, preview it as a student, and show its QR code', async ({ page, context }) => {
  await page.goto('./?tab=builder');
  const b = page.getByTestId('link-builder');
  await b.locator('summary').first().click();
  await b.getByTestId('builder-lesson').selectOption('the-outage');
  await b.getByTestId('builder-step').fill('5');
  await b.getByTestId('builder-filter').fill('seed');
  await b.getByRole('checkbox', { name: 'Hide Seed' }).check();
  await b.getByTestId('builder-filter').fill('buffer is full');
  await b.getByRole('checkbox', { name: /^Lock When the buffer is full/ }).check();
  await b.getByTestId('builder-present').check();

  const url = await b.getByTestId('builder-url').inputValue();
  expect(url).toMatch(/\?v=1&preset=workshop-outage&seed=1&hide=seed&lock=telemetry\.buffer\.whenFull/);
  expect(url).toContain('&lesson=the-outage&step=5&present=1');
  const qr = b.getByTestId('builder-qr');
  await expect(qr).toBeVisible();
  expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(1000);
  await qr.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/builder.png' });

  // preview as a student: a new tab with what the students will see
  const [student] = await Promise.all([context.waitForEvent('page'), b.getByTestId('builder-preview').click()]);
  await student.waitForLoadState();
  expect(student.url()).toBe(url);
  await expect(student.locator('html')).toHaveClass(/present/);
  await expect(student.getByTestId('lesson-step').first()).toHaveAttribute('data-step', '5');
  await expect(param(student, 'seed')).toHaveCount(0);
  await expect(param(student, 'telemetry.buffer.whenFull')).toBeDisabled();
  await student.close();
});

test('embed and tab options; a locked control that is also hidden is only hidden', async ({ page }) => {
  await page.goto('./');
  const b = page.getByTestId('link-builder');
  await b.locator('summary').first().click();
  await b.getByTestId('builder-filter').fill('Hypervisors');
  const row = b.locator('tr[data-builder-param="fleet.hypervisors"]');
  await row.getByTestId('builder-lock').check();
  await row.getByTestId('builder-hide').check();
  await expect(row.getByTestId('builder-lock')).toBeDisabled();
  await b.getByTestId('builder-tab').selectOption('charts');
  await b.getByTestId('builder-embed').check();
  const url = await b.getByTestId('builder-url').inputValue();
  expect(url).toContain('hide=fleet.hypervisors&tab=charts&embed=1');
  expect(url).not.toContain('lock=');
});

test('on a phone the builder fits the screen, its QR code whole on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?tab=builder');
  const b = page.getByTestId('link-builder');
  await b.locator('summary').first().click();
  await b.getByTestId('builder-lesson').selectOption('the-outage');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const qr = b.getByTestId('builder-qr');
  await qr.scrollIntoViewIfNeeded();
  await expect(qr).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: 'test-results/builder-phone.png' });
});

test('the builder starts from the open lesson and step, and leaves the tried answer out of the link', async ({
  page,
}) => {
  // a lesson on its step 5 (the one that suggests drop_newest), on a tiny fleet from the link
  await page.goto(`${TINY}&lesson=the-outage&step=5`);
  const first = await waitForRun(page);
  await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step', '5');
  await page.getByTestId('lesson-try').click(); // the answer, on screen
  await waitForRun(page, first);
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');

  const b = page.getByTestId('link-builder');
  await b.locator('summary').first().click();
  await expect(b.getByTestId('builder-lesson')).toHaveValue('the-outage');
  await expect(b.getByTestId('builder-step')).toHaveValue('5');
  await expect(b.getByTestId('builder-base')).toContainText('on step 5 as the step starts');
  const url = await b.getByTestId('builder-url').inputValue();
  expect(url).toContain('lesson=the-outage&step=5');
  expect(url).not.toContain('whenFull');
  // "none": the scenario on screen, answer included, as the text says
  await b.getByTestId('builder-lesson').selectOption('');
  await expect(b.getByTestId('builder-base')).toContainText('the scenario on screen');
  expect(await b.getByTestId('builder-url').inputValue()).toContain('telemetry.buffer.whenFull=drop_newest');
});
