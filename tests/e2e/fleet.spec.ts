import { test, expect, waitForRun, TINY } from './fixtures.ts';

test('the fleet map shows every hypervisor by zone, with a legend, a scrubber and Play', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const map = page.getByTestId('fleet-map');
  await expect(map.locator('[data-host]')).toHaveCount(3);
  await expect(map.getByText('zone a')).toBeVisible();
  for (const s of ['healthy', 'pressured', 'thrashing', 'hung', 'panicked', 'rebooting']) {
    await expect(map.getByText(s, { exact: true })).toBeVisible();
  }
  // the scrubber starts at the first panic: some host shows panicked there
  await expect(map.locator('[data-host][data-state="panicked"]').first()).toBeVisible();
  const scrubber = page.getByTestId('scrubber');
  await scrubber.fill('0');
  await expect(map.locator('[data-host][data-state="healthy"]')).toHaveCount(3);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveText('Pause');
  await expect.poll(async () => Number(await scrubber.inputValue())).toBeGreaterThan(0);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveText('Play');
});

test("a panicked hypervisor's story shows its VMs, series and cause chain", async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const panicked = page.locator('[data-host][data-state="panicked"]').first();
  const host = await panicked.getAttribute('data-host');
  await panicked.click();
  const story = page.getByTestId('host-story');
  await expect(story).toBeVisible();
  await expect(story.getByRole('heading', { name: `hv-${host}` })).toBeVisible();
  await expect(story.getByTestId('cause-line')).toContainText('hung_task_panic');
  await expect(story.getByTestId('cause-line')).toContainText('messaging outage');
  await expect(story.getByTestId('cause-chain').locator('li').first()).toContainText('messaging');
  await expect(story.getByRole('cell', { name: 'pico', exact: true })).toBeVisible();
  await expect(story.getByText('Disk reads and time in D state')).toBeVisible();
  await story.getByText(/^All \d+ VMs$/).click();
  await expect(
    story.getByText('vm-0', { exact: true }).or(story.locator('td', { hasText: /^vm-\d+$/ }).first()),
  ).toBeVisible();
  await story.getByRole('button', { name: 'Close story' }).click();
  await expect(story).toHaveCount(0);
});

test('keyboard: arrows move across the map and Enter opens a story', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const first = page.locator('[data-host="0"]');
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-host="1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('host-story').getByRole('heading', { name: 'hv-1' })).toBeVisible();
});

test('the event log is a post-mortem timeline and links hosts to their story', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const log = page.getByTestId('event-log');
  await expect(log.locator('tbody tr').first()).toContainText('10:10');
  await expect(log.locator('tbody tr').first()).toContainText('messaging');
  await expect(log.getByText(/khungtaskd/).first()).toBeVisible();
  await page.getByLabel('Show').selectOption('critical');
  await expect(log.locator('tbody tr.info')).toHaveCount(0);
  await log
    .getByRole('button', { name: /^hv-\d+$/ })
    .first()
    .click();
  await expect(page.getByTestId('host-story')).toBeVisible();
});

test('a big fleet gets a compact map whose zone headings count states', async ({ page }) => {
  // 5 small VMs a host on slow disks: hosts thrash and panic within minutes, in a small run
  await page.goto(
    './?preset=workshop-outage&fleet.vmMix.pico=4&fleet.vmMix.nano=1&fleet.vmMix.XS=0&fleet.vmMix.S=0&fleet.vmMix.M=0&fleet.vmMix.L=0&fleet.vmMix.XL=0&hypervisor.diskReadMBps=100',
  );
  const first = await waitForRun(page);
  const hv = page.locator('[data-param="fleet.hypervisors"]');
  await hv.fill('300');
  await hv.blur();
  await waitForRun(page, first);
  const map = page.getByTestId('fleet-map');
  await expect(map.locator('[data-host]')).toHaveCount(300);
  await expect(map.locator('.cells.compact')).toHaveCount(3);
  await expect(map.locator('h3 .count').first()).toHaveText(/^[PTDXR] \d+$/);
});

test('a fleet of thousands of hosts is drawn on canvases; click and keyboard open a story', async ({ page }) => {
  // 1,200 hosts of 2 small VMs for 30 minutes: big enough for the canvas map, quick to run
  await page.goto(
    './?preset=workshop-outage&fleet.zones=3&fleet.hypervisors=1200&fleet.vmMix.pico=2&fleet.vmMix.nano=0&fleet.vmMix.XS=0&fleet.vmMix.S=0&fleet.vmMix.M=0&fleet.vmMix.L=0&fleet.vmMix.XL=0&durationMinutes=30',
  );
  await waitForRun(page);
  const map = page.getByTestId('fleet-map');
  await expect(map.getByTestId('zone-canvas')).toHaveCount(3);
  await expect(map.locator('[data-host]')).toHaveCount(0); // no button per host
  // the first cell of zone a is hv-0
  const zone = map.getByTestId('zone-canvas').first();
  await zone.locator('canvas').click({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('host-story').locator('#story-title')).toContainText('hv-0');
  await page.getByTestId('host-story').getByRole('button', { name: /close/i }).click();
  // keyboard: focus the zone, arrows move a cursor, Enter
  await zone.focus();
  await page.keyboard.press('ArrowRight'); // lands on the first host
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown'); // one row further
  const option = zone.getByRole('option', { includeHidden: true });
  const name = (await option.textContent())!.trim().split(',')[0];
  expect(Number(name.slice(3))).toBeGreaterThan(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('host-story').locator('#story-title')).toContainText(name);
});

test('a big fleet fills the map card, in dark mode with panicked and thrashing far apart', async ({ page }) => {
  // the 1,200 small hosts of the test above: a map drawn on canvases
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(
    './?preset=workshop-outage&fleet.zones=3&fleet.hypervisors=1200&fleet.vmMix.pico=2&fleet.vmMix.nano=0&fleet.vmMix.XS=0&fleet.vmMix.S=0&fleet.vmMix.M=0&fleet.vmMix.L=0&fleet.vmMix.XL=0&durationMinutes=30',
  );
  await waitForRun(page);
  const map = page.getByTestId('fleet-map');
  const zones = (await map.locator('.zones').boundingBox())!;
  const canvas = (await map.getByTestId('zone-canvas').first().locator('canvas').boundingBox())!;
  expect(canvas.width).toBeGreaterThan(zones.width * 0.97);
  // the colours the canvases draw with, as the dark scheme gives them
  const [thrashing, panicked] = await page.evaluate(() =>
    ['--s-thrashing', '--s-panicked'].map((v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim()),
  );
  expect([thrashing, panicked]).toEqual(['#d4741a', '#f2365f']);
});
