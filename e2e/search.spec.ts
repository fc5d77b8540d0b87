/** Pagefind search from the header (issue 8, item 8), at / and under the GitHub Pages sub-path. */
import { expect, test, type Page } from '@playwright/test';
import { recordProblems, recordRequests, SUB_BASE } from './helpers.ts';

async function search(page: Page, term: string) {
  // The box loads Pagefind's search API on first use; the "/" key focuses it.
  await page.keyboard.press('/');
  await expect(page.locator('.ld-search input:focus')).toHaveCount(1);
  await page.keyboard.type(term);
  return page.locator('.ld-search-result-link');
}

test('searching a term finds the chapter that explains it, with keyboard only', async ({ page, context }) => {
  const problems = recordProblems(page);
  const requests = recordRequests(context);
  await page.goto('/modes/');
  const links = await search(page, 'hyperbola');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toContain('/failure/');
  // Chapter text only: the landing page is not indexed.
  expect(hrefs).not.toContain('/');
  // Tab from the box reaches the first result.
  for (let i = 0; i < 4 && !(await links.first().evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(links.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/failure\/$/);
  expect(problems, problems.join('\n')).toEqual([]);
  const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
});

test('search works under the sub-path, with results and files under it', async ({ page, context, baseURL }) => {
  // The sub-path build is served on the next port (playwright.config.ts).
  const port = Number(new URL(baseURL!).port) + 1;
  const origin = `http://127.0.0.1:${port}`;
  const requests = recordRequests(context);
  await page.goto(`${origin}${SUB_BASE}depth/`);
  const links = await search(page, 'hyperbola');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toContain(`${SUB_BASE}failure/`);
  const pagefind = requests.filter((r) => r.url.includes('/pagefind/'));
  expect(pagefind.length).toBeGreaterThan(0);
  for (const r of pagefind) expect(r.url.startsWith(`${origin}${SUB_BASE}pagefind/`), r.url).toBe(true);
  const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
});
