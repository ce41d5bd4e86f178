import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './tests/browser.ts';

// End-to-end tests against the production build, served the way GitHub Pages serves it.
// The browser: CHROMIUM_PATH, Playwright's own, /usr/bin/chromium, chromium on PATH (tests/browser.ts);
// with none, stop here, before the build, with one line saying how to get one.
// PW_PORT lets two checkouts run their suites side by side
const PORT = Number(process.env.PW_PORT ?? 4173);
const found = findChromium();
if ('error' in found) {
  process.stderr.write(`playwright: ${found.error}\n`);
  process.exit(1);
}

const browser = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 720 },
  launchOptions: {
    executablePath: found.path,
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: './tests/e2e',
  // Playwright's own time limits (30 s a test, 5 s an expectation); a test that needs more names why
  fullyParallel: true,
  // two workers on the 2-core CI machine too: most of a browser test is waiting on the page
  workers: 2,
  // one retry in CI, to record the trace of a failure (below); a test that passes only on its retry is
  // reported as flaky, not hidden
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    trace: 'on-first-retry',
    // the build registers a service worker; each test's context is fresh, and only offline.spec.ts
    // allows it, so no test is served a cached build from an earlier run on the same port
    serviceWorkers: 'block',
  },
  projects: [{ name: 'chromium', use: browser }],
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    // the production build comes first (4-12 s alone here), beside the unit lane of npm test
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
