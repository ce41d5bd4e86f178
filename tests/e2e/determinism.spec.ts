// Determinism across engines and threads: the run the browser's worker makes gives exactly the
// verdict line that the core computes here in Node for the same link (scenario and seed).
import { runScenario } from '../../src/core/index.ts';
import { decodeLink } from '../../src/scenario/index.ts';
import { test, expect, verdict, waitForRun } from './fixtures.ts';

for (const query of [
  '?v=1&preset=workshop-outage&fleet.hypervisors=3&fleet.zones=1&seed=1',
  '?v=1&preset=workshop-outage&fleet.hypervisors=3&fleet.zones=1&seed=7',
  // 20 of the 40 hosts: QEMU still aborts (the chain the verdict spells out)
  '?v=1&preset=clevercloud-2022-04&fleet.hypervisors=20&fleet.zones=2&seed=1',
] as const) {
  test(`the browser's run of ${query} matches the core in Node`, async ({ page }) => {
    const { scenario, issues } = decodeLink(query);
    expect(issues).toEqual([]);
    const s = runScenario(scenario).summary;
    await page.goto(`./${query}`);
    await waitForRun(page);
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
