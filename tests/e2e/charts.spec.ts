// Charts that explain themselves: ghost of the previous run, before / after in the verdict, a
// neutral verdict while running, integer ticks on counts, labelled thresholds, PNG export.
import { test, expect, verdict, param, waitForRun, TINY, TINY_LONG, TINY_STREAMING } from './fixtures.ts';

const chart = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-chart="${id}"]`);

test('a second run keeps the first as a ghost and the verdict says what changed, in words', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const hosts = chart(page, 'hosts').locator('.canvas-wrap');
  await expect(hosts).toHaveAttribute('data-ghosts', '0');
  await expect(page.getByTestId('verdict-change')).toHaveCount(0);
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  const second = await waitForRun(page, first);
  // every line of the chart has its ghost; the flat charts of this run stay, since the ghost moved
  await expect(hosts).toHaveAttribute('data-ghosts', '3');
  // the core's chain line reads with grouped thousands ("they dropped 39,767,406 events")
  await expect(verdict(page)).toContainText(/dropped \d{1,3}(,\d{3})+ events/);
  await expect(chart(page, 'pressure').locator('.canvas-wrap')).not.toHaveAttribute('data-ghosts', '0');
  const change = page.getByTestId('verdict-change');
  await expect(change).toContainText(/\d+ → 0 hypervisors panicked/);
  await expect(change).toContainText(/cost: \d+(\.\d)?% of events dropped \(was 0%\)/);
  // what changed, in the page's words (the parameter's label, not its path)
  await expect(change).toContainText('Before → now (When the buffer is full: block → drop_newest):');
  await expect(page.getByTestId('run-item').first()).toContainText('whenFull=drop_newest');
  // Compare sits right under the verdict (and its "How sure?")
  const v = await page.locator('#sec-verdict').boundingBox();
  const c = await page.getByTestId('compare').boundingBox();
  expect(c!.y - (v!.y + v!.height)).toBeLessThan(40);

  // the same scenario again: an identical ghost is no ghost, and the legend does not list it
  await page.getByRole('button', { name: 'Run again' }).click();
  await waitForRun(page, second);
  await expect(change).toContainText('Before → now (same scenario):');
  await expect(page.locator('.canvas-wrap').first()).toBeVisible();
  await expect(page.locator('.canvas-wrap:not([data-ghosts="0"])')).toHaveCount(0);
});

test('no before → now and no ghost across presets', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  // another preset, as a small scenario file: a different fleet and incident
  const file = JSON.stringify({
    preset: 'clevercloud-2022-04',
    fleet: { hypervisors: 2, zones: 1 },
    durationMinutes: 30,
  });
  await page
    .getByTestId('import')
    .setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText('of 2 hypervisors panicked');
  await expect(page.getByTestId('verdict-change')).toHaveCount(0);
  await expect(page.locator('.canvas-wrap').first()).toBeVisible();
  await expect(page.locator('.canvas-wrap:not([data-ghosts="0"])')).toHaveCount(0);
});

test('while a run streams in the verdict is neutral and says "so far"', async ({ page }) => {
  await page.goto(TINY_STREAMING);
  await expect(verdict(page)).toHaveAttribute('data-state', 'running');
  const box = page.getByTestId('verdict-box');
  await expect(box).toHaveAttribute('data-tone', 'running');
  await expect(page.getByTestId('verdict-running')).toContainText(/Running: \d+% simulated/);
  // neutral with the count so far, whatever it is by now (not the green of a run that saved the fleet)
  await expect(verdict(page)).toContainText(/\d+ of 3 hypervisors panicked so far/);
  await expect(box).toHaveAttribute('data-tone', 'running');
});

test('while a run streams in, charts out of view wait, and catch up when it stops', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  // a run that outlasts the test (it streams until it is cancelled): with TINY_LONG the run could end
  // before the test looked, and a chart made after the end holds the final data in a single update
  await page.goto(TINY_STREAMING);
  await expect(verdict(page)).toHaveAttribute('data-state', 'running');
  const wraps = page.locator('[data-chart] .canvas-wrap');
  const top = wraps.first(),
    last = wraps.last();
  await expect(last).not.toBeInViewport();
  // the chart in view follows the progress messages; the one far below is not redrawn meanwhile: it
  // holds older data than it was given (or is not made yet: charts in view are made first)
  await expect.poll(async () => Number(await top.getAttribute('data-updates'))).toBeGreaterThan(2);
  await expect.poll(async () => (await last.getAttribute('data-stale')) !== '0').toBe(true);
  expect(Number(await last.getAttribute('data-updates'))).toBeLessThanOrEqual(1);
  // the run stops streaming: the chart below catches up with what streamed so far
  await page.getByTestId('cancel').click();
  await expect(verdict(page)).toHaveAttribute('data-state', 'cancelled');
  await expect(last).toHaveAttribute('data-stale', '0');
  await expect(last).not.toHaveAttribute('data-yticks', '');
});

test('once a run completes every chart holds it to its end, in view or not', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(TINY_LONG);
  await waitForRun(page);
  const wraps = page.locator('[data-chart] .canvas-wrap');
  await expect(wraps.last()).not.toBeInViewport();
  for (const wrap of await wraps.all()) {
    await expect(wrap).toHaveAttribute('data-stale', '0');
    // the last point drawn: in the last downsampled bucket of the 48 simulated hours (min-max buckets)
    expect(Number(await wrap.getAttribute('data-drawn-to'))).toBeGreaterThan(0.99 * 2880 * 60);
  }
});

test('counts of hosts get integer ticks; thresholds and marks are labelled; captions say what to notice', async ({
  page,
}) => {
  await page.goto(TINY);
  await waitForRun(page);
  for (const [id, attr] of [
    ['hosts', 'data-yticks'],
    ['dstate', 'data-y1ticks'],
  ] as const) {
    const ticks = (await chart(page, id).locator('.canvas-wrap').getAttribute(attr))!.split(' ').map(Number);
    expect(ticks.length, `${id} ticks`).toBeGreaterThan(1);
    for (const t of ticks) expect(Number.isInteger(t), `${id} tick ${t}`).toBe(true);
  }
  const marks = (id: string) => chart(page, id).locator('.canvas-wrap');
  await expect(marks('dstate')).toHaveAttribute('data-marks', /hung_task_timeout_secs 120 s/);
  await expect(marks('disk')).toHaveAttribute('data-marks', /capacity, all 3 hosts \(2,000 MB\/s each\)/);
  await expect(marks('messaging')).toHaveAttribute('data-marks', /messaging down \d\d:\d\d–\d\d:\d\d/);
  await expect(marks('hosts')).toHaveAttribute('data-marks', /first panic \d\d:\d\d/);
  await expect(chart(page, 'hosts').getByTestId('chart-caption')).toContainText('Panicked so far');
});

test('the pids limit on the tasks chart comes from the scenario', async ({ page }) => {
  await page.goto('./?preset=clevercloud-2022-04&fleet.hypervisors=4&fleet.zones=2');
  await waitForRun(page);
  await expect(chart(page, 'tasks').locator('.canvas-wrap')).toHaveAttribute('data-marks', /pids limit 4,915/);
});

test('PNG export: 2x the chart, opaque, with title, scenario, seed and verdict above it', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const card = chart(page, 'hosts');
  const css = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => [c.clientWidth, c.clientHeight]);
  const [dl] = await Promise.all([page.waitForEvent('download'), card.getByTestId('chart-png').click()]);
  const bytes = await (await dl.createReadStream()).toArray();
  const b64 = Buffer.concat(bytes).toString('base64');
  const img = await page.evaluate(async (src) => {
    const i = new Image();
    i.src = src;
    await i.decode();
    const c = document.createElement('canvas');
    c.width = i.naturalWidth;
    c.height = i.naturalHeight;
    const ctx = c.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(i, 0, 0);
    const corner = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    return {
      w: i.naturalWidth,
      h: i.naturalHeight,
      corners: [corner(0, 0), corner(c.width - 1, c.height - 1)],
    };
  }, `data:image/png;base64,${b64}`);
  expect(img.w).toBe(2 * css[0]);
  // the header (title, scenario and seed, verdict) sits above the chart
  expect(img.h).toBeGreaterThan(2 * css[1] + 2 * 40);
  for (const px of img.corners) expect(px[3]).toBe(255);
  // the chart on the page is back at its own resolution
  const after = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width / c.clientWidth);
  expect(after).toBeCloseTo(await page.evaluate(() => devicePixelRatio), 5);
});
