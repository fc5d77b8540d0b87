/** On a phone the pages never scroll sideways. */
import { expect, test } from '@playwright/test';
import { hydrateAll, PAGES } from './helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const p of PAGES) {
  test(`${p.name} page has no horizontal scroll at 390×844`, async ({ page }) => {
    await page.goto(`/${p.path}`);
    await hydrateAll(page);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
  });
}
