/** If the engine worker cannot load, the figure says so, offers a retry, and keeps its server-rendered chart. */
import { expect, test } from '@playwright/test';
import { bringIntoView, figure, firstRange } from './helpers.ts';

const id = 'saxe-mode-curves';

test('a blocked worker shows an error and keeps the static figure', async ({ browser, baseURL }) => {
  // Find the worker script's URL from a normal load first, instead of guessing the bundler's file name.
  const probe = await browser.newContext({ baseURL });
  const probePage = await probe.newPage();
  const worker = probePage.waitForEvent('worker', { timeout: 30_000 });
  await probePage.goto('/modes/');
  await bringIntoView(probePage, id);
  await firstRange(probePage, id).focus();
  const workerUrl = (await worker).url();
  await probe.close();
  expect(workerUrl).toContain('worker');

  const context = await browser.newContext({ baseURL });
  const blocked: string[] = [];
  await context.route(
    (url) => url.href === workerUrl,
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await firstRange(page, id).focus();
  await page.keyboard.press('ArrowRight');
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  expect(blocked.length).toBeGreaterThan(0);
  await expect(fig.locator('.ld-error')).toBeVisible();
  await expect(fig.locator('.ld-error-message')).toHaveText(/\S/);
  await expect(fig.locator('.ld-error button[data-action="retry"]')).toBeVisible();
  await expect(fig.locator('.ld-chart > svg, .ld-chart svg').first()).toBeVisible();

  // Once the worker can load again, Retry starts a fresh worker and the figure finishes its run.
  await context.unrouteAll();
  await fig.locator('.ld-error button[data-action="retry"]').click();
  await expect(fig).toHaveAttribute('data-state', /^(done|diverged)$/, { timeout: 90_000 });
  await expect(fig.locator('.ld-error')).toBeHidden();
  await context.close();
});
