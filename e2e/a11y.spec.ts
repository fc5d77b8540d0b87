/** axe finds no violations on any page, in light and dark themes, after the figures have hydrated. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { figure, hydrateAll, PAGES, settle } from './helpers.ts';

/** Beyond the chapters: the figure gallery, one figure page and its embed view (e2e/figure-pages.spec.ts). */
const FIGURE_PAGES = [
  { path: 'figures/', name: 'gallery' },
  { path: 'figures/saxe-random-spectra/', name: 'figure' },
  { path: 'figures/saxe-random-spectra/?embed', name: 'embedded figure' },
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const p of [...PAGES, ...FIGURE_PAGES]) {
    test(`${p.name} page has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(`/${p.path}`);
      await hydrateAll(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
      expect(report, report.join('\n')).toEqual([]);
    });
  }
}

test('the Share dialog has no axe violations', async ({ page }) => {
  const id = 'saxe-mode-curves';
  await page.goto(`/figures/${id}/`);
  await settle(page, id);
  await figure(page, id).locator('button[data-action="share"]').click();
  await expect(figure(page, id).locator('dialog.ld-share')).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('dialog.ld-share').analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
