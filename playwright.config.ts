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
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    // the build registers a service worker; each test's context is fresh, and only offline.spec.ts
    // allows it, so no test is served a cached build from an earlier run on the same port
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'chromium', testIgnore: /perf\.spec\.ts/, use: browser },
    // timings are printed by a project that runs alone, after the others, on an idle machine
    { name: 'perf', testMatch: /perf\.spec\.ts/, dependencies: ['chromium'], use: browser },
  ],
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
