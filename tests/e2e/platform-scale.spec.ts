// "Scale the platform with the fleet" (issue 10, finding 6): beside the Hypervisors field, a box
// that sizes the fleet-wide capacities (orchestrator, monitoring, broker ingest) with the number
// of hosts, says what it scaled, and keeps the values the user set.
import { test, expect, param, setValue, verdict, waitForRun } from './fixtures.ts';

/** the preset (12 hosts, the platform sized for them) for half an hour: its runs are short */
const SHORT = './?preset=workshop-outage&durationMinutes=30';

test('the platform scales with the fleet only when asked, and keeps the values the user set', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(SHORT);
  const first = await waitForRun(page);
  const box = page.getByRole('checkbox', { name: /Scale the platform with the fleet/ });
  const note = page.getByTestId('platform-scale-note');
  await expect(box).not.toBeChecked();
  await expect(page.getByTestId('platform-scale')).toContainText('Off: a new number of hosts shares the same platform');

  // off: more hosts, the same platform
  await setValue(page, 'fleet.hypervisors', 24);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('24');
  await expect(param(page, 'controlPlane.deploymentsPerMinute')).toHaveValue('20');
  await expect(note).toBeEmpty();

  // on (keyboard): the platform is sized for the 24 hosts at once, and the note says what changed
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(note).toContainText('Sized the platform for 24 hosts');
  await expect(note).toContainText('Orchestrator throughput 20 → 40 deploys/min');
  await expect(note).toContainText('Orchestrator hosts 6 → 12 hosts');
  await expect(param(page, 'controlPlane.deploymentsPerMinute')).toHaveValue('40');
  await expect(param(page, 'controlPlane.orchestratorHosts')).toHaveValue('12');
  await expect(param(page, 'controlPlane.monitorConcurrentChecks')).toHaveValue('128');
  await expect(param(page, 'messaging.brokerIngestEventsPerSecond')).toHaveValue('300,000');
  await page.screenshot({ path: 'test-results/platform-scale-on.png' });

  // the user's own value stays through the next host count, and the note names it
  await page.locator('#group-controlPlane > summary').click();
  await setValue(page, 'controlPlane.orchestratorHosts', 5);
  await setValue(page, 'fleet.hypervisors', 36);
  await expect(note).toContainText('Sized the platform for 24 → 36 hosts');
  await expect(note).toContainText('Orchestrator throughput 40 → 60 deploys/min');
  await expect(note).toContainText('Kept your own value: Orchestrator hosts 5 hosts.');
  await expect(note).not.toContainText('Orchestrator hosts 12');
  await expect(param(page, 'controlPlane.orchestratorHosts')).toHaveValue('5');
  await expect(param(page, 'controlPlane.monitorConcurrentChecks')).toHaveValue('192');
  await expect(param(page, 'messaging.brokerIngestEventsPerSecond')).toHaveValue('450,000');
  await waitForRun(page, first);
  await expect(verdict(page)).toContainText(/of 36 hypervisors/);

  // off again: the values stay as they are; the next host count leaves them
  await box.uncheck();
  await expect(note).toBeEmpty();
  await setValue(page, 'fleet.hypervisors', 12);
  await expect(param(page, 'controlPlane.deploymentsPerMinute')).toHaveValue('60');
  // and the scenario (the link) carries the scaled values: a reload opens them
  await expect.poll(() => new URL(page.url()).searchParams.get('controlPlane.deploymentsPerMinute')).toBe('60');
});

test('the control is labelled and readable on a phone and in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const [width, height] of [
    [1400, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(SHORT);
    await waitForRun(page);
    const control = page.getByTestId('platform-scale');
    await control.getByRole('checkbox').check();
    await expect(page.getByTestId('platform-scale-note')).toContainText('already sized for 12 hosts');
    await setValue(page, 'fleet.hypervisors', 48);
    await expect(page.getByTestId('platform-scale-note')).toContainText('12 → 48 hosts');
    await control.scrollIntoViewIfNeeded();
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/platform-scale-${width}-dark.png` });
  }
});
