import { test, expect, param, runId, waitForRun, setValue, TINY } from './fixtures.ts';

test('events can be added, moved (field, keys, drag) and removed, and each re-runs', async ({ page }) => {
  await page.goto(TINY);
  let run = await waitForRun(page);
  const rows = page.getByTestId('event-row');
  await expect(rows).toHaveCount(1);

  await page.getByLabel('New event').selectOption('messagingOutage');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(rows).toHaveCount(2);
  await expect(param(page, 'events.1.atMinute')).toHaveValue('140');
  run = await waitForRun(page, run);

  // move by editing atMinute
  await setValue(page, 'events.1.atMinute', 200);
  await expect(param(page, 'events.1.atMinute')).toHaveValue('200');
  run = await waitForRun(page, run);

  // move with the keyboard on the timeline
  const block = page.getByTestId('event-block').nth(1);
  await block.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(param(page, 'events.1.atMinute')).toHaveValue('190');
  run = await waitForRun(page, run);

  // drag the first event right by a quarter of the track (240 min -> +60 min)
  const first = page.getByTestId('event-block').first();
  const box = (await first.boundingBox())!;
  const track = (await first.locator('..').boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 5 + track.width / 8, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + 5 + track.width / 4, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(param(page, 'events.0.atMinute')).toHaveValue('70');
  run = await waitForRun(page, run);

  // out of range: clamped to the run's duration, and said so
  await setValue(page, 'events.1.atMinute', 9999);
  await expect(param(page, 'events.1.atMinute')).toHaveValue('240');
  await expect(page.getByText(/must be at most 240 min \(got 9999\); clamped to 240/)).toBeVisible();
  run = await waitForRun(page, run);

  // remove both: nothing happens to the fleet
  await page.getByRole('button', { name: 'Remove event 2' }).click();
  await page.getByRole('button', { name: 'Remove event 1' }).click();
  await expect(rows).toHaveCount(0);
  await waitForRun(page, run);
  await expect(page.getByTestId('verdict')).toContainText('0 of 3 hypervisors panicked');
  expect(await runId(page)).toBeGreaterThan(run);
});

test('every event kind can be picked and added, with fields from its table; instant events are markers', async ({
  page,
}) => {
  await page.goto(TINY);
  let run = await waitForRun(page);
  const rows = page.getByTestId('event-row');
  const picker = page.getByLabel('New event');
  const kinds = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(kinds).toEqual(
    expect.arrayContaining([
      'messagingOutage',
      'rollingUpgrade',
      'rollback',
      'lookupStall',
      'stopProxies',
      'startProxies',
      'stopAllBrokers',
      'startOneBroker',
      'startAllBrokers',
      'shedLookups',
      'enableFallbackBus',
      'pauseMonitoring',
      'stopWatchdog',
      'maintenanceWindow',
      'revertChange',
      'stopAutomation',
      'drainHosts',
      'undrainHosts',
      'cleanZombieVms',
      'stopNoisyVms',
      'dropMonitoringQueue',
      'resumeMonitoring',
      'addHosts',
    ]),
  );

  // an instant action: no duration field, a marker on the track
  await picker.selectOption('stopProxies');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Shut down the proxies');
  await expect(param(page, 'events.1.atMinute')).toBeVisible();
  await expect(rows.nth(1).locator('[data-param]')).toHaveCount(1);
  await expect(page.getByTestId('event-block').nth(1)).toHaveClass(/instant/);
  run = await waitForRun(page, run);

  // a maintenance window: two fields from its table
  await picker.selectOption('maintenanceWindow');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(rows).toHaveCount(3);
  await expect(param(page, 'events.2.durationMinutes')).toBeVisible();
  await expect(param(page, 'events.2.maintenanceMinutes')).toHaveValue('1');
  run = await waitForRun(page, run);
  await expect(page.locator('[data-chart-group="migration"]')).toBeVisible();

  // move the instant event with the keyboard, then remove it with Delete
  const marker = page.getByTestId('event-block').nth(1);
  const before = Number(await param(page, 'events.1.atMinute').inputValue());
  await marker.focus();
  await page.keyboard.press('ArrowRight');
  await expect(param(page, 'events.1.atMinute')).toHaveValue(String(before + 1));
  run = await waitForRun(page, run);
  await page.getByTestId('event-block').nth(1).focus();
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Maintenance on every host');
  await waitForRun(page, run);
});
