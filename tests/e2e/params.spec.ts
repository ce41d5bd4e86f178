// The parameter panel: readable numbers, units typed into the boxes, sliders for the story
// parameters, help folded behind a disclosure, and a filter over all parameters.
import { test, expect, verdict, param, waitForRun, setValue, TINY } from './fixtures.ts';

test('a number box reads 256MiB / 2GiB, shows a readable size, and keeps the old value on bad text', async ({
  page,
}) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  // the disk buffer's 268435488 B reads as 256 MiB
  const bufField = page.locator('.field', { has: param(page, 'telemetry.buffer.maxSizeBytes') });
  await expect(param(page, 'telemetry.buffer.maxSizeBytes')).toHaveValue('268,435,488');
  await expect(bufField.getByTestId('param-hint')).toHaveText('= 256 MiB');
  await expect(bufField).toContainText('Range 256 MiB to 1 TiB');

  await page.locator('details[data-group="vmSizes"] > summary').click();
  await setValue(page, 'vmSizes.pico.memoryMiB', '0.5GiB');
  await expect(param(page, 'vmSizes.pico.memoryMiB')).toHaveValue('512');
  await waitForRun(page, first);
  await setValue(page, 'vmSizes.pico.memoryMiB', '2 GiB');
  await expect(param(page, 'vmSizes.pico.memoryMiB')).toHaveValue('2,048');
  const pico = page.locator('.field', { has: param(page, 'vmSizes.pico.memoryMiB') });
  await expect(pico.getByTestId('param-hint')).toHaveText('= 2 GiB');

  await setValue(page, 'vmSizes.pico.memoryMiB', 'lots');
  await expect(pico.getByTestId('param-typed')).toHaveText(
    /“lots” is not a number in MiB \(e\.g\. 256MiB, 2GiB, 1\.5GB\): kept 2 GiB\./,
  );
  await expect(param(page, 'vmSizes.pico.memoryMiB')).toHaveValue('2,048');
  await setValue(page, 'vmSizes.pico.memoryMiB', '30s');
  await expect(pico.getByTestId('param-typed')).toContainText('“s” measures time, this value is a size in MiB');
  await setValue(page, 'vmSizes.pico.memoryMiB', '256');
  await expect(pico.getByTestId('param-typed')).toHaveCount(0);

  // a time: 2min into a seconds box
  await setValue(page, 'hypervisor.hungTaskTimeoutSeconds', '3min');
  await expect(param(page, 'hypervisor.hungTaskTimeoutSeconds')).toHaveValue('180');
});

test('story parameters have sliders; moving one changes the value and re-runs', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const slider = page.locator('[data-slider="telemetry.buffer.maxEvents"]');
  await expect(slider).toBeVisible();
  await expect(slider).toHaveAttribute('aria-label', /log scale/);
  await expect(page.locator('[data-slider]')).not.toHaveCount(0);
  expect(await page.locator('[data-slider]').count()).toBeGreaterThanOrEqual(8);
  await slider.focus();
  // each key press is an input and a change (the run is debounced)
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => Number((await param(page, 'telemetry.buffer.maxEvents').inputValue()).replaceAll(',', '')))
    .toBeGreaterThan(500);
  await waitForRun(page, first);
  await expect(slider).toHaveAttribute('aria-valuetext', /events/);
  await expect(verdict(page)).toHaveAttribute('data-state', 'done');
});

test('help is folded behind a disclosure, and the filter finds parameters across groups', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const field = page.locator('.field', { has: param(page, 'hypervisor.hungTaskPanic') });
  const help = field.locator('.help').first();
  await expect(help).toBeHidden();
  const toggle = field.getByRole('button', { name: 'About hung_task_panic' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(help).toBeVisible();
  await expect(help).toContainText('Default');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  const search = page.getByTestId('param-search');
  await search.fill('hung');
  const shown = await page
    .locator('.side [data-param]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-param')));
  expect(shown).toContain('hypervisor.hungTaskTimeoutSeconds');
  expect(shown).toContain('hypervisor.hungTaskPanic');
  expect(shown).not.toContain('fleet.hypervisors');
  await expect(page.getByTestId('param-search-count')).toHaveText(`${shown.length} parameters match`);
  // a collapsed group opens when the filter matches in it
  await search.fill('pooler');
  await expect(param(page, 'proxy.poolMaxConnections')).toBeVisible();
  await search.fill('zzzz');
  await expect(page.getByText('No parameter matches “zzzz”')).toBeVisible();
  await search.fill('');
  expect(await page.locator('.side [data-param]').count()).toBeGreaterThan(100);
});

test('the sidebar is short: one line per parameter, help folded', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const closed = page.locator('details[data-group]:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  const h = await page.locator('.side .field').evaluateAll((els) => {
    const hs = els.map((e) => e.getBoundingClientRect().height);
    return { n: hs.length, mean: hs.reduce((a, b) => a + b, 0) / hs.length };
  });
  const side = await page.locator('.side').evaluate((el) => el.scrollHeight);
  console.log(`sidebar: ${h.n} fields, ${h.mean.toFixed(1)} px each on average, ${side} px with every group open`);
  // with 3-4 lines of help each a field was ~95 px; folded it is the label and its control
  expect(h.mean).toBeLessThan(50);
});
