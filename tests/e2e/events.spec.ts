import { test, expect, param, runId, waitForRun, setValue } from './fixtures.ts';

test('events can be added, moved (field, keys, drag) and removed, and each re-runs', async ({ page }) => {
  await page.goto('./');
  let run = await waitForRun(page);
  const rows = page.getByTestId('event-row');
  await expect(rows).toHaveCount(1);

  await page.getByRole('button', { name: 'Add messaging outage' }).click();
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
  await expect(page.getByTestId('verdict')).toContainText('0 of 12 hypervisors panicked');
  expect(await runId(page)).toBeGreaterThan(run);
});
