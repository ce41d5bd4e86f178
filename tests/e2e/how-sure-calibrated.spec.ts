// How sure? on an incident preset (issue 25): it offers the worlds consistent with what happened,
// says which worlds it runs, and offers the full prior; the workshop (no incident) does not.
import { test, expect, waitForRun, TINY } from './fixtures.ts';

const TINY_2024 = './?preset=clevercloud-2024-08-02&fleet.hypervisors=3&fleet.zones=1&durationMinutes=60';

test('How sure? on the 2024 preset says which worlds it runs and offers the full prior', async ({ page }) => {
  await page.goto(TINY_2024);
  await waitForRun(page);
  const box = page.getByTestId('how-sure');
  const only = box.getByLabel('only worlds consistent with what happened on 2024-08-02');
  await expect(only).toBeChecked();
  await expect(box.getByTestId('how-sure-worlds')).toContainText(/what happened on 2024-08-02/);
  // the committed data decides which sentence (none of today's 2024 worlds fits: the prior runs)
  await expect(box.getByTestId('how-sure-worlds')).toContainText(
    /Untick it for the full\s+prior|runs the full\s+prior instead/,
  );
  if (process.env.SHOTS) await box.screenshot({ path: `${process.env.SHOTS}/how-sure-2024.png` });
  await only.uncheck();
  await expect(box.getByTestId('how-sure-worlds')).toHaveCount(0);
  await expect(box).toContainText(/each with every typical constant drawn inside its plausible range/);
  // seeds only: the calibrated choice does not apply
  await box.getByLabel('vary the typical constants').uncheck();
  await expect(only).toBeDisabled();
});

test('How sure? on the workshop offers no calibrated worlds: it replays no incident', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  const box = page.getByTestId('how-sure');
  await expect(box.getByTestId('how-sure-calibrated')).toHaveCount(0);
  await expect(box.getByTestId('how-sure-worlds')).toHaveCount(0);
});
