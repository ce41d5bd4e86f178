// npm run bench:page: how the built page performs in Chromium, measured with Playwright and printed.
// Machines differ (and a shared one swings with its load): figures, no pass or fail. Speed is
// measured here and by `npm run bench`, never asserted by a test.
//
// Builds the site, serves it with vite preview on PW_PORT (default 4173), then measures:
//   1. load to the first verdict, and a parameter change to the new verdict (250 ms debounce included);
//   2. an edit's own main-thread task, and the address bar written outside it (issue 11);
//   3. the longest main-thread tasks while a big fleet (2,000 hosts) runs, scrubs and opens a story;
//   4. How sure? with 32 worlds of the 2024 preset, click to result (issue 25's aim: under 15 s), with
//      the CPU seconds the browser spent meanwhile (Linux), which a loaded machine inflates less.
// The browser is the one the browser tests use (tests/browser.ts).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../browser.ts';

const PORT = Number(process.env.PW_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT}/`;

type Task = { start: number; ms: number };

/** Waits until a run newer than `after` is done on the page; returns its id. */
async function waitForRun(page: Page, after = 0): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const v = document.querySelector('[data-testid="verdict"]');
      const run = Number(v?.getAttribute('data-run'));
      return run > after && v?.getAttribute('data-state') === 'done' ? run : 0;
    },
    after,
    { timeout: 300_000, polling: 100 },
  );
  return Number(await handle.jsonValue());
}

async function setValue(page: Page, path: string, value: string | number): Promise<void> {
  const el = page.locator(`[data-param="${path}"]`);
  await el.fill(String(value));
  await el.blur();
}

/** Records main-thread long tasks from the page's start (and, with urls, every history.replaceState). */
async function recordTasks(page: Page, urls = false): Promise<void> {
  await page.addInitScript((urls) => {
    const w = window as unknown as { longTasks: Task[]; urlWrites: Task[] };
    w.longTasks = [];
    w.urlWrites = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    if (!urls) return;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...a: Parameters<History['replaceState']>) => {
      const t = performance.now();
      replace(...a);
      w.urlWrites.push({ start: t, ms: performance.now() - t });
    };
  }, urls);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const worst = (xs: number[]) => Math.max(0, ...xs);
const ms = (x: number) => `${Math.round(x)} ms`;

async function loadAndRerun(page: Page): Promise<void> {
  await page.goto(BASE);
  await waitForRun(page);
  const firstVerdictMs = await page.evaluate(() => performance.now());
  const workerMs = await page.getByTestId('run-time').getAttribute('data-ms');
  const rerun: number[] = [];
  for (const value of ['drop_newest', 'block', 'drop_newest', 'block']) {
    rerun.push(
      await page.evaluate(async (v) => {
        const verdict = document.querySelector('[data-testid="verdict"]')!;
        const before = Number(verdict.getAttribute('data-run'));
        const select = document.querySelector<HTMLSelectElement>('[data-param="telemetry.buffer.whenFull"]')!;
        const t0 = performance.now();
        select.value = v;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (Number(verdict.getAttribute('data-run')) > before && verdict.getAttribute('data-state') === 'done') {
              observer.disconnect();
              resolve(performance.now() - t0);
            }
          });
          observer.observe(verdict, { attributes: true });
        });
      }, value),
    );
  }
  console.log(`load to first verdict          ${ms(firstVerdictMs)} (the worker's run: ${workerMs} ms)`);
  console.log(`parameter change to verdict    ${rerun.map(ms).join(', ')} (250 ms of each is the debounce)`);
}

async function editTask(page: Page): Promise<void> {
  await recordTasks(page, true);
  await page.goto(BASE);
  await waitForRun(page);
  const r = await page.evaluate(async () => {
    const w = window as unknown as { longTasks: Task[]; urlWrites: Task[] };
    const select = document.querySelector<HTMLSelectElement>('[data-param="telemetry.buffer.whenFull"]')!;
    const edits: { start: number; ms: number; url: number }[] = [];
    for (let k = 0; k < 12; k++) {
      const t0 = performance.now();
      select.value = k % 2 ? 'block' : 'drop_newest';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve(); // the edit's effects (Svelte flushes them in a microtask)
      const t1 = performance.now();
      const url = w.urlWrites.filter((u) => u.start >= t0 && u.start <= t1).reduce((a, u) => a + u.ms, 0);
      edits.push({ start: t0, ms: t1 - t0, url });
      await new Promise((done) => setTimeout(done, 600)); // one edit at a time, as a person makes them
    }
    // (no named helpers in here: tsx names functions with a helper the page does not have)
    return {
      edits: edits.map((e) => ({
        ...e,
        task: w.longTasks.find((t) => t.start <= e.start + 1 && e.start <= t.start + t.ms)?.ms ?? 0,
      })),
      writes: w.urlWrites.length,
    };
  });
  const of = (xs: number[]) => `median ${ms(median(xs))}, worst ${ms(worst(xs))}`;
  console.log(`an edit's handler (12 edits)   ${of(r.edits.map((e) => e.ms))}`);
  console.log(`  its long task                ${of(r.edits.map((e) => e.task))}`);
  console.log(
    `  replaceState inside it       ${of(r.edits.map((e) => e.url))}; ${r.writes} address bar writes in all (1 an edit, later)`,
  );
}

