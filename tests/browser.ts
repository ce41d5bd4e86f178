// Which Chromium the browser tests run in, found in this order:
//   1. CHROMIUM_PATH (must exist when set)
//   2. Playwright's own browser (`npx playwright install chromium`)
//   3. /usr/bin/chromium-headless-shell (Debian's `apt-get install chromium-headless-shell`): the
//      old headless mode, without the full browser's GPU, network and storage processes: the
//      browser tests cost about half the Chromium CPU seconds there that they cost in the full one
//   4. /usr/bin/chromium (Debian's package: `apt-get install chromium`)
//   5. chromium / chromium-browser / google-chrome on PATH
// Playwright's config calls findChromium() when it loads, before the web server builds the site,
// so a machine with no browser stops at once with one line saying how to get one.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

export const HOW_TO_GET_ONE =
  'no Chromium found for the browser tests: run `npx playwright install chromium`, or `apt-get install chromium-headless-shell` (Debian; `chromium` works too), or set CHROMIUM_PATH to a Chromium binary';

/** Debian's build of Chromium's headless shell (package chromium-headless-shell). */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export type Found = { path: string; from: string } | { error: string };

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): Found {
  const given = env.CHROMIUM_PATH;
  if (given)
    return exists(given)
      ? { path: given, from: 'CHROMIUM_PATH' }
      : { error: `CHROMIUM_PATH=${given} does not exist; ${HOW_TO_GET_ONE}` };
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && exists(own)) return { path: own, from: "Playwright's own browser" };
  if (exists(HEADLESS_SHELL)) return { path: HEADLESS_SHELL, from: "Debian's headless shell" };
  if (exists('/usr/bin/chromium')) return { path: '/usr/bin/chromium', from: '/usr/bin/chromium' };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of ['chromium', 'chromium-browser', 'google-chrome'])
      if (exists(join(dir, name))) return { path: join(dir, name), from: 'PATH' };
  return { error: HOW_TO_GET_ONE };
}
