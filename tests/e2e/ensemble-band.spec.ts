// "How sure?" on the charts, in sweeps and in saved work: the ensemble's spread is a shaded band
// around each line, a sweep can run several worlds per value (panic odds vs the value), and an
// ensemble is saved with its run and is back after a reload.
import { test, expect, waitForRun, param, TINY } from './fixtures.ts';

const wrap = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-chart="${id}"] .canvas-wrap`);

test('How sure? shades the spread of the worlds on the charts, and only for the scenario it ran', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await expect(wrap(page, 'hosts')).toHaveAttribute('data-bands', '0');
  const box = page.getByTestId('how-sure');
  await box.getByLabel(/compare with the preset/).uncheck(); // the 8 worlds of the scenario on screen
  await box.getByTestId('how-sure-run').click();
  await expect(box.getByTestId('how-sure-result')).toBeVisible({ timeout: 0 }); // 8 runs: within the test's time
  // every line that comes from a series gets its band (panics so far comes from the event log)
  await expect(wrap(page, 'backlog')).toHaveAttribute('data-bands', '2');
  await expect(wrap(page, 'hosts')).toHaveAttribute('data-bands', '2');
  await expect(wrap(page, 'backlog')).toHaveAttribute('aria-label', /shaded: p05–p95 of 8 worlds/);
  await page.locator('[data-chart="backlog"]').screenshot({ path: test.info().outputPath('band.png') });
  // another scenario on screen: the band is not its spread
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await waitForRun(page, first);
  await expect(wrap(page, 'backlog')).toHaveAttribute('data-bands', '0');
});

test('a sweep with 4 worlds per value shows the panic odds against the value', async ({ page }) => {
  await page.goto(`${TINY}&tab=sweep`);
  await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('telemetry.buffer.whenFull');
  await sweep.getByTestId('sweep-worlds').selectOption('4');
  // seeds only (with the typical constants drawn too, an unlucky world panics even with drop_newest)
  await expect(sweep.getByTestId('sweep-vary')).toBeChecked();
  await sweep.getByTestId('sweep-vary').uncheck();
  await sweep.getByRole('button', { name: 'Run sweep (8 runs)' }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 8 runs: within the test's time
  await expect(sweep.getByTestId('sweep-status')).toContainText('8 of 8 runs done');
  // block panics in some of the worlds, drop_newest in none: the odds on the chart and in the table
  const odds = (await sweep.getByTestId('sweep-chart').getAttribute('data-odds'))!.split(' ').map(Number);
  expect(odds).toHaveLength(2);
  expect(odds[0]).toBeGreaterThan(0);
  expect(odds[1]).toBe(0);
  const block = sweep.locator('tr[data-value="block"]'),
    drop = sweep.locator('tr[data-value="drop_newest"]');
  await expect(block.getByTestId('sweep-odds')).toHaveText(`${Math.round(odds[0] * 4)} of 4`);
  await expect(drop.getByTestId('sweep-odds')).toHaveText('0 of 4');
  await expect(drop).toHaveAttribute('data-saved', 'true');
  await expect(sweep.getByTestId('sweep-table')).toContainText('Worlds with a panic');
  await sweep.screenshot({ path: test.info().outputPath('sweep-odds.png') });
});

test('How sure? is saved with the run: after a reload the odds and the band are back without re-running', async ({
  page,
}) => {
  await page.goto(TINY);
  await waitForRun(page);
  const box = page.getByTestId('how-sure');
  await box.getByLabel('vary the typical constants').uncheck();
  await box.getByLabel(/compare with the preset/).uncheck();
  await box.getByTestId('how-sure-run').click();
  const result = box.getByTestId('how-sure-result');
  await expect(result).toBeVisible({ timeout: 0 }); // 8 runs: within the test's time
  const probability = await result.getAttribute('data-probability');
  const words = await result.locator('.words').first().innerText();
  await expect(box.getByTestId('how-sure-saved')).toContainText(/Saved with run #\d+/);

  await page.reload();
  await waitForRun(page);
  await expect(box.getByTestId('how-sure-saved')).toContainText(/Saved with run #\d+ on .*\(not re-run\)/);
  await expect(result).toHaveAttribute('data-probability', probability!);
  await expect(result.locator('.words').first()).toHaveText(words);
  await expect(box.getByTestId('how-sure-progress')).toHaveCount(0);
  await expect(wrap(page, 'backlog')).toHaveAttribute('data-bands', '2');
  // the saved run itself shows its ensemble when opened from the history
  const id = (await box.getByTestId('how-sure-saved').innerText()).match(/run #(\d+)/)![1];
  await page.getByRole('button', { name: `Open run ${id}`, exact: true }).click();
  await expect(page.getByTestId('past-ensemble')).toContainText(words);
  await expect(wrap(page, 'backlog')).toHaveAttribute('data-bands', '2');
});
