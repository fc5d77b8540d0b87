/** Every page loads cleanly: no console errors or warnings, no page errors, no failed requests, no KaTeX errors. */
import { expect, test } from '@playwright/test';
import { hydrateAll, PAGES, recordProblems, recordRequests } from './helpers.ts';

for (const p of PAGES) {
  test(`${p.name} page loads without errors`, async ({ page, context }) => {
    const problems = recordProblems(page);
    const requests = recordRequests(context);
    const response = await page.goto(`/${p.path}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    // Scroll every figure into view so that hydration, the worker and its backend have loaded too.
    await hydrateAll(page);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    for (const id of p.figures) await expect(page.locator(`ld-figure#${id}`)).toHaveCount(1);
    expect(problems, problems.join('\n')).toEqual([]);
    const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
}

test('the chapter typesets its math at build time', async ({ page }) => {
  await page.goto('/modes/');
  await expect(page.locator('.katex').first()).toBeAttached();
  await expect(page.locator('.katex-error')).toHaveCount(0);
});

test('an unknown path gets the 404 page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto('/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1').first()).toBeVisible();
  // A way back to the book.
  await expect(page.locator('a[href="/"]').first()).toBeAttached();
  expect(errors).toEqual([]);
});
