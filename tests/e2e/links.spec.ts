import { test, expect, verdict, param, waitForRun, setValue, PAGE_LOADS_MS, TINY } from './fixtures.ts';

test('Share copies a link that opens the same scenario and verdict in a fresh browser', async ({ page, browser }) => {
  test.setTimeout(PAGE_LOADS_MS); // three runs here, then the link in a new browser context
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'seed', 7);
  const second = await waitForRun(page, first);
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await waitForRun(page, second);
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');
  const text = await verdict(page).innerText();

  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('telemetry.buffer.whenFull=drop_newest');
  expect(url).toContain('seed=7');

  const other = await browser.newContext();
  const p2 = await other.newPage();
  const errors: string[] = [];
  p2.on('pageerror', (e) => errors.push(e.message));
  p2.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await p2.goto(url);
  await waitForRun(p2);
  await expect(param(p2, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(param(p2, 'seed')).toHaveValue('7');
  expect(await verdict(p2).innerText()).toBe(text);
  await expect(p2.getByTestId('link-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
  await other.close();
});

test('a malformed link shows what was ignored and loads the valid part', async ({ page }) => {
  await page.goto(
    './?v=1&preset=workshop-outage&fleet.hypervisors=abc&nope=1&telemetry.buffer.whenFull=drop_newest&durationMinutes=60',
  );
  await waitForRun(page);
  const notice = page.getByTestId('link-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('fleet.hypervisors');
  await expect(notice).toContainText('nope');
  await expect(notice).toContainText('Everything else in the link was kept');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(verdict(page)).toContainText('0 of 12 hypervisors panicked');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('a hand-written link (no v=) opens the preset as it is now, not an old revision of it', async ({ page }) => {
  // until session 15 this opened the 2024 preset's 6-hour revision of before the operators' actions
  await page.goto('./?preset=clevercloud-2024-08-02&fleet.hypervisors=3&fleet.zones=1');
  await waitForRun(page);
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  // the address bar says the current version and leaves duration and events to the preset
  await expect.poll(() => new URL(page.url()).search).toMatch(/^\?v=4&preset=clevercloud-2024-08-02&/);
  expect(page.url()).not.toMatch(/durationMinutes=|events=/);
  await expect(page.getByTestId('event-block')).toHaveCount(17); // the 6-hour revision had 10
});

test('a link cannot inject markup: its text shows as text', async ({ page }) => {
  await page.goto(`${TINY}&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1`);
  await waitForRun(page);
  await expect(page.getByTestId('link-notice')).toContainText('<img');
  await expect(page.locator('[data-testid="link-notice"] img')).toHaveCount(0);
});

test('instructor options: hide, lock, tab and presentation mode', async ({ page }) => {
  await page.goto(`${TINY}&hide=seed&lock=fleet.hypervisors&tab=charts&present=1`);
  await waitForRun(page);
  await expect(param(page, 'seed')).toHaveCount(0);
  await expect(param(page, 'fleet.hypervisors')).toBeDisabled();
  await expect(page.locator('#sec-charts')).toBeFocused();
  await expect(page.locator('html')).toHaveClass(/present/);
  // presentation mode folds the parameter column away; it opens over the page on request
  await expect(page.locator('#sec-scenario')).toBeHidden();
  await page.getByTestId('present-controls').click();
  await expect(page.getByText('Locked by the link')).toBeVisible();
});

test('a huge fleet asks before running', async ({ page }) => {
  await page.goto('./?preset=workshop-outage&fleet.hypervisors=2000&fleet.vmMix.pico=40');
  const button = page.getByTestId('confirm-run-button');
  await expect(button).toContainText(/Run this fleet of [\d,]+ VMs/);
  // the page decided to ask instead of running: no run was requested
  await expect(verdict(page)).toHaveAttribute('data-run', '0');
  await button.click();
  await expect(verdict(page)).toHaveAttribute('data-state', 'running');
  await page.getByTestId('cancel').click();
});

test('reload keeps an unsaved edit, and so does opening the bare page (draft)', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // three loads
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 2);
  await waitForRun(page, first);
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await waitForRun(page);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
  await page.goto('./');
  await waitForRun(page);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
  await expect(verdict(page)).toContainText(/of 2 hypervisors panicked/);
});

test('the address bar follows edits a moment later, once after quick edits; Share writes it at once', async ({
  page,
}) => {
  // the page's clock is Playwright's: it runs as usual, except while paused below
  await page.clock.install();
  await page.goto(`${TINY}&seed=1`);
  await waitForRun(page);
  const url = () => new URL(page.url()).searchParams;
  await page.evaluate(() => {
    const w = window as unknown as { urlWrites: number };
    w.urlWrites = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...a: Parameters<History['replaceState']>) => {
      w.urlWrites++;
      replace(...a);
    };
  });
  const change = (path: string, value: string) =>
    page.evaluate(
      ([path, value]) => {
        const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-param="${path}"]`)!;
        el.value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return (window as unknown as { urlWrites: number }).urlWrites;
      },
      [path, value] as const,
    );
  // three quick edits, 100 ms apart on the page's clock: the address bar is written once, after the
  // last (history.replaceState is slow on a loaded machine: it stays out of the edits' own tasks)
  await page.clock.pauseAt(new Date(Date.now() + 1_000));
  await change('seed', '2');
  await page.clock.runFor(100);
  await change('seed', '3');
  await page.clock.runFor(100);
  expect(await change('telemetry.buffer.whenFull', 'drop_newest'), 'the address bar written during the edits').toBe(0);
  await page.clock.resume();
  await expect.poll(() => url().get('telemetry.buffer.whenFull')).toBe('drop_newest');
  expect(url().get('seed')).toBe('3');
  expect(await page.evaluate(() => (window as unknown as { urlWrites: number }).urlWrites)).toBe(1);

  // Share writes the address bar at once: the link shown and the address bar agree
  await setValue(page, 'seed', 5);
  await page.getByTestId('share').click();
  expect(url().get('seed')).toBe('5');
  expect(await page.getByTestId('share-url').inputValue()).toBe(page.url());
});

test('a reload at once after an edit, before the address bar was written, opens the edit', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // two loads and three runs
  await page.goto(`${TINY}&seed=3`);
  const first = await waitForRun(page);
  const url = () => new URL(page.url()).searchParams;
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  await expect.poll(() => url().get('telemetry.buffer.whenFull')).toBe('drop_newest');
  await waitForRun(page, first);
  await setValue(page, 'seed', 4);
  expect(url().get('seed')).toBe('3');
  await page.reload();
  await expect(param(page, 'seed')).toHaveValue('4');
  expect(url().get('seed')).toBe('4');
  await expect(param(page, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await waitForRun(page);
});
