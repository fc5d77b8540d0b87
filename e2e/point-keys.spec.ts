/** The phase-plane start points move with the arrow keys; quick repeated presses all count. */
import { expect, test } from '@playwright/test';
import { figure, waitForFigureDone } from './helpers.ts';

const id = 'tachet-phase-diagram';

test('arrow keys on a start point move it, each press from the latest position', async ({ page }) => {
  await page.goto('/failure/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await fig.focus();
  const handle = fig.locator('.ld-point-key').first();
  await expect(handle).toBeVisible({ timeout: 30_000 });
  await handle.focus();
  // Two presses in the same task, so no redraw can come between them: c1 = (z0, y0) moves from −0.8 by 2 × 0.05.
  await handle.evaluate((el) => {
    for (let i = 0; i < 2; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  });
  await waitForFigureDone(page, id, 0);
  await expect.poll(() => new URL(page.url()).searchParams.get(`${id}.z0`)).toBe('-0.7');
  await expect(fig.locator(`input[name="z0"]`)).toHaveAttribute('aria-valuetext', '-0.7');
});
