// Determinism across engines and threads: the run the browser's worker makes gives exactly the
// verdict line that the core computes here in Node for the same scenario and seed.
import { runScenario } from '../../src/core/index.ts';
import { loadPreset } from '../../src/scenario/index.ts';
import { test, expect, verdict, waitForRun } from './fixtures.ts';

for (const [preset, seed] of [
  ['workshop-outage', 1],
  ['workshop-outage', 7],
  ['clevercloud-2022-04', 1],
] as const) {
  test(`the browser's run of ${preset} (seed ${seed}) matches the core in Node`, async ({ page }) => {
    const scenario = { ...loadPreset(preset)!, seed };
    const s = runScenario(scenario).summary;
    await page.goto(`./?v=1&preset=${preset}&seed=${seed}`);
    await waitForRun(page, 0, 30_000);
    const banner = verdict(page);
    await expect(banner).toContainText(`${s.hypervisors.panicked} of ${s.hypervisors.total} hypervisors panicked`);
    await expect(banner).toContainText(`${s.vms.thrashedAtLeastOnce} thrashed, ${s.vms.oomKills} OOM kills`);
    // the cause chain, word for word
    await expect(banner).toContainText(
      s.verdict
        .slice(s.verdict.lastIndexOf(': ') + 2)
        .trim()
        .replace(/\.$/, ''),
    );
  });
}
