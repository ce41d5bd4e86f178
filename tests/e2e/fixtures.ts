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

/**
 * Browser tests check wiring: they start from small scenarios in a link, and leave what the model
 * computes to the unit tests (tests/unit/model). TINY is the workshop outage on 3 hosts in one zone
 * (228 VMs, 4 h): the whole chain, 2 of 3 hosts panic, in a fraction of the default preset's run.
 */
export const TINY = './?preset=workshop-outage&fleet.hypervisors=3&fleet.zones=1';
/** TINY over 48 simulated hours: a run that streams progress for seconds before it completes. */
export const TINY_LONG = `${TINY}&durationMinutes=2880`;
/** TINY_LONG at a 1 s step: a run that outlasts a test watching it run (the test ends first). */
export const TINY_STREAMING = `${TINY_LONG}&stepSeconds=1`;

/**
 * For a test that loads the page several times (reloads, a second tab, one link after another):
 * each load parses the app and runs a scenario, seconds apiece on a machine shared by several
 * suites, more than Playwright's default 30 s in all. test.setTimeout(PAGE_LOADS_MS) names it.
 */
export const PAGE_LOADS_MS = 60_000;

/**
 * For a test that waits for several whole runs of a preset-sized fleet in the page's workers (a
 * sweep's points on the 12-host workshop preset), seconds apiece on a shared machine.
 */
export const PRESET_RUNS_MS = 60_000;

/**
 * For a test that runs ensembles in the page's pool, 16 runs or more (How sure? twice, a config
 * comparison of two sides), with the runs between them: 15 to 18 s beside the unit lane here, near
 * Playwright's 30 s on a slower or busier machine.
 */
export const ENSEMBLES_MS = 60_000;

/**
 * For the keyboard walk: every group opened from the keyboard, then ~350 Tab presses through the
 * whole page; the browser's focus moves take seconds on a loaded machine.
 */
export const KEY_WALK_MS = 60_000;

export const verdict = (page: Page): Locator => page.getByTestId('verdict');
export const param = (page: Page, path: string): Locator => page.locator(`[data-param="${path}"]`);

/** The id of the run on screen (increases with every request). */
export async function runId(page: Page): Promise<number> {
  return Number(await verdict(page).getAttribute('data-run'));
}

/**
 * Waits until a run newer than `after` has finished and returns its id. Within the test's own time
 * (30 s by default): a run of a small scenario takes a fraction of a second; a run that never
 * finishes still fails.
 */
export async function waitForRun(page: Page, after = 0, timeout = 0): Promise<number> {
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

/**
 * Presses Tab n times, as the keyboard does (Chromium's own key events, so the browser moves the
 * focus), sent in one batch: one round trip for all of them, not two per press.
 */
export async function pressTab(page: Page, n: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  const sent: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++)
    sent.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...tab }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab }),
    );
  await Promise.all(sent);
  await cdp.detach();
}

/** Counts scroll events anywhere in the page from now on (before an action that scrolls). */
export async function watchScroll(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __scrolls: number };
    w.__scrolls = 0;
    document.addEventListener('scroll', () => w.__scrolls++, { capture: true, passive: true });
  });
}

/**
 * Waits until scrolling has stopped: three animation frames in a row without a scroll event (a
 * wheel's scroll shows by the next frame; one that cannot move anything fires none).
 */
export async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as { __scrolls: number };
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let quiet = 0; quiet < 3;) {
      const seen = w.__scrolls;
      await frame();
      quiet = w.__scrolls === seen ? quiet + 1 : 0;
    }
  });
}

/**
 * A record of the page's own database ('cascade'), as stored now, or null: to wait until the page
 * has saved something (poll it), instead of sleeping past the save's delay.
 */
export function storedRecord(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ([store, key]) =>
      new Promise((resolve) => {
        const open = indexedDB.open('cascade');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            return resolve(null);
          }
          const get = db.transaction(store).objectStore(store).get(key);
          get.onsuccess = () => {
            db.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => {
            db.close();
            resolve(null);
          };
        };
      }),
    [store, key] as const,
  );
}