async function bigFleet(page: Page): Promise<void> {
  await recordTasks(page);
  await page.goto(BASE);
  const first = await waitForRun(page);
  const phases: [string, number][] = [['load', 0]];
  const mark = async (name: string) => phases.push([name, await page.evaluate(() => performance.now())]);
  // the way a user makes a big fleet: the mix first (a small fleet re-runs quickly), the hosts last:
  // 2,000 hosts of 4 small VMs (8,000 VMs)
  await mark('edit the fleet');
  for (const [path, value] of [
    ['fleet.vmMix.pico', 3],
    ['fleet.vmMix.nano', 1],
    ['fleet.vmMix.XS', 0],
    ['fleet.vmMix.S', 0],
    ['fleet.vmMix.M', 0],
    ['fleet.zones', 4],
  ] as const)
    await setValue(page, path, value);
  const small = await waitForRun(page, first);
  await mark('run 2,000 hosts');
  await setValue(page, 'fleet.hypervisors', 2000);
  await waitForRun(page, small);
  await mark('scrub 20 steps');
  const scrubber = page.getByTestId('scrubber');
  await scrubber.focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowLeft');
  await mark('open a story');
  await page
    .getByTestId('zone-canvas')
    .first()
    .locator('canvas')
    .click({ position: { x: 3, y: 3 } });
  await page.getByTestId('host-story').waitFor();
  // the story's charts draw in animation frames after it shows: measure 60 frames of it
  await page.evaluate(async () => {
    for (let i = 0; i < 60; i++) await new Promise((done) => requestAnimationFrame(done));
  });
  await mark('end');
  const all = await page.evaluate(() => (window as unknown as { longTasks: Task[] }).longTasks.slice());
  console.log('main-thread long tasks (a big fleet; the aim is ~200 ms at worst):');
  phases.slice(0, -1).forEach(([name, from], i) => {
    const mine = all.filter((t) => t.start >= from && t.start < phases[i + 1][1]);
    console.log(
      `  ${name.padEnd(28)} ${String(mine.length).padStart(3)} tasks, worst ${ms(worst(mine.map((t) => t.ms)))}`,
    );
  });
}

/**
 * CPU seconds (user + system) so far of this process and every process under it (the browser, the
 * preview server), from /proc; null where there is no /proc.
 */
function cpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // after the command's closing parenthesis: state, ppid, ..., utime (12th), stime (13th)
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
      children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), Number(d)]);
    } catch {
      // the process ended while we read
    }
  }
  let sum = 0;
  for (const todo = [process.pid]; todo.length;) {
    const p = todo.pop()!;
    sum += ticks.get(p) ?? 0;
    todo.push(...(children.get(p) ?? []));
  }
  return sum / 100; // USER_HZ
}

/** How sure? on the 2024 preset (its calibrated worlds), 32 of them: the click to the result, in wall time. */
async function howSure(page: Page): Promise<void> {
  await page.goto(`${BASE}?v=4&preset=clevercloud-2024-08-02`);
  await waitForRun(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const box = page.getByTestId('how-sure');
  await box.getByTestId('how-sure-members').selectOption('32');
  const sims = () => page.workers().filter((w) => /sim\.worker/.test(w.url())).length;
  const live = sims();
  let most = live;
  page.on('worker', () => (most = Math.max(most, sims())));
  const cpu0 = cpuSeconds();
  const t0 = await page.evaluate(() => performance.now());
  await box.getByTestId('how-sure-run').click();
  await box.getByTestId('how-sure-result').waitFor({ state: 'visible', timeout: 600_000 });
  const wallMs = (await page.evaluate(() => performance.now())) - t0;
  const cpu1 = cpuSeconds();
  const which = (await box.getByTestId('how-sure-which').textContent())?.split(':')[0];
  console.log(
    `How sure? 32 worlds, 2024       ${ms(wallMs)} (${which}; ${cores} cores, ${most - live} pool workers; the aim is 15 s)`,
  );
  if (cpu0 !== null && cpu1 !== null)
    console.log(
      `  the browser's CPU meanwhile   ${(cpu1 - cpu0).toFixed(1)} s, ${((cpu1 - cpu0) / (wallMs / 1000)).toFixed(2)} cores busy on average`,
    );
}

async function main(): Promise<void> {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  console.log(`bench:page: building, then serving on ${BASE}`);
  const build = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(BASE).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 600 || server.exitCode !== null) throw new Error(`vite preview did not answer on ${BASE}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const browser = await chromium.launch({
      executablePath: found.path,
      args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    try {
      for (const measure of [loadAndRerun, editTask, bigFleet, howSure]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
        await context.addInitScript(() => localStorage.setItem('cascade.guide', 'done'));
        await measure(await context.newPage());
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((e: unknown) => {
  console.error(`bench:page: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
