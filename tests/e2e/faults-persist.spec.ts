// The fault drill, saved work (issue 16): a reload right after an edit, two tabs, a newer
// database in another tab, a full quota, a huge fleet from every path. Each asserts what the
// user sees and that nothing they made is lost.
import { test, expect, verdict, param, waitForRun, setValue, storedRecord, PAGE_LOADS_MS, TINY } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** A scenario whose link is longer than the limit: 200 events with long minute values. */
const LONG_SCENARIO = JSON.stringify({
  preset: 'workshop-outage',
  title: 'Two hundred outages',
  fleet: { hypervisors: 3, zones: 1 },
  durationMinutes: 1000,
  events: Array.from({ length: 200 }, (_, i) => ({
    kind: 'messagingOutage',
    atMinute: i * 4 + 0.123456789,
    durationMinutes: 1.23456789,
  })),
});

// every test here reloads the page or opens a second tab: reloads while saving are the point
test.describe.configure({ timeout: PAGE_LOADS_MS });

async function importFile(page: Page, text: string): Promise<void> {
  await page
    .getByTestId('import')
    .setInputFiles({ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('an edit followed at once by a reload survives, with a scenario too long for a link', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  await importFile(page, LONG_SCENARIO);
  await expect(page.getByTestId('event-row')).toHaveCount(200);
  // too long for a link: the address bar falls back to the bare path, the draft is the only copy
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await param(page, 'fleet.hypervisors').fill('7');
  await param(page, 'fleet.hypervisors').blur();
  await page.reload(); // no wait: the old page had no time to store the draft in IndexedDB
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('7');
  await expect(page.getByTestId('event-row')).toHaveCount(200);
  await expect(page.locator('h1')).toContainText('Two hundred outages');
  // and the draft reached IndexedDB too: a second reload (after the first stored it) still has it
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', /saved|none/);
  await expect
    .poll(async () => {
      const draft = (await storedRecord(page, 'draft', 'current')) as { scenario?: { fleet: { hypervisors: number } } };
      return draft?.scenario?.fleet.hypervisors;
    })
    .toBe(7);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('7');
});

test('two tabs: the last edit wins; a newer build in another tab stops saving here without losing work', async ({
  page,
  context,
}) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 2);
  await waitForRun(page, first);

  const other = await context.newPage();
  await other.goto('./');
  await expect(param(other, 'fleet.hypervisors')).toHaveValue('2');
  // the other tab upgrades the database (a newer build): this tab steps aside and says why
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('cascade', 1000);
        r.onsuccess = () => {
          r.result.close();
          resolve();
        };
        r.onerror = () => reject(r.error);
      }),
  );
  await expect(page.getByTestId('saving-off')).toContainText('A newer version of Cascade was opened in another tab');
  await setValue(page, 'fleet.hypervisors', 1);
  await expect(verdict(page)).toContainText(/of 1 hypervisors? panicked/);
  await other.close();

  // reloading this (older) build cannot open the newer database: it says so, and keeps the edit
  await page.reload();
  await expect(page.getByTestId('saving-off')).toContainText(
    'written by a newer version of Cascade than this page: saving is off here and nothing saved was changed',
  );
  await expect(page.getByTestId('saving-off')).not.toContainText('another tab');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('1');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('cascade');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
});

test('a full quota: saving is off with the reason, the work stays, saving resumes when space is back', async ({
  page,
}) => {
  // IndexedDB refuses writes the way a full origin quota does (Chromium's quota override does not
  // bite in a test profile, so the refusal is injected at the API: every put raises
  // QuotaExceededError while window.__full is set). localStorage has its own quota and still works.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((window as unknown as { __full?: boolean }).__full)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    (window as unknown as { __full?: boolean }).__full = sessionStorage.getItem('full') === '1';
  });
  await page.goto(TINY);
  const first = await waitForRun(page);
  await page.evaluate(() => {
    sessionStorage.setItem('full', '1');
    (window as unknown as { __full: boolean }).__full = true;
  });
  await setValue(page, 'fleet.hypervisors', 2);
  await waitForRun(page, first);
  await expect(page.getByTestId('saving-off')).toContainText(
    'The browser storage is full: saving is off. Delete saved runs or scenarios to free space.',
  );
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
  // a reload while the storage is full: the edit is still there (the journal holds it)
  await page.goto('./');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');
  const again = await waitForRun(page);
  // space is back: the next write succeeds and the notice goes
  await page.evaluate(() => {
    sessionStorage.removeItem('full');
    (window as unknown as { __full: boolean }).__full = false;
  });
  await setValue(page, 'fleet.hypervisors', 4);
  await waitForRun(page, again);
  await expect(page.getByTestId('saving-off')).toHaveCount(0);
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
});

