// Challenges: an instructor makes one in the link builder; a student meets a goal, misses one,
// and hands in a result link that opens the same answer. Tiny fleets (3 hosts, 150 min), so each
// run takes a second or two.
import { test, expect, param, verdict, waitForRun } from './fixtures.ts';

const TINY = 'preset=workshop-outage&seed=1&durationMinutes=150&fleet.hypervisors=3';
const CHALLENGE = `./?v=2&${TINY}&goal=nopanic&allow=telemetry.buffer.whenFull,telemetry.buffer.maxEvents&budget=1`;

const challenge = (page: import('@playwright/test').Page) => page.getByTestId('challenge');
const goal = (page: import('@playwright/test').Page, id: string) =>
  challenge(page).locator(`[data-testid="challenge-goal"][data-goal="${id}"]`);

/**
 * Waits until the checklist has judged the run the verdict shows, at least run `id` (a checklist
 * is judged after the run, so its data-run follows the verdict's).
 */
async function judged(page: import('@playwright/test').Page, id: number): Promise<void> {
  await expect
    .poll(async () => {
      const [run, state, crun, cstate] = await Promise.all([
        verdict(page).getAttribute('data-run'),
        verdict(page).getAttribute('data-state'),
        challenge(page).getAttribute('data-run'),
        challenge(page).getAttribute('data-state'),
      ]);
      return Number(run) >= id && state === 'done' && crun === run && cstate === 'done';
    })
    .toBe(true);
}

test('make a challenge in the link builder and open it as a student', async ({ page }) => {
  await page.goto(`./?${TINY}&tab=builder`);
  await waitForRun(page);
  const b = page.getByTestId('link-builder');
  await b.locator('summary').first().click();
  const c = b.getByTestId('builder-challenge');
  await c.getByTestId('builder-challenge-on').check();
  await expect(c.getByTestId('builder-allow-none')).toBeVisible();
  await c.getByTestId('builder-goal-dropped').check();
  await c.getByTestId('builder-goal-dropped-pct').fill('10');
  await c.getByTestId('builder-allow-filter').fill('buffer is full');
  await c.locator('[data-testid="builder-allow"][data-path="telemetry.buffer.whenFull"]').check();
  await expect(c.getByTestId('builder-allowed')).toHaveCount(1);
  await c.getByTestId('builder-budget-on').check();

  const url = await b.getByTestId('builder-url').inputValue();
  const q = new URL(url).searchParams;
  expect(q.get('v')).toBe('2');
  expect(q.get('goal')).toBe('nopanic,dropped:10');
  expect(q.get('allow')).toBe('telemetry.buffer.whenFull');
  expect(q.get('budget')).toBe('1');
  expect(q.get('fleet.hypervisors')).toBe('3');
  expect(q.get('lock')).toBeNull();
  const board = new URL((await c.getByTestId('builder-board').getAttribute('href'))!, url);
  expect(board.searchParams.get('board')).toBe('1');
  expect(board.searchParams.get('goal')).toBe('nopanic,dropped:10');
  await b.getByTestId('builder-qr').scrollIntoViewIfNeeded();

  // the student's view: the checklist, the allowed control open, every other one and the events locked
  await page.goto(url);
  const id = await waitForRun(page);
  await judged(page, id);
  await expect(challenge(page).getByTestId('challenge-goal')).toHaveCount(3);
  await expect(param(page, 'telemetry.buffer.whenFull')).toBeEnabled();
  await expect(param(page, 'fleet.hypervisors')).toBeDisabled();
  await expect(param(page, 'telemetry.buffer.maxEvents')).toBeDisabled();
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
});

