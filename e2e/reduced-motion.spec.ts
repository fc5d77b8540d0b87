/** With prefers-reduced-motion, a rerun shows its final frame without animating through the others. */
import { expect, test } from '@playwright/test';
import { bringIntoView, figure, firstRange, runs, settle, waitForFigureDone } from './helpers.ts';

test.use({ reducedMotion: 'reduce' });

test('a rerun goes straight to its final frame', async ({ page }) => {
  const id = 'saxe-mode-curves';
  await page.goto('/modes/');
  await bringIntoView(page, id);
  await firstRange(page, id).focus();
  await settle(page, id);
  // Count the chart updates (digest changes) between the key press and the end of the run.
  await figure(page, id).evaluate((el) => {
    const w = window as unknown as { __digests: string[] };
    w.__digests = [];
    new MutationObserver(() => w.__digests.push(el.getAttribute('data-digest') ?? '')).observe(el, {
      attributes: true,
      attributeFilter: ['data-digest'],
    });
  });
  const before = await runs(page, id);
  await page.keyboard.press('ArrowRight');
  await waitForFigureDone(page, id, before);
  const digests = await page.evaluate(() => (window as unknown as { __digests: string[] }).__digests);
  // Exactly one picture: the final frame (none would mean the rerun was never drawn).
  expect(new Set(digests).size, `chart updates during the run: ${digests.join(', ')}`).toBe(1);
});
