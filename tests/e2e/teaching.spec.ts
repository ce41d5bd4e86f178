// The teaching features: parameter sweeps (a pool of workers) and guided lessons.
import { test, expect, verdict, param, waitForRun, TINY, TINY_LONG } from './fixtures.ts';

test('a sweep of whenFull shows block with panics and drop_newest with none; its row applies it', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('telemetry.buffer.whenFull');
  await sweep.getByRole('button', { name: /Run sweep \(2 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 2 runs: within the test's time
  await expect(sweep.getByTestId('sweep-status')).toContainText('2 of 2 runs');
  const block = sweep.locator('tr[data-value="block"]');
  const drop = sweep.locator('tr[data-value="drop_newest"]');
  await expect(block).toHaveAttribute('data-saved', 'false');
  await expect(block.locator('td').first()).not.toHaveText(/^0 of/);
  await expect(drop).toHaveAttribute('data-saved', 'true');
  await expect(drop.locator('td').first()).toHaveText('0 of 3');
  await expect(sweep.locator('canvas')).toBeVisible();
  await drop.click();
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
});

test('Cancel stops a sweep of a numeric parameter', async ({ page }) => {
  // runs of 48 simulated hours: the sweep is still running when Cancel is pressed
  await page.goto(TINY_LONG);
  await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('hypervisor.diskReadMBps');
  await sweep.getByLabel('Number of values').fill('8');
  await sweep.getByRole('button', { name: /Run sweep \(8 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'running');
  await expect(sweep.getByTestId('sweep-status')).toContainText('of 8 runs');
  await sweep.getByRole('button', { name: 'Cancel' }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'cancelled');
  await expect(sweep.getByTestId('sweep-status')).toContainText(/Cancelled after\s+\d of 8 runs/);
  // the form is usable again
  await expect(sweep.getByRole('button', { name: /Run sweep/ })).toBeEnabled();
});

test('?lesson=the-outage opens the lesson on its preset; "Try it" changes the parameter and re-runs', async ({
  page,
}) => {
  await page.goto('./?lesson=the-outage');
  const first = await waitForRun(page);
  const lessons = page.getByTestId('lessons');
  await expect(lessons.getByTestId('lesson')).toHaveAttribute('data-lesson', 'the-outage');
  await expect(lessons.getByLabel('Lesson', { exact: true })).toHaveValue('the-outage');
  await expect(lessons.getByRole('heading', { name: /The outage/ })).toBeFocused();
  await expect(page.getByTestId('preset')).toHaveValue('workshop-outage');
  await expect(verdict(page)).toContainText(/\d+ of 12 hypervisors panicked/);
  await expect(page).toHaveURL(/lesson=the-outage/);
  // one step at a time: the value to try is on the last step
  for (let i = 0; i < 4; i++) await lessons.getByTestId('lesson-next').click();
  await expect(lessons.getByTestId('lesson-step')).toHaveAttribute('data-step', '5');
  const tryIt = lessons.locator('[data-testid="lesson-try"][data-try="telemetry.buffer.whenFull"]');
  await tryIt.click();
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText('0 of 12 hypervisors panicked');
});

test('the lesson picker opens a lesson on its preset; lesson= still opens a parameter group', async ({ page }) => {
  await page.goto('./?lesson=telemetry');
  const first = await waitForRun(page);
  await expect(page.locator('#group-telemetry')).toHaveAttribute('open', '');
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await page.getByLabel('Lesson', { exact: true }).selectOption('thread-exhaustion-2022');
  await page.getByTestId('lessons').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('preset')).toHaveValue('clevercloud-2022-04');
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText(/\d+ VMs crashed/);
  await expect(page).toHaveURL(/lesson=thread-exhaustion-2022/);
});

test('tab=sweep and tab=lessons scroll to their sections', async ({ page }) => {
  await page.goto(`${TINY}&tab=sweep`);
  await waitForRun(page);
  await expect(page.locator('#sec-sweep')).toBeFocused();
  // still in view once the run's verdict and charts have filled the column above it
  await expect(page.locator('#sec-sweep')).toBeInViewport();
  await page.goto(`${TINY}&tab=lessons`);
  await waitForRun(page);
  await expect(page.locator('#sec-lessons')).toBeFocused();
});

test('a lesson link opens with the Lessons heading and picker in view, the lesson title focused', async ({ page }) => {
  await page.goto(`${TINY}&lesson=the-outage`);
  await waitForRun(page);
  await expect(page.locator('#lesson-title')).toBeFocused();
  await expect(page.locator('#lessons-h')).toBeInViewport();
  await expect(page.getByTestId('lesson-picker')).toBeInViewport();
  await expect(page.getByTestId('lesson-step')).toBeInViewport();
});