test('meet a goal: the checklist updates after the run, and the address keeps the answer', async ({ page }) => {
  await page.goto(CHALLENGE);
  const first = await waitForRun(page);
  await judged(page, first);
  await expect(goal(page, 'nopanic')).toHaveAttribute('data-met', 'false');
  await expect(goal(page, 'nopanic')).toContainText('2 of 3 hypervisors panicked');
  await expect(goal(page, 'budget')).toHaveAttribute('data-met', 'true');
  await expect(challenge(page)).toHaveAttribute('data-met', 'false');

  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  const second = await waitForRun(page, first);
  await judged(page, second);
  await expect(goal(page, 'nopanic')).toHaveAttribute('data-met', 'true');
  await expect(goal(page, 'nopanic')).toContainText('0 of 3 hypervisors panicked');
  await expect(goal(page, 'budget')).toContainText('1 change: When the buffer is full');
  await expect(challenge(page)).toHaveAttribute('data-met', 'true');
  await expect(challenge(page)).toContainText('Every goal is met');
  await expect(verdict(page)).toContainText('0 of 3 hypervisors panicked');

  // a second change breaks the budget of one
  await param(page, 'telemetry.buffer.maxEvents').fill('20000');
  await param(page, 'telemetry.buffer.maxEvents').blur();
  const third = await waitForRun(page, second);
  await judged(page, third);
  await expect(goal(page, 'budget')).toHaveAttribute('data-met', 'false');
  await expect(challenge(page)).toHaveAttribute('data-met', 'false');

  // the address bar is the start, the rules and the answer (written at once on Share)
  await page.getByTestId('share').click();
  const q = new URL(page.url()).searchParams;
  expect(q.get('goal')).toBe('nopanic');
  expect(q.get('answer.telemetry.buffer.whenFull')).toBe('drop_newest');
  expect(q.get('fleet.hypervisors')).toBe('3');
  expect(q.get('telemetry.buffer.whenFull')).toBeNull();
  expect(q.get('lock')).toBeNull();

  // a locked control and the events stay as the challenge set them (another preset is refused for them)
  await page.getByTestId('preset').selectOption('clevercloud-2024-08-02');
  await expect(page.getByTestId('pin-notice')).toContainText('the scripted events are locked by the link');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('3');
});

test('miss a goal in 2 of 2 worlds, then hand in a result link that opens the same answer', async ({
  page,
  context,
}) => {
  await page.goto(`./?v=2&${TINY}&goal=nopanic,dropped:10&worlds=2&allow=telemetry.buffer.whenFull`);
  const first = await waitForRun(page);
  await judged(page, first);
  await expect(goal(page, 'nopanic')).toContainText('No hypervisor panics in 2 of 2 worlds');
  await param(page, 'telemetry.buffer.whenFull').selectOption('drop_newest');
  const second = await waitForRun(page, first);
  await judged(page, second);
  // no panic in either world, but four events in five are dropped: that goal is missed
  await expect(goal(page, 'nopanic')).toHaveAttribute('data-met', 'true');
  await expect(goal(page, 'nopanic')).toContainText('held in 2 of 2 worlds');
  await expect(goal(page, 'dropped')).toHaveAttribute('data-met', 'false');
  await expect(goal(page, 'dropped')).toContainText(/held in 0 of 2 worlds; worst: 7\d\.\d\d% dropped/);
  await expect(challenge(page)).toHaveAttribute('data-met', 'false');
  await expect(challenge(page).getByTestId('challenge-score')).toHaveText('1 of 2 met');

  await challenge(page).getByTestId('handin-open').click();
  await challenge(page).getByTestId('handin-name').fill('Ana B.');
  const url = await challenge(page).getByTestId('handin-url').inputValue();
  const q = new URL(url).searchParams;
  expect(q.get('by')).toBe('Ana B.');
  expect(q.get('answer.telemetry.buffer.whenFull')).toBe('drop_newest');
  expect(q.get('worlds')).toBe('2');
  await expect(challenge(page).getByTestId('handin-qr')).toBeVisible();
  await expect(challenge(page).getByTestId('handin')).toContainText('1 of 2 goals met');

  const other = await context.newPage();
  await other.goto(url);
  const id = await waitForRun(other);
  await judged(other, id);
  await expect(param(other, 'telemetry.buffer.whenFull')).toHaveValue('drop_newest');
  await expect(other.getByTestId('challenge')).toContainText('Handed in by Ana B.');
  await expect(other.locator('[data-testid="challenge-goal"][data-goal="dropped"]')).toHaveAttribute(
    'data-met',
    'false',
  );
  await other.close();
});
