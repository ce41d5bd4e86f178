import { test, expect, param, TINY } from './fixtures.ts';

// A control's description says where its default comes from; a typical default also shows its plausible range.
test('help text names the source, and the plausible range of a typical default', async ({ page }) => {
  await page.goto(TINY);
  const describedBy = async (path: string) => {
    const id = await param(page, path).getAttribute('aria-describedby');
    return page.locator(`[id="${id}"]`);
  };
  const disk = await describedBy('hypervisor.diskReadMBps');
  await expect(disk).toContainText(/Plausible 550 to 6,?500 MB\/s: /);
  const hung = await describedBy('hypervisor.hungTaskTimeoutSeconds');
  await expect(hung).toContainText('kernel/hung_task.c');
  await expect(hung).not.toContainText('Plausible');
});
