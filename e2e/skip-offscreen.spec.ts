/**
 * Off-screen prose skips rendering at the size it was last laid out at (site/lib/skip-offscreen.ts): every block
 * must be as tall as without it, and a link to a section must land on the section and stay there.
 */
import { expect, test } from '@playwright/test';
import { PAGES } from './helpers.ts';

// Jumps are instant with reduced motion (the site scrolls smoothly otherwise), so the landing can be read at once.
test.use({ reducedMotion: 'reduce' });

const skipping = (page: import('@playwright/test').Page) => page.locator('html.ld-skip-offscreen');

for (const p of PAGES) {
  test(`${p.name}: every block of prose that skips rendering is as tall as it is laid out in full`, async ({ page }) => {
    await page.goto(`/${p.path}`);
    await expect(skipping(page)).toHaveCount(1);
    // Block by block (the figures, which never skip, may still be changing as they start).
    const heights = () => page.locator('.ld-prose > :not(ld-figure)').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
    const skipped = await heights();
    await page.evaluate(() => document.documentElement.classList.remove('ld-skip-offscreen'));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped, 'block heights with and without skipping').toEqual(await heights());
  });
}

test('a link to a section lands on it, and nothing moves afterwards; after a resize too', async ({ page }) => {
  await page.goto('/modes/');
  const heading = page.locator('h2.ld-heading').nth(3);
  const id = await heading.getAttribute('id');
  await expect(skipping(page)).toHaveCount(1);
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 720 });
    // A resize turns skipping off (sizes are stale at a new width) and on again two frames later.
    await page.waitForTimeout(300);
    await expect(skipping(page)).toHaveCount(1);
    await page.evaluate((id) => (location.hash = `#${id}`), id);
    await expect(heading).toBeInViewport();
    const at = (await heading.boundingBox())!.y;
    await page.waitForTimeout(500);
    expect((await heading.boundingBox())!.y, `heading position at width ${width}`).toBeCloseTo(at, 0);
    // Where the heading's scroll-margin-top (1rem) puts it.
    expect(at, `heading lands at its scroll margin at width ${width}`).toBeCloseTo(16, 0);
    await page.evaluate(() => scrollTo(0, 0));
    await page.evaluate(() => (location.hash = ''));
  }
});
