// Bring your own configs in the playground: paste, read the table, apply; a bad file applies nothing.
import { test, expect, waitForRun, param, storedRecord, TINY } from './fixtures.ts';

const VECTOR = `[sources.journal]
type = "journald"

[sinks.out]
type = "pulsar"
inputs = ["journal"]
endpoint = "pulsar://broker:6650"
topic = "logs"

[sinks.out.buffer]
type = "memory"
max_events = 20000
when_full = "drop_newest"
`;

test('a pasted Vector config shows what each key sets, and Apply puts it on the scenario', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(VECTOR);
  await panel.getByTestId('config-read').click();
  const table = panel.getByTestId('config-table');
  await expect(table.locator('tr[data-status="set"]')).toHaveCount(4);
  const whenFull = table.locator('tr', { hasText: 'sinks.out.buffer.when_full' });
  await expect(whenFull.locator('td').first()).toHaveText('13'); // its line
  await expect(whenFull).toContainText('drop_newest');
  await expect(table.locator('tr', { hasText: 'sources.journal.type' })).toContainText('journald-persistent');
  await panel.screenshot({ path: 'test-results/config-import.png' });
  await panel.getByTestId('config-apply').click();
  await expect(panel.getByTestId('config-applied')).toContainText('Applied 4 settings from 1 file');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(param(page, 'telemetry.buffer.maxEvents')).toHaveValue(/20[,\s]?000/);
  await waitForRun(page, first);
  await expect(page.getByTestId('verdict')).toContainText('0 of 3 hypervisors panicked');
});

test('a config that does not parse says where and applies nothing', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-kind').selectOption('vector');
  await panel.getByTestId('config-text').fill('[sinks.out]\ntype = "pulsar"\n[sinks.out.buffer\n');
  await panel.getByTestId('config-read').click();
  await expect(panel.getByTestId('config-message')).toContainText(/line 3: .*Nothing is applied from it/);
  await expect(panel.getByTestId('config-table')).toHaveCount(0);
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('block');
});

test('a paste followed at once by a reload keeps both the file read and the text being typed', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(VECTOR);
  await panel.getByTestId('config-read').click();
  await expect(panel.getByTestId('config-table').locator('tr[data-status="set"]')).toHaveCount(4);
  await panel.getByTestId('config-text').fill('maxConcurrentLookupRequest=5000');
  await page.reload(); // no wait: the 400 ms IndexedDB save has not happened yet, the journal has it
  const again = page.getByTestId('config-import');
  await again.locator('summary').click();
  await expect(again.getByTestId('config-table').locator('tr[data-status="set"]')).toHaveCount(4);
  await expect(again.getByTestId('config-text')).toHaveValue('maxConcurrentLookupRequest=5000');
  // and IndexedDB got it too: with the journal gone, a second reload still has the file
  await expect
    .poll(async () => {
      const draft = (await storedRecord(page, 'draft', 'configs')) as { current?: { files: unknown[] } } | null;
      return draft?.current?.files.length ?? 0;
    })
    .toBe(1);
  await page.evaluate(() => localStorage.removeItem('cascade-configs-journal'));
  await page.reload();
  await page.getByTestId('config-import').locator('summary').click();
  await expect(page.getByTestId('config-table').locator('tr[data-status="set"]')).toHaveCount(4);
});
