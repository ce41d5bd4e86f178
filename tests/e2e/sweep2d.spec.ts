// Sweeps that explain themselves: log spacing, the current value marked, a 2-D heatmap with the
// current setting and the safe region, and a cliff explained from the event logs.
import { test, expect, waitForRun, TINY, PRESET_RUNS_MS } from './fixtures.ts';
import type { Locator } from '@playwright/test';

/** How many pixels of the chart's canvas are within `near` of an rgb colour on each channel. */
const pixelsOf = (chart: Locator, rgb: [number, number, number], near = 12) =>
  chart.locator('canvas').evaluate(
    (c: HTMLCanvasElement, [r, g, b, near]) => {
      // read a copy (the chart's own canvas is not made for reads: Chromium warns)
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [c.width, c.height];
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(c, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 0; k < d.length; k += 4)
        if (
          Math.abs(d[k] - r) <= near &&
          Math.abs(d[k + 1] - g) <= near &&
          Math.abs(d[k + 2] - b) <= near &&
          d[k + 3] > 200
        )
          n++;
      return n;
    },
    [...rgb, near],
  );

test('a 2-D sweep renders a heatmap with the current cell marked and the safe region visible', async ({ page }) => {
  await page.goto(`${TINY}&tab=sweep`);
  await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('telemetry.buffer.whenFull');
  await sweep.getByTestId('sweep-param-b').selectOption('fleet.hypervisors');
  await sweep.getByTestId('sweep-from-b').fill('2');
  await sweep.getByTestId('sweep-to-b').fill('3');
  await sweep.getByTestId('sweep-count-b').fill('2');
  await sweep.getByRole('button', { name: /Run sweep \(4 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 4 runs: within the test's time
  const map = sweep.getByTestId('sweep-heatmap');
  await expect(map.locator('canvas')).toBeVisible();
  await expect(map).toHaveAttribute('data-current', 'block|3');
  await expect(sweep.locator('li[data-current="true"]')).toContainText('block × 3');
  await expect(sweep.locator('li[data-cell="drop_newest|3"]')).toHaveAttribute('data-safe', 'true');
  await expect(sweep.locator('li[data-cell="block|3"]')).toHaveAttribute('data-safe', 'false');
  await expect(map).toHaveAttribute('data-safe', /^[1-4]$/);
  await sweep.screenshot({ path: test.info().outputPath('sweep-2d.png') });
  // the safe cells are filled with the theme's green (--ok-bg), and again when the scheme flips
  // (exact colours: the dark theme's text is near the light green)
  expect(await pixelsOf(map, [0xe2, 0xf3, 0xea], 3)).toBeGreaterThan(500);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => pixelsOf(map, [0x17, 0x35, 0x2a], 3)).toBeGreaterThan(500);
  expect(await pixelsOf(map, [0xe2, 0xf3, 0xea], 3)).toBe(0);
});

test('a sweep over decades is log-spaced, marks the current value and explains a cliff', async ({ page }) => {
  // the cliff is the preset's own (12 hosts: 5 -> 1 panicked); four runs of it
  test.setTimeout(PRESET_RUNS_MS);
  await page.goto('./?preset=workshop-outage&telemetry.buffer.maxEvents=142943&tab=sweep');
  await waitForRun(page);
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').selectOption('telemetry.buffer.maxEvents');
  await expect(sweep.getByTestId('sweep-log')).toBeChecked();
  await sweep.getByTestId('sweep-from').fill('142943');
  await sweep.getByTestId('sweep-to').fill('200000');
  await sweep.getByLabel('Number of values').fill('2');
  await sweep.getByRole('button', { name: /Run sweep \(2 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 2 runs: within the test's time
  const chart = sweep.getByTestId('sweep-chart');
  await expect(chart).toHaveAttribute('data-scale', 'log');
  await expect(chart).toHaveAttribute('data-current', '142943');
  // the heterogeneous fleet answers this one gradually (12 -> 10 of 12): no cliff to explain
  await expect(sweep.getByTestId('sweep-cliff')).toHaveCount(0);
  await sweep.screenshot({ path: test.info().outputPath('sweep-1d.png') });
  // the panicked line in the theme's --c2, redrawn in the dark one when the scheme flips
  expect(await pixelsOf(chart, [0xd5, 0x5e, 0x00])).toBeGreaterThan(20);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => pixelsOf(chart, [0xff, 0x8a, 0x3d])).toBeGreaterThan(20);
  expect(await pixelsOf(chart, [0xd5, 0x5e, 0x00])).toBe(0);
  await page.emulateMedia({ colorScheme: 'light' });

  // pico memory 256 -> 320 MiB takes 5 -> 1 of 12: a cliff, explained from the two event logs
  await sweep.getByLabel('Parameter').selectOption('vmSizes.pico.memoryMiB');
  await sweep.getByTestId('sweep-from').fill('256');
  await sweep.getByTestId('sweep-to').fill('320');
  await sweep.getByLabel('Number of values').fill('2');
  await sweep.getByRole('button', { name: /Run sweep \(2 runs\)/ }).click();
  await expect(sweep.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done', { timeout: 0 }); // 2 runs: within the test's time
  const cliff = sweep.getByTestId('sweep-cliff');
  await expect(cliff).toContainText('A cliff between');
  // the chain names the size that drove the disk (pico) and says nano thrashed first
  await expect(cliff).toContainText('the first VM to thrash was nano');
});
