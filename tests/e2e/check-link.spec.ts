// The link `check --site URL` prints opens the same comparison in the playground: both sides of
// the config panel filled with the files, and the comparison run on the check's worlds. The
// link's files become the user's draft only once the user changes them.
import { spawnSync } from 'node:child_process';
import { test, expect, waitForRun, PAGE_LOADS_MS } from './fixtures.ts';

const F = 'tests/unit/fixtures/configs';

test('a check link fills both sides of the config panel and runs the comparison', async ({ page, baseURL }) => {
  test.setTimeout(PAGE_LOADS_MS); // the CLI in a child process (tsx compiles it), then the page loaded twice
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/sim.ts',
      'check',
      '--config',
      `${F}/vector-current.toml`,
      '--proposed-config',
      `${F}/vector-proposed.toml`,
      '--set',
      'fleet.hypervisors=3',
      '--worlds',
      '2',
      '--worlds-from',
      'seeds',
      '--jobs',
      '1',
      '--format',
      'json',
      '--site',
      baseURL!,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  expect(report.link).toMatch(/\?v=1&preset=workshop-outage&seed=1&fleet\.hypervisors=3#compare=1\./);

  await page.goto(report.link);
  const panel = page.getByTestId('config-import');
  await expect(panel).toHaveAttribute('open', '');
  await expect(panel.getByTestId('config-from-link')).toBeVisible();
  await expect(panel.getByTestId('config-table').locator('tr', { hasText: 'when_full' })).toContainText('block');
  await expect(panel.getByTestId('config-table-proposed').locator('tr', { hasText: 'when_full' })).toContainText(
    'drop_newest',
  );
  // the comparison, beside the verdict, ran by itself on the check's two worlds and says what the check said
  const compare = page.locator('#sec-verdict').getByTestId('config-compare');
  await expect(compare.getByTestId('config-compare-members')).toHaveValue('2');
  const result = compare.getByTestId('config-compare-result');
  const gone = report.paired.removesEveryPanicWorlds;
  await expect(result).toContainText(
    gone > 0 ? `every panic gone in ${gone}` : 'Current → proposed, on the same 2 worlds:',
    { timeout: 0 }, // four runs in the worker pool: within the test's time
  );
  await waitForRun(page);
  await compare.screenshot({ path: 'test-results/check-link.png' });

  // a change makes the files the user's: the fragment goes, and a reload keeps the changed panel
  await panel.getByRole('button', { name: /^Remove .*vector-current\.toml$/ }).click();
  await expect(page).not.toHaveURL(/#compare=/);
  await page.reload();
  await page.getByTestId('config-import').locator('summary').click();
  await expect(page.getByTestId('config-table')).toHaveCount(0);
  await expect(page.getByTestId('config-table-proposed')).toHaveCount(1);
});
