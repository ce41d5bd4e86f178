// Browser discovery for the Playwright tests (issue 16): the order, and one line when none is found.
import { describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { HEADLESS_SHELL, HOW_TO_GET_ONE, findChromium } from '../../browser.ts';

const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('findChromium', () => {
  const own = chromium.executablePath();
  it('takes CHROMIUM_PATH first, and says so when it does not exist', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c' }, only('/opt/c', own, '/usr/bin/chromium'))).toEqual({
      path: '/opt/c',
      from: 'CHROMIUM_PATH',
    });
    const r = findChromium({ CHROMIUM_PATH: '/opt/c' }, only('/usr/bin/chromium'));
    expect(r).toEqual({ error: expect.stringContaining('CHROMIUM_PATH=/opt/c does not exist') });
  });

  it("then Playwright's own browser, then Debian's headless shell, then /usr/bin/chromium, then PATH", () => {
    expect(findChromium({}, only(own, HEADLESS_SHELL, '/usr/bin/chromium'))).toMatchObject({ path: own });
    expect(findChromium({}, only(HEADLESS_SHELL, '/usr/bin/chromium'))).toMatchObject({ path: HEADLESS_SHELL });
    expect(findChromium({}, only('/usr/bin/chromium', '/x/chromium'))).toMatchObject({ path: '/usr/bin/chromium' });
    expect(findChromium({ PATH: '/a:/x' }, only('/x/chromium-browser'))).toEqual({
      path: '/x/chromium-browser',
      from: 'PATH',
    });
  });

  it('with none, one line saying how to get one', () => {
    const r = findChromium({ PATH: '/a' }, only());
    expect(r).toEqual({ error: HOW_TO_GET_ONE });
    expect(HOW_TO_GET_ONE).not.toContain('\n');
    expect(HOW_TO_GET_ONE).toMatch(/npx playwright install chromium.*apt-get install chromium/);
  });
});
