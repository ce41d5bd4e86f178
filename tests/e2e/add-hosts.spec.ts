import { test, expect, waitForRun, verdict } from './fixtures.ts';

// The operators' addHosts (issue 24): hosts parked until the event's minute are on the map from the
// first frame, counted apart, and join the fleet at the minute. A tiny workshop: 3 hosts, the
// control plane on (so the action applies), 2 hosts added at 10:30 in a one-hour run.
const ADDED =
  './?v=4&preset=workshop-outage&fleet.hypervisors=3&fleet.zones=1&durationMinutes=60&controlPlane.enabled=true' +
  '&events=messagingOutage@10:20,addHosts@30:2';

test('hosts added mid-run are parked on the map until their minute, then join the fleet', async ({ page }) => {
  await page.goto(ADDED);
  await waitForRun(page);
  const map = page.getByTestId('fleet-map');
  await expect(map.locator('[data-host]')).toHaveCount(5);
  await expect(map.getByRole('heading', { level: 2 })).toContainText(
    '3 hypervisors and 2 parked ones the operators add',
  );
  await expect(map.getByText('parked', { exact: true })).toBeVisible(); // the legend names them in this run
  const scrubber = page.getByTestId('scrubber');
  await scrubber.fill('0');
  await expect(map.locator('[data-host][data-state="parked"]')).toHaveCount(2);
  await expect(map.getByText('(3, 2 parked)')).toBeVisible();
  await scrubber.fill((await scrubber.getAttribute('max')) ?? '0');
  await expect(map.locator('[data-host][data-state="parked"]')).toHaveCount(0);
  await expect(verdict(page)).toContainText('of 3 hypervisors panicked');
});
