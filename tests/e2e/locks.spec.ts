// Instructor locks hold: only the link that locked or hid a parameter changes it. A lesson's
// "Try it", a sweep row and a preset all keep the link's value, and say so.
import { test, expect, verdict, param, waitForRun, TINY } from './fixtures.ts';

test('a lesson step cannot change a locked parameter, and the page says so', async ({ page }) => {
  // step=5: the step whose "Try it" is the value the link locked (lessons show one step at a time)
  await page.goto('./?preset=workshop-outage&lock=telemetry.buffer.whenFull&lesson=the-outage&step=5');
  const first = await waitForRun(page);
  await expect(param(page, 'telemetry.buffer.whenFull')).toBeDisabled();
  await page.locator('[data-testid="lesson-try"][data-try="telemetry.buffer.whenFull"]').click();
  const notice = page.getByTestId('pin-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toBeInViewport();
  await expect(notice).toContainText('telemetry.buffer.whenFull');
  await expect(notice).toContainText('kept at block, not drop_newest');
  await expect(notice).toContainText('Only the link that set it can change it');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('block');
  await waitForRun(page, first);
  await expect(verdict(page)).not.toContainText('0 of 12 hypervisors panicked');
  // the address bar is written a moment after an edit (at once on Share): it keeps the lock too
  await page.getByTestId('share').click();
  expect(new URL(await page.getByTestId('share-url').inputValue()).searchParams.get('lock')).toBe(
    'telemetry.buffer.whenFull',
  );
  expect(page.url()).toBe(await page.getByTestId('share-url').inputValue());
  expect(new URL(page.url()).searchParams.get('telemetry.buffer.whenFull')).toBeNull();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('a sweep row cannot change a locked parameter', async ({ page }) => {
  await page.goto(`${TINY}&lock=telemetry.buffer.whenFull`);
  await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('telemetry.buffer.whenFull');
  await sweep.getByRole('button', { name: /Run sweep \(2 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 2 runs: within the test's time
  await sweep.locator('tr[data-value="drop_newest"] button').click();
  await expect(page.getByTestId('pin-notice')).toContainText('kept at block');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('block');
});

test('a preset or lesson keeps the locked value; hidden parameters are not offered in the sweep', async ({ page }) => {
  await page.goto(`${TINY}&lock=fleet.hypervisors&hide=seed,telemetry.buffer.whenFull`);
  await waitForRun(page);
  const options = await page
    .getByTestId('sweep-param')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options.length).toBeGreaterThan(20);
  expect(options).not.toContain('seed');
  expect(options).not.toContain('telemetry.buffer.whenFull');
  expect(options).toContain('fleet.hypervisors');
  // another preset has another fleet size: the link's 3 stays
  await page.getByTestId('preset').selectOption('clevercloud-2024-08-02');
  await expect(page.getByTestId('pin-notice')).toContainText('Hypervisors (fleet.hypervisors) is locked by the link');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('3');
  await expect(page.getByTestId('preset')).toHaveValue('clevercloud-2024-08-02');
});
