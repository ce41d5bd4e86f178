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

// an agent with no Pulsar sink: metrics to a Prometheus exporter, logs to two other sinks
const NO_PULSAR = `sources:
  files:
    type: file
    include: ["/var/log/**/*.log"]
  host:
    type: host_metrics
sinks:
  prom:
    type: prometheus_exporter
    inputs: [host]
  search:
    type: elasticsearch
    inputs: [files]
  archive:
    type: aws_s3
    inputs: [files]
    buffer:
      type: disk
      max_size: 2GiB
`;

test('a Vector file with no Pulsar sink says so, lets the user choose the sink, and lists metrics as not modelled', async ({
  page,
}) => {
  await page.goto(TINY);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-kind').selectOption('vector');
  await panel.getByTestId('config-text').fill(NO_PULSAR);
  await panel.getByTestId('config-read').click();
  const sink = panel.getByTestId('config-sink');
  await expect(sink).toContainText('No Pulsar sink in this file.');
  await expect(sink.getByTestId('config-sink-pick')).toHaveValue('search');
  await expect(sink.getByTestId('config-sink-why')).toContainText('the first sink fed with logs');
  const table = panel.getByTestId('config-table');
  const metrics = table.locator('tr', { hasText: 'sources.host.type' });
  await expect(metrics).toHaveAttribute('data-status', 'ignored');
  await expect(metrics).toContainText('host_metrics carries metrics, not logs: not modelled');
  await expect(table).not.toContainText('refused');
  await expect(table.locator('tr', { hasText: 'buffer.type' })).toContainText('sets Agent buffer type to memory');

  // the archive sink is the one facing the broker: its disk buffer is read, and the choice is kept
  await sink.getByTestId('config-sink-pick').selectOption('archive');
  await expect(sink.getByTestId('config-sink-why')).toHaveText('as you chose.');
  await expect(table.locator('tr', { hasText: 'buffer.max_size' })).toContainText('to 2 GiB');
  await page.reload();
  await page.getByTestId('config-import').locator('summary').click();
  await expect(page.getByTestId('config-sink-pick')).toHaveValue('archive');
});

test('a setting the workshop link locks says, before Apply, that Apply leaves it', async ({ page }) => {
  await page.goto(`${TINY}&lock=telemetry.buffer.whenFull`);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(VECTOR);
  await panel.getByTestId('config-read').click();
  const row = panel.getByTestId('config-table').locator('tr', { hasText: 'sinks.out.buffer.when_full' });
  await expect(row.getByTestId('config-locked')).toHaveText('Locked by the workshop link: Apply leaves it at block.');
  await expect(panel.getByTestId('config-apply')).toHaveText('Apply 3 settings');
  await panel.getByTestId('config-apply').click();
  await expect(panel.getByTestId('config-applied')).toContainText('(the link keeps its locked settings)');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('block');
});
