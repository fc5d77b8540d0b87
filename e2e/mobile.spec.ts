/** On a phone the pages never scroll sideways, and no chart's text runs past the chart's edge (a cut axis label). */
import { expect, test } from '@playwright/test';
import { hydrateAll, PAGES } from './helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const p of PAGES) {
  test(`${p.name} page has no horizontal scroll and no cut chart text at 390×844`, async ({ page }) => {
    await page.goto(`/${p.path}`);
    await hydrateAll(page);
    // Off-screen prose skips rendering and clips what overflows it (site/lib/skip-offscreen.ts): lay the page out
    // in full, so that a block too wide for the phone shows here as a page that scrolls sideways.
    await page.addStyleTag({ content: '.ld-prose > * { content-visibility: visible !important; }' });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('ld-figure .ld-chart svg')].flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
          })
          .map((t) => `${svg.closest('ld-figure')?.id}: "${t.textContent}"`);
      }),
    );
    expect(cut, 'chart text cut at the chart edge').toEqual([]);
  });
}
