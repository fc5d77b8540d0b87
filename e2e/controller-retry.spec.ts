/**
 * If the figure's interactive code cannot be fetched (offline, a flaky network), the figure keeps its
 * static chart with a message; Retry, once the network is back, loads it and the figure works.
 */
import { expect, test } from '@playwright/test';
import { figure, firstRange, waitForFigureDone } from './helpers.ts';

const id = 'saxe-phase-portrait';

test('Retry after the controller failed to load makes the figure work', async ({ page }) => {
  let blocked = 0;
  await page.route(/figure-controller.*\.js$/, (route) => {
    blocked++;
    return route.abort();
  });
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  expect(blocked).toBeGreaterThan(0);
  await expect(fig.locator('.ld-error-message')).toHaveText(/could not be loaded/);
  // Still offline: Retry fails again, with the message, and does not wedge the figure.
  await fig.locator('.ld-error button[data-action="retry"]').click();
  await expect(fig).toHaveAttribute('data-state', 'error');

  await page.unrouteAll();
  await fig.locator('.ld-error button[data-action="retry"]').click();
  await expect(fig).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(fig.locator('.ld-error')).toBeHidden();
  const input = firstRange(page, id);
  await input.focus();
  await page.keyboard.press('ArrowRight');
  await waitForFigureDone(page, id, 0);
});
