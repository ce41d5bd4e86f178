// Shared for every spec: fail on any console error or uncaught page error, and helpers that
// wait for a run to finish.
import { test as base, expect, type Page, type Locator } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[]; firstVisit: boolean }>({
  // the first-visit guide stays out of every test unless it opts in with test.use({ firstVisit: true })
  firstVisit: [false, { option: true }],
  page: async ({ page, firstVisit }, use) => {
    if (!firstVisit)
      await page.addInitScript(() => {
        try {
          localStorage.setItem('cascade.guide', 'done');
        } catch {
          // about:blank has no storage
        }
      });
    await use(page);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        // serviceWorkers: 'block' (playwright.config.ts) answers the page's registration with this
        if (m.text() === 'Service Worker registration blocked by Playwright') return;
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors and warnings').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const verdict = (page: Page): Locator => page.getByTestId('verdict');
export const param = (page: Page, path: string): Locator => page.locator(`[data-param="${path}"]`);

/** The id of the run on screen (increases with every request). */
export async function runId(page: Page): Promise<number> {
  return Number(await verdict(page).getAttribute('data-run'));
}

/** Waits until a run newer than `after` has finished and returns its id. */
// 60 s: the 2024 replay (60 hosts, 6 h) takes over 20 s in a browser when the 2-core machine is
// shared by several suites; a run that never finishes still fails.
export async function waitForRun(page: Page, after = 0, timeout = 60_000): Promise<number> {
  await expect
    .poll(
      async () => {
        const v = verdict(page);
        return (await runId(page)) > after && (await v.getAttribute('data-state')) === 'done';
      },
      { timeout },
    )
    .toBe(true);
  return runId(page);
}

/** Types a value into a number or text control and commits it (change fires on blur). */
export async function setValue(page: Page, path: string, value: string | number): Promise<void> {
  const el = param(page, path);
  await el.fill(String(value));
  await el.blur();
}
