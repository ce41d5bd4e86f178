// Current vs proposed in the playground: two Vector configs (Vector's documented Pulsar sink and
// socket source with the documented buffer block), differing only in when_full; beside the verdict
// the page shows what the proposed one changes, which side the verdict is, compares both on the
// same worlds and says it as a before / after in the page's words; a bad proposed file keeps the
// current side; what was pasted survives a reload.
import { readFileSync } from 'node:fs';
import { test, expect, waitForRun, ENSEMBLES_MS, TINY } from './fixtures.ts';

const CURRENT = readFileSync('tests/unit/fixtures/configs/vector-current.toml', 'utf8');
const PROPOSED = readFileSync('tests/unit/fixtures/configs/vector-proposed.toml', 'utf8');

test('paste two Vector configs differing in when_full, Compare beside the verdict, and read the before / after', async ({
  page,
}) => {
  test.setTimeout(ENSEMBLES_MS); // a comparison of 8 worlds a side
  // 8 worlds x 2 sides of the 3-host outage: what the comparison finds is the unit tests' (core/paired)
  await page.goto(TINY);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(CURRENT);
  await panel.getByTestId('config-read').click();
  await expect(panel.getByTestId('config-table')).toHaveCount(1);

  // a proposed file that does not parse: a message with its line, the current side kept
  await panel.getByTestId('config-kind-proposed').selectOption('vector');
  await panel
    .getByTestId('config-text-proposed')
    .fill('[sinks.my_sink_id]\ntype = "pulsar"\n[sinks.my_sink_id.buffer\n');
  await panel.getByTestId('config-read-proposed').click();
  await expect(panel.getByTestId('config-message-proposed')).toContainText(/line 3: .*Nothing is applied from it/);
  await expect(panel.getByTestId('config-table-proposed')).toHaveCount(0);
  await expect(panel.getByTestId('config-table')).toHaveCount(1);
  await expect(page.getByTestId('config-compare')).toHaveCount(0);

  await panel.getByTestId('config-kind-proposed').selectOption('auto');
  await panel.getByTestId('config-text-proposed').fill(PROPOSED);
  await panel.getByTestId('config-read-proposed').click();
  await expect(panel.getByTestId('config-message-proposed')).toHaveCount(0);
  const whenFull = panel.getByTestId('config-table-proposed').locator('tr', { hasText: 'buffer.when_full' });
  await expect(whenFull.locator('td').first()).toHaveText('17'); // its line in the proposed file
  await expect(panel.getByTestId('config-compare-where')).toContainText('The proposed files change 1 parameter.');
  // the comparison is beside the verdict, not in the scenario column
  const compare = page.locator('#sec-verdict').getByTestId('config-compare');
  await expect(panel.getByTestId('config-compare')).toHaveCount(0);
  const diff = compare.getByTestId('config-diff');
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(diff.locator('tbody tr')).toHaveText(/^When the buffer is full\s*block\s*drop_newest$/);
  // the current files are what the preset runs: the verdict is the current side's run
  await expect(compare.getByTestId('config-verdict-side')).toContainText("the current side's run");

  await compare.getByLabel('vary the typical constants').uncheck(); // seeds only: the outcome is certain
  await compare.getByTestId('config-compare-run').click();
  await expect(compare.getByTestId('config-compare-progress')).toContainText(/of 16 runs/);
  const result = compare.getByTestId('config-compare-result');
  const change = result.getByTestId('config-compare-change');
  await expect(change).toContainText(
    /^Current → proposed, on the same 8 worlds: [\d.]+ → [\d.]+ hypervisors panicked \(mean of 8 worlds\), \d → \d worlds with a panic; .*cost: [\d.]+% of events dropped \(was 0%\)/,
    { timeout: 0 }, // 16 runs: within the test's time
  );
  const words = await result.innerText();
  expect(words).not.toMatch(/->|telemetry\.buffer/); // the page's words: no ASCII arrow, no dotted path
  expect(words).not.toMatch(/\d\.\d{4}/); // 3 significant digits
  await expect(result).toContainText(
    /Proposed: (No hypervisor panics in any of the 8 worlds|Hypervisors panic in \d of 8 worlds) \(seeds varied\)/,
  );
  await compare.screenshot({ path: 'test-results/config-compare.png' });

  // the proposed side on screen: the verdict says which side it is
  const first = await waitForRun(page);
  await compare.getByTestId('config-compare-apply-proposed').click();
  await waitForRun(page, first);
  await expect(compare.getByTestId('config-verdict-side')).toContainText("the proposed side's run");
  await expect(page.getByTestId('verdict')).toContainText(/\d of 3 hypervisors panicked/);

  // what was pasted is the user's work: it survives a reload
  await page.reload();
  await waitForRun(page);
  const again = page.getByTestId('config-import');
  await again.locator('summary').click();
  await expect(again.getByTestId('config-table')).toHaveCount(1);
  await expect(again.getByTestId('config-table-proposed')).toHaveCount(1);
  await expect(page.getByTestId('config-diff').locator('tbody tr')).toHaveCount(1);
  await expect(again.getByTestId('config-text-proposed')).toHaveValue(PROPOSED);
});

test('Cancel stops a comparison', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const panel = page.getByTestId('config-import');
  await panel.locator('summary').click();
  await panel.getByTestId('config-text').fill(CURRENT);
  await panel.getByTestId('config-read').click();
  await panel.getByTestId('config-text-proposed').fill(PROPOSED);
  await panel.getByTestId('config-read-proposed').click();
  const compare = page.getByTestId('config-compare');
  await compare.getByTestId('config-compare-members').selectOption('32');
  await compare.getByTestId('config-compare-run').click();
  await expect(compare.getByTestId('config-compare-progress')).toContainText(/of 64 runs/);
  await compare.getByTestId('config-compare-cancel').click();
  await expect(compare.getByRole('status')).toHaveText('Cancelled.');
  await expect(compare.getByTestId('config-compare-run')).toBeVisible();
  await expect(compare.getByTestId('config-compare-result')).toHaveCount(0);
});
