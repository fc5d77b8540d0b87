/** Without JavaScript every figure is still there: its default state is rendered into the HTML at build. */
import { expect, test } from '@playwright/test';
import { PAGES } from './helpers.ts';

test.use({ javaScriptEnabled: false });

for (const p of PAGES) {
  test(`${p.name} page shows its figures without JavaScript`, async ({ page }) => {
    await page.goto(`/${p.path}`);
    for (const id of p.figures) {
      const chart = page.locator(`ld-figure#${id} .ld-chart`);
      await expect(chart).toHaveAttribute('aria-label', /\S/);
      await expect(chart.locator('svg').first()).toBeVisible();
      // Controls that would do nothing are hidden, and the figure says why.
      await expect(page.locator(`ld-figure#${id} .ld-controls`)).toBeHidden();
      await expect(page.locator(`ld-figure#${id} .ld-actions`)).toBeHidden();
      await expect(page.locator(`ld-figure#${id} .ld-noscript`)).toBeVisible();
    }
  });
}
