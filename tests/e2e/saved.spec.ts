import { test, expect, verdict, param, waitForRun, setValue, PAGE_LOADS_MS, TINY } from './fixtures.ts';

test('a saved scenario and a run survive reload; a past run opens without re-simulating', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // two loads and four runs
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 2);
  await waitForRun(page, first);
  const text = await verdict(page).innerText();
  await page.getByTestId('save-name').fill('Two hosts');
  await page.getByTestId('save-notes').fill('for <b>the</b> workshop');
  await page.getByTestId('save-scenario').click();
  await expect(page.getByTestId('saved-item')).toContainText('Two hosts');
  await expect(page.getByTestId('run-item')).toHaveCount(2);

  await page.goto(TINY);
  const id = await waitForRun(page);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('3');
  const item = page.getByTestId('saved-item');
  await expect(item).toContainText('for <b>the</b> workshop');
  await expect(page.getByTestId('run-item')).toHaveCount(3);

  // the run with 2 hypervisors, from the history: same verdict, no new run
  await page
    .getByTestId('run-item')
    .filter({ hasText: 'of 2 hypervisors' })
    .getByRole('button', { name: /Open/ })
    .click();
  await expect(page.getByTestId('past-run')).toBeVisible();
  expect(await verdict(page).innerText()).toBe(text);
  await expect(verdict(page)).toHaveAttribute('data-run', String(id));
  await page.getByRole('button', { name: 'Back to the live run' }).click();

  // the saved scenario opens and runs
  await item.getByRole('button', { name: /Open/ }).click();
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
  await waitForRun(page, id);
  await expect(verdict(page)).toContainText(/of 2 hypervisors panicked/);

  await item.getByRole('button', { name: /Delete/ }).click();
  await expect(page.getByTestId('saved-item')).toHaveCount(0);
});

test('compare shows both runs: summaries side by side and overlaid charts', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await waitForRun(page, first);
  await expect(page.getByTestId('run-item')).toHaveCount(2);
  const cmp = page.getByTestId('compare');
  await cmp.getByTestId('compare-a').selectOption('current');
  const older = await page.getByTestId('compare-b').locator('option').nth(2).getAttribute('value');
  await cmp.getByTestId('compare-b').selectOption(older!);
  await cmp.getByTestId('compare-go').click();
  const table = cmp.getByTestId('compare-table');
  await expect(table).toContainText('A: the current run');
  await expect(table).toContainText(`B: run #${older}`);
  const row = table.getByRole('row', { name: /^Hypervisors panicked/ });
  await expect(row).toHaveClass(/changed/);
  // figures carry their unit (format.ts)
  await expect(row.locator('td').nth(1)).toHaveText('0 hosts');
  await expect(cmp).toContainText('When the buffer is full');
  await expect(cmp.locator('[data-compare-chart] canvas')).toHaveCount(8);
});

test('import and export: a scenario file loads with its issues shown; exports download', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  expect(dl.suggestedFilename()).toMatch(/\.json$/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-png').first().click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);

  const file = JSON.stringify({ preset: 'workshop-outage', fleet: { hypervisors: 6 }, bogus: 1 });
  const before = Number(await verdict(page).getAttribute('data-run'));
  await page
    .getByTestId('import')
    .setInputFiles({ name: 's.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('link-notice')).toContainText('bogus');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('6');
  await waitForRun(page, before);
});

test('when IndexedDB is unavailable the page says saving is off and still runs', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await page.goto(TINY);
  await waitForRun(page);
  await expect(page.getByTestId('saving-off')).toContainText('saving is off');
  await expect(verdict(page)).toContainText(/of 3 hypervisors panicked/);
});
