// The fault drill in the browser (issue 27): config files read off the main thread (and again
// after a reload, in the background), refused values that Apply never applies, quoted TOML and
// deep YAML, "How sure?" on a huge fleet, and a hash link with embed=1.
import { test, expect, waitForRun, param, verdict, PAGE_LOADS_MS } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** A broker.conf of continuation lines, ~600 KB (it froze the tab for 55 s, and every load after) */
const CONTINUED =
  'maxConcurrentLookupRequest=1\\\n' + 'x\\\n'.repeat(200_000) + 'y\nmaxConcurrentTopicLoadRequest=2000\n';

async function paste(page: Page, text: string): Promise<void> {
  const panel = page.getByTestId('config-import');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(text);
  await panel.getByTestId('config-read').click();
}

test('a 600 KB broker.conf is read in the config worker, and again after a reload', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // two loads, each reading 600 KB in the config worker
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./');
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'broker.conf', mimeType: 'text/plain', buffer: Buffer.from(CONTINUED) });
  const table = page.getByTestId('config-table');
  await expect(table.locator('tr', { hasText: 'maxConcurrentTopicLoadRequest' })).toHaveAttribute('data-status', 'set');
  await expect(table.locator('tr', { hasText: 'maxConcurrentLookupRequest' })).toHaveAttribute(
    'data-status',
    'invalid',
  );
  expect(workers.some((u) => /config\.worker/.test(u))).toBe(true);
  // saved: a reload runs the scenario and reads the file again in the background
  workers.length = 0;
  await page.reload();
  await waitForRun(page);
  await page.getByTestId('config-import').locator('summary').click();
  await expect(
    page.getByTestId('config-table').locator('tr', { hasText: 'maxConcurrentTopicLoadRequest' }),
  ).toHaveAttribute('data-status', 'set');
  expect(workers.some((u) => /config\.worker/.test(u))).toBe(true);
});

test('Apply never applies a refused value: pid_max=0, threads-max=-5', async ({ page }) => {
  await page.goto('./?preset=workshop-outage');
  await waitForRun(page);
  const pidMax = await param(page, 'tasks.pidMax').inputValue();
  const panel = page.getByTestId('config-import');
  await paste(page, 'kernel.pid_max = 0\nkernel.hung_task_timeout_secs = 60\n');
  const table = panel.getByTestId('config-table');
  await expect(table.locator('tr', { hasText: 'kernel.pid_max' })).toContainText(
    /refused: must be at least 301 pids \(got 0\); kept 32768 pids/,
  );
  await panel.getByTestId('config-apply').click();
  await expect(panel.getByTestId('config-applied')).toContainText('Applied 1 setting from 1 file');
  await expect(param(page, 'hypervisor.hungTaskTimeoutSeconds')).toHaveValue('60');
  await expect(param(page, 'tasks.pidMax')).toHaveValue(pidMax);

  await panel.getByRole('button', { name: 'Discard' }).first().click();
  await paste(page, 'kernel.pid_max = 4194304\nkernel.threads-max = -5\n');
  await expect(table.locator('tr', { hasText: 'kernel.threads-max' })).toHaveAttribute('data-status', 'invalid');
  await panel.getByTestId('config-apply').click();
  await expect(param(page, 'tasks.pidMax')).toHaveValue(/4[,\s]?194[,\s]?304/);
});

test('a TOML paste with quoted headers is read as TOML; deep YAML says so plainly', async ({ page }) => {
  await page.goto('./');
  await waitForRun(page);
  await paste(
    page,
    '["sinks"."to pulsar"]\ntype = "pulsar"\n\n["sinks"."to pulsar".buffer]\nwhen_full = "drop_newest"\n',
  );
  const table = page.getByTestId('config-table');
  await expect(table.locator('tr', { hasText: 'when_full' })).toHaveAttribute('data-status', 'set');
  await expect(table.locator('tr', { hasText: 'when_full' }).locator('td').first()).toHaveText('5');
  await paste(page, 'sinks:\n  x: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
  const message = page.getByTestId('config-message');
  await expect(message).toContainText('nested too deeply to read');
  await expect(message).not.toContainText('call stack');
});

test('"How sure?" on a 249,964-VM link asks before its 16 runs, like the main run', async ({ page }) => {
  await page.goto('./?preset=workshop-outage&fleet.hypervisors=3289');
  await expect(page.getByTestId('confirm-run')).toContainText('Run this fleet of 249,964 VMs');
  const box = page.getByTestId('how-sure');
  await box.getByTestId('how-sure-run').click();
  const ask = box.getByTestId('confirm-how-sure');
  await expect(ask).toContainText('These worlds have a large fleet');
  await expect(ask).toContainText(/16 runs, the largest 2\d\d,\d\d\d VMs/);
  await expect(box.getByTestId('how-sure-progress')).toHaveCount(0);
  // yes: it starts (then Cancel, so the machine is not kept busy)
  await box.getByTestId('confirm-how-sure-button').click();
  await expect(box.getByTestId('how-sure-progress')).toContainText('of 16 runs');
  await box.getByTestId('how-sure-cancel').click();
  await expect(box).toContainText('Cancelled.');
});

test('#embed=1 opens the embedded view, as ?embed=1 does, without the reader’s draft', async ({ page }) => {
  await page.goto('./?preset=workshop-outage');
  const first = await waitForRun(page);
  await page.locator('[data-param="fleet.hypervisors"]').fill('9');
  await page.locator('[data-param="fleet.hypervisors"]').blur();
  await waitForRun(page, first);
  await page.goto('./#embed=1&preset=workshop-outage');
  await expect(page.getByTestId('embed')).toBeVisible();
  await waitForRun(page);
  await expect(verdict(page)).toContainText('of 12 hypervisors');
});
