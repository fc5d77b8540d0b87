/** axe finds no violations on any page, in light and dark themes, after the figures have hydrated. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { hydrateAll, PAGES } from './helpers.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  for (const p of PAGES) {
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
