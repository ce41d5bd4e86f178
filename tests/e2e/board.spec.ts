// The class board (?board=1): the students' links pasted at once, each run again in the
// worker pool and checked against the board's challenge; good, failing and broken links;
// identical solutions grouped; a scatter; two rows side by side; CSV; kept across a reload;
// the huge-fleet question. Tiny fleets (3 hosts, 150 min), so the runs take a second or two.
import { readFileSync } from 'node:fs';
import { test, expect, PAGE_LOADS_MS } from './fixtures.ts';

const TINY = 'preset=workshop-outage&seed=1&durationMinutes=150&fleet.hypervisors=3';
const CH = `v=2&${TINY}&goal=nopanic&allow=telemetry.buffer.whenFull,telemetry.buffer.maxEvents`;
const FIX = 'answer.telemetry.buffer.whenFull=drop_newest';

test('a board with good, failing and broken links', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // a load, six links run in the worker pool, a reload
  await page.goto(`./?board=1&${CH}`);
  await expect(page.getByTestId('board-challenge')).toContainText('No hypervisor panics');
  const at = new URL('./', page.url()).href;
  const links = [
    `${at}?${CH}&${FIX}&by=Ana`, // good
    `${at}?${CH}&by=Bo`, // fails: agents still block, hosts panic
    `sorry, I could not find it`, // broken: no link
    `${at}?${CH}&${FIX}&by=Cy`, // good, the same answer as Ana's
    `${at}?${CH}&answer.fleet.hypervisors=1&by=Eve`, // broken: an answer to a locked control
    `${at}?${CH.replace('seed=1', 'seed=2')}&${FIX}&by=Mallory`, // another challenge (another start)
  ];
  await page.getByTestId('board-input').fill(links.join('\n'));
  await page.getByTestId('board-add').click();
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(6);
  await expect(page.locator('[data-testid="board-row"][data-state="running"]')).toHaveCount(0, {
    timeout: PAGE_LOADS_MS,
  });

  const row = (n: number) => page.locator(`[data-testid="board-row"][data-row="${n}"]`);
  for (const n of [1, 4]) {
    await expect(row(n)).toHaveAttribute('data-state', 'done');
    await expect(row(n)).toHaveAttribute('data-met', 'true');
    await expect(row(n)).toHaveAttribute('data-panicked', '0');
    await expect(row(n)).toHaveAttribute('data-group', 'A');
  }
  await expect(row(2)).toHaveAttribute('data-state', 'done');
  await expect(row(2)).toHaveAttribute('data-met', 'false');
  await expect(row(2)).toHaveAttribute('data-panicked', '2');
  await expect(row(2)).toContainText('2 of 3');
  await expect(row(3)).toHaveAttribute('data-state', 'error');
  await expect(row(3)).toContainText('not a Cascade link: "sorry, I could not find it" names no scenario');
  await expect(row(5)).toHaveAttribute('data-state', 'error');
  await expect(row(5)).toContainText('the challenge locks fleet.hypervisors');
  await expect(row(6)).toHaveAttribute('data-state', 'error');
  await expect(row(6)).toContainText('a hand-in for another challenge: it differs in the start: seed');
  await expect(row(6)).toContainText('Mallory');

  // identical solutions together; one dot per solution
  await expect(page.locator('[data-testid="board-group"][data-group="A"]')).toHaveAttribute('data-count', '2');
  await expect(page.locator('[data-testid="board-group"][data-group="error"]')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('board-scatter')).toHaveAttribute('data-dots', '2');
  const status = page.getByTestId('board-status');
  await expect(status).toHaveAttribute('data-state', 'idle');
  await expect(status).toContainText('every goal met by 2 of 3 checked; 3 could not be checked');
  await expect(status).not.toHaveAttribute('data-ms', '');

  // CSV: a line per link, what the page's runs gave
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-csv').click()]);
  const csv = readFileSync((await dl.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv).toHaveLength(7);
  expect(csv[1]).toMatch(/^1,Ana,done,A,yes,,0,3,/);
  expect(csv[2]).toMatch(/^2,Bo,done,B,no,No hypervisor panics,2,3,/);
  expect(csv[3]).toMatch(/^3,,error,/);

  // two rows side by side
  await row(1).getByTestId('board-pick').check();
  await row(2).getByTestId('board-pick').check();
  await expect(row(4).getByTestId('board-pick')).toBeDisabled();
  await page.getByTestId('board-compare').click();
  const view = page.getByTestId('board-compare-view');
  await expect(view).toHaveAttribute('data-state', 'done', { timeout: PAGE_LOADS_MS });
  await expect(view.getByTestId('compare-table')).toContainText('Hypervisors panicked');
  await expect(view.getByTestId('compare-params')).toContainText('drop_newest');

  // kept across a reload: the rows come back with their results, without running again
  await page.reload();
  await expect(rows).toHaveCount(6);
  await expect(page.locator('[data-testid="board-row"][data-state="done"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="board-row"][data-state="error"]')).toHaveCount(3);
  await expect(page.getByTestId('board-status')).not.toContainText('Checking');
});

test('a board without a challenge runs plain links; a huge fleet waits for a yes', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // a tiny run, then a 300-host run, in the worker pool
  await page.goto('./?board=1');
  await expect(page.getByTestId('board-challenge')).toContainText('None yet');
  const huge = '?v=1&preset=workshop-outage&durationMinutes=10&fleet.hypervisors=300&events=';
  await page.getByTestId('board-input').fill(`?v=1&${TINY}\n${huge}`);
  await page.getByTestId('board-add').click();
  const row = (n: number) => page.locator(`[data-testid="board-row"][data-row="${n}"]`);
  await expect(row(2)).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('confirm-board')).toContainText('22,800 VMs');
  await expect(row(1)).toHaveAttribute('data-state', 'done', { timeout: PAGE_LOADS_MS });
  await expect(row(1)).toHaveAttribute('data-panicked', '2');
  await expect(row(1)).toHaveAttribute('data-met', '');
  await expect(row(2)).toHaveAttribute('data-state', 'waiting');
  await page.getByTestId('confirm-board-button').click();
  await expect(page.getByTestId('confirm-board')).toHaveCount(0);
  await expect(row(2)).toHaveAttribute('data-state', 'done', { timeout: PAGE_LOADS_MS });
  await expect(row(2)).toHaveAttribute('data-panicked', '0');
});
