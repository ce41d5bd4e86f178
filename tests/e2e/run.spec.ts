import { test, expect, verdict, param, runId, waitForRun, setValue, TINY } from './fixtures.ts';

test('the default preset runs at once and its verdict shows panics', async ({ page }) => {
  await page.goto('./');
  await waitForRun(page);
  const text = await verdict(page).innerText();
  const m = text.match(/(\d+) of (\d+) hypervisors panicked/);
  expect(m, text).not.toBeNull();
  expect(Number(m![1])).toBeGreaterThan(0);
  expect(text).toMatch(/the first at \d\d:\d\d/);
  expect(text).toContain('→');
  await expect(page.getByTestId('progress')).toHaveAttribute('value', /\d+/);
});

test('drop_newest through its control re-runs and nothing panics', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
});

test('?preset= picks a preset; the picker switches presets', async ({ page }) => {
  // the 2024 replay on 4 hosts: the preset's own chart groups, a small run
  await page.goto('./?preset=clevercloud-2024-08-02&fleet.hypervisors=4&fleet.zones=2');
  await waitForRun(page);
  await expect(page.getByTestId('preset')).toHaveValue('clevercloud-2024-08-02');
  await expect(page.locator('[data-chart-group="pulsar"]')).toBeVisible();
  await expect(verdict(page)).toContainText(/of 4 hypervisors panicked/);
  const before = await runId(page);
  await page.getByTestId('preset').selectOption('workshop-outage');
  await waitForRun(page, before);
  await expect(verdict(page)).toContainText(/of 12 hypervisors panicked/);
  await expect(page.locator('[data-chart-group="pulsar"]')).toHaveCount(0);
});

test('out-of-range input is clamped and the user is told what was kept', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.zones', 99);
  await expect(page.getByText(/must be at most 32 zones \(got 99\); clamped to 32/)).toBeVisible();
  await expect(param(page, 'fleet.zones')).toHaveValue('3');
  await expect(page.getByText(/more zones than hypervisors/)).toBeVisible();
  await waitForRun(page, first);
});

test('Cancel stops a long run and the page still works afterwards', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 2000);
  await setValue(page, 'durationMinutes', 2880);
  // a fleet this large asks first, whichever way it arrived (here: typed); wait for both edits
  await expect(page.getByTestId('confirm-run')).toContainText('5,253,120,000 VM-steps');
  await page.getByTestId('confirm-run-button').click();
  await expect(verdict(page)).toHaveAttribute('data-state', 'running');
  // the long run is the latest request and is streaming progress
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('value'))).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('max'))).toBe(2880 * 12);
  await page.getByTestId('cancel').click();
  await expect(verdict(page)).toHaveAttribute('data-state', 'cancelled');
  const stoppedAt = await page.getByTestId('progress').getAttribute('value');
  await expect(page.getByTestId('progress')).toHaveAttribute('value', stoppedAt!);
  expect(await runId(page)).toBeGreaterThan(first);
  // the worker goes on until it sees the cancel: from now on, record every move of the progress bar
  // made while the cancelled run is still the one on screen (a newer run changes data-run first)
  const cancelled = await runId(page);
  await page.evaluate((run) => {
    const w = window as unknown as { __late: string[] };
    w.__late = [];
    const bar = document.querySelector('[data-testid="progress"]')!;
    new MutationObserver(() => {
      const shown = Number(document.querySelector('[data-testid="verdict"]')!.getAttribute('data-run'));
      if (shown === run) w.__late.push(`${bar.getAttribute('value')} of ${bar.getAttribute('max')}`);
    }).observe(bar, { attributes: true, attributeFilter: ['value', 'max'] });
  }, cancelled);

  // the page responds and a new run completes (the worker answered the cancel before it)
  await setValue(page, 'fleet.hypervisors', 3);
  await setValue(page, 'durationMinutes', 240);
  await waitForRun(page, cancelled);
  await expect(verdict(page)).toContainText(/\d+ of 3 hypervisors panicked/);
  // nothing the cancelled run sent after the cancel reached the page
  expect(await page.evaluate(() => (window as unknown as { __late: string[] }).__late)).toEqual([]);
});

test('the newest request wins: quick successive edits end on the last one', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const select = param(page, 'telemetry.buffer.whenFull');
  await select.selectOption('drop_newest');
  await expect.poll(() => runId(page)).toBeGreaterThan(first); // that run has started
  await select.selectOption('block');
  await select.selectOption('drop_newest');
  await waitForRun(page, first + 1);
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
  // one worker answers in order: once the newest run is done, the runs it superseded have said all
  // they will (no later result can overwrite this one)
  await expect(verdict(page)).toHaveAttribute('data-state', 'done');
});