test('a huge fleet asks before running from an import, the saved draft, typing and a sweep', async ({ page }) => {
  await page.goto(TINY);
  const first = await waitForRun(page);
  const confirm = page.getByTestId('confirm-run');

  // typing 5,000 hypervisors (clamped to the largest fleet, still huge)
  await setValue(page, 'fleet.hypervisors', 5000);
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(/Run this fleet of 2\d\d,\d\d\d VMs/);
  // the page decided to ask instead of running: no run was requested
  expect(Number(await verdict(page).getAttribute('data-run'))).toBe(first);

  // the saved draft (a reload) asks again
  await page.goto('./');
  await expect(confirm).toBeVisible();
  await expect(param(page, 'fleet.hypervisors')).not.toHaveValue('12');

  // a sweep started while the confirmation waits asks too, and runs nothing meanwhile
  const sweep = page.getByTestId('sweep');
  await sweep.getByTestId('sweep-run').click();
  await expect(sweep.getByTestId('confirm-sweep')).toContainText(/This sweep has a large fleet/);
  await expect(sweep.getByTestId('sweep-status')).toHaveCount(0);

  // an import of a huge fleet asks
  await page.goto(TINY);
  const small = await waitForRun(page);
  await importFile(page, JSON.stringify({ preset: 'workshop-outage', fleet: { hypervisors: 3000 } }));
  await expect(confirm).toBeVisible();
  expect(Number(await verdict(page).getAttribute('data-run'))).toBe(small);
  // a smaller fleet runs without asking
  await setValue(page, 'fleet.hypervisors', 6);
  await waitForRun(page, small);
  await expect(confirm).toHaveCount(0);
});

test('a blocked database: when it clears, the draft loads and edits made meanwhile are stored', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_MS); // the page loaded four times
  // the app's open is held as "blocked" (another tab on an older version would do this) until
  // window.__unblock(): the request's blocked handler runs first, its success handler only then
  await page.addInitScript(() => {
    if (sessionStorage.getItem('block') !== '1') return;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
      const req = open.apply(this, args);
      let onsuccess: ((ev: Event) => void) | null = null;
      let fired: Event | null = null;
      let released = false;
      const w = window as unknown as { __unblock: () => void };
      w.__unblock = () => {
        released = true;
        if (fired && onsuccess) onsuccess.call(req, fired);
      };
      Object.defineProperty(req, 'onsuccess', {
        set(fn: (ev: Event) => void) {
          onsuccess = fn;
        },
      });
      Object.defineProperty(req, 'onblocked', {
        set(fn: (ev: Event) => void) {
          setTimeout(() => fn.call(req, new Event('blocked')), 0);
        },
      });
      req.addEventListener('success', (ev) => {
        fired = ev;
        if (released && onsuccess) onsuccess.call(req, ev);
      });
      return req;
    };
  });
  // a draft in IndexedDB only (no journal): 2 hypervisors
  await page.goto(TINY);
  const first = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 2);
  await waitForRun(page, first);
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.setItem('block', '1');
  });

  // blocked at load: the page says so and starts on the default preset
  await page.goto('./');
  await expect(page.getByTestId('saving-off')).toContainText('Another Cascade tab is using an older version');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('12');
  await waitForRun(page);
  // it clears: the draft is read now and shown (nothing was edited meanwhile)
  await page.evaluate(() => (window as unknown as { __unblock: () => void }).__unblock());
  await expect(page.getByTestId('saving-off')).toHaveCount(0);
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('2');

  // blocked again; an edit made while blocked is stored when it clears
  await page.goto('./');
  await expect(page.getByTestId('saving-off')).toBeVisible();
  const blocked = await waitForRun(page);
  await setValue(page, 'fleet.hypervisors', 4);
  await waitForRun(page, blocked);
  await page.evaluate(() => (window as unknown as { __unblock: () => void }).__unblock());
  await expect(page.getByTestId('saving-off')).toHaveCount(0);
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('4');
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.removeItem('block');
  });
  await page.goto('./');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('4');
});

test('a scenario file nested 100,000 levels deep imports with a notice naming the path', async ({ page }) => {
  await page.goto(TINY);
  await waitForRun(page);
  await importFile(page, '{"fleet":{"hypervisors":6},"x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
  await expect(page.getByTestId('link-notice')).toContainText('x');
  await expect(param(page, 'fleet.hypervisors')).toHaveValue('6');
  const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
  await importFile(page, deep);
  await expect(page.getByTestId('link-notice')).toContainText('nested more than 32 levels deep; ignored');
});
