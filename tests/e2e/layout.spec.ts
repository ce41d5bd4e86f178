// Layout measured in the browser at three sizes: the document never scrolls into blank space,
// the header stays on screen, nothing overflows sideways, and a phone shows the verdict first.
// Screenshots go to test-results/layout/ for a person to look at.
import { test, expect, waitForRun, verdict, scrollSettled, watchScroll, TINY } from './fixtures.ts';
import type { Page } from '@playwright/test';

const SIZES = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'laptop', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Measure {
  docHeight: number;
  viewport: number;
  scrollWidth: number;
  clientWidth: number;
  /** elements wider than their scrolling column, by test id or tag */
  sideOverflow: number;
}

async function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const de = document.documentElement;
    const side = document.querySelector<HTMLElement>('.side')!;
    return {
      docHeight: de.scrollHeight,
      viewport: window.innerHeight,
      scrollWidth: de.scrollWidth,
      clientWidth: de.clientWidth,
      sideOverflow: side.scrollWidth - side.clientWidth,
    };
  });
}

/** the header's box relative to the viewport */
const headerBox = (page: Page) =>
  page.locator('header.top').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    // the default page and a lesson as they open, and the sweep tab on a small fleet
    for (const url of ['./', `${TINY}&tab=sweep`, './?lesson=the-outage']) {
      test(`no blank scroll, header on screen, no sideways overflow: ${url}`, async ({ page }) => {
        await page.goto(url);
        await waitForRun(page);
        // open every parameter group: the longest sidebar
        const closed = page.locator('details[data-group]:not([open]) > summary');
        while ((await closed.count()) > 0) await closed.first().click();
        const m = await measure(page);
        expect(m.scrollWidth, 'document scrollWidth <= clientWidth').toBeLessThanOrEqual(m.clientWidth);
        expect(m.sideOverflow, 'parameter panel overflows sideways').toBeLessThanOrEqual(0);
        if (size.name !== 'phone') {
          // the app fits the viewport: the document has nothing to scroll
          expect(m.docHeight).toBe(m.viewport);
        }
        // wheel over the header and over the results, far past the end
        await watchScroll(page);
        await page.mouse.move(size.width / 2, 10);
        await page.mouse.wheel(0, 20_000);
        await page.mouse.move(size.width - 20, size.height / 2);
        await page.mouse.wheel(0, 50_000);
        await scrollSettled(page);
        const h = await headerBox(page);
        expect(h.top, 'header top on screen').toBeGreaterThanOrEqual(0);
        expect(h.bottom).toBeLessThan(size.height / 2);
        await expect(page.getByTestId('run')).toBeInViewport();
        await expect(page.getByTestId('share')).toBeInViewport();
        // past the end of the content there is no blank viewport: something is drawn at the bottom
        const blank = await page.evaluate(() => {
          const y = window.innerHeight - 5;
          const el = document.elementFromPoint(window.innerWidth / 2, y);
          return el === document.documentElement || el === document.body;
        });
        expect(blank, 'blank space at the bottom of the viewport').toBe(false);
        const slug =
          url
            .replace(/fleet\.\w+=\d+&?/g, '')
            .replace(/[^a-z]+/g, '-')
            .replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: `test-results/layout/${size.name}-${slug}.png` });
      });
    }

    test('tabbing through the parameters never slides the panel sideways', async ({ page }) => {
      await page.goto(TINY);
      await waitForRun(page);
      await page.locator('[data-param="hypervisor.hungTaskPanic"]').focus();
      await expect(page.locator('[data-param="hypervisor.hungTaskPanic"]')).toBeInViewport();
      const scrolled = await page.evaluate(() => {
        let x = document.documentElement.scrollLeft;
        for (const el of document.querySelectorAll<HTMLElement>('.side, .side *')) x = Math.max(x, el.scrollLeft);
        return x;
      });
      expect(scrolled).toBe(0);
    });
  });
}

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the verdict and charts come before the lesson and the parameters, in one column', async ({ page }) => {
    await page.goto('./');
    await waitForRun(page);
    const top = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => el.getBoundingClientRect().top + scrollY);
    const v = await top('[data-testid="verdict"]');
    const charts = await top('#sec-charts');
    expect(v).toBeLessThan(844);
    expect(charts).toBeLessThan(await top('[data-testid="lessons"]'));
    expect(v).toBeLessThan(await top('[data-param]'));
    // one column: the verdict and the parameter panel are as wide as each other, within the screen
    const w = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => el.getBoundingClientRect().width);
    expect(await w('[data-testid="verdict"]')).toBeGreaterThan(330);
    expect(await w('[data-testid="verdict"]')).toBeLessThanOrEqual(390);
    // inputs sit on screen horizontally
    const offscreen = await page.locator('.side input, .side select').evaluateAll((els) =>
      els
        .map((e) => ({ p: e.getAttribute('data-param') ?? e.id, b: e.getBoundingClientRect() }))
        .filter(({ b }) => b.width > 0 && (b.left < 0 || b.right > window.innerWidth))
        .map(({ p }) => p),
    );
    expect(offscreen, 'inputs off screen sideways').toEqual([]);
    await expect(verdict(page)).toBeInViewport();
    await page.screenshot({ path: 'test-results/layout/phone-top.png' });
    await page.locator('#sec-scenario').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/layout/phone-params.png' });
  });

  test('the incident timeline reads on a phone: the text of each entry spans the card, not one letter a line', async ({
    page,
  }) => {
    // the 2024 replay's timeline is its preset's, whatever the fleet: 4 hosts run quickly
    await page.goto('./?preset=clevercloud-2024-08-02&fleet.hypervisors=4&fleet.zones=2');
    await waitForRun(page);
    const timeline = page.getByTestId('incident-timeline');
    await timeline.scrollIntoViewIfNeeded();
    const widths = await timeline.evaluate((el) => {
      const card = el.getBoundingClientRect().width;
      const what = [...el.querySelectorAll('tbody tr td:last-child')].map((td) => td.getBoundingClientRect().width);
      return { card, narrowest: Math.min(...what) };
    });
    expect(widths.narrowest).toBeGreaterThan(widths.card * 0.7);
    await page.screenshot({ path: 'test-results/layout/phone-timeline.png' });
  });

  test('a section link scrolls it below the sticky header', async ({ page }) => {
    await page.goto(TINY);
    await waitForRun(page);
    await watchScroll(page);
    await page.getByRole('link', { name: 'Parameters' }).click();
    await scrollSettled(page);
    const h = await headerBox(page);
    const side = await page.locator('#sec-scenario').evaluate((el) => el.getBoundingClientRect().top);
    expect(side).toBeGreaterThanOrEqual(h.bottom - 1);
    expect(side).toBeLessThan(h.bottom + 40);
  });
});
