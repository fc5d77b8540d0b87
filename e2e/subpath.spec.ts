/** Built under a sub-path (as on GitHub Pages), every asset, the worker and the .wasm load from under it. */
import { expect, test } from '@playwright/test';
import { figure, isLocalScheme, nudgeAndWait, recordRequests, SUB_BASE } from './helpers.ts';

test('the chapter works under a sub-path', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests = recordRequests(context);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const response = await page.goto(`${SUB_BASE}modes/`);
  expect(response?.status()).toBe(200);
  const id = 'saxe-mode-curves';
  await nudgeAndWait(page, id);
  await expect(figure(page, id)).toHaveAttribute('data-backend', 'wasm');

  const urls = requests.map((r) => r.url).filter((u) => !isLocalScheme(u));
  const outside = urls.filter((u) => !u.startsWith(origin + SUB_BASE));
  expect(outside, `requests outside ${SUB_BASE}:\n${outside.join('\n')}`).toEqual([]);
  const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  expect(workers.length).toBeGreaterThan(0);
  for (const w of workers) expect(w.startsWith(origin + SUB_BASE), w).toBe(true);
  const wasm = requests.filter((r) => /\.wasm(\?|$)/.test(r.url));
  expect(wasm.length, 'no .wasm was fetched').toBeGreaterThan(0);
  for (const r of wasm) expect(r.status, r.url).toBe(200);
});

test('the 404 page works under a sub-path', async ({ page }) => {
  const response = await page.goto(`${SUB_BASE}no-such-chapter/`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator(`a[href="${SUB_BASE}"]`).first()).toBeAttached();
});

test('a figure page, its gallery and its embed code work under a sub-path', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests = recordRequests(context);
  const id = 'saxe-mode-curves';
  expect((await page.goto(`${SUB_BASE}figures/${id}/`))?.status()).toBe(200);
  await expect(page.locator('.ld-figpage-chapter')).toHaveAttribute('href', `${SUB_BASE}modes/#${id}`);
  await nudgeAndWait(page, id);
  await figure(page, id).locator('button[data-action="share"]').click();
  const snippet = await figure(page, id).locator('dialog.ld-share textarea').inputValue();
  expect(snippet).toContain(`src="${origin}${SUB_BASE}figures/${id}/?embed&amp;${id}.`);
  await page.keyboard.press('Escape');

  expect((await page.goto(`${SUB_BASE}figures/`))?.status()).toBe(200);
  const hrefs = await page.locator('.ld-card a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect(h.startsWith(`${SUB_BASE}figures/`) || h.startsWith(SUB_BASE), h).toBe(true);
  expect((await page.goto(`${SUB_BASE}figures/${id}/?embed`))?.status()).toBe(200);
  await expect(page.locator('body > header')).toBeHidden();

  const outside = requests.map((r) => r.url).filter((u) => !isLocalScheme(u) && !u.startsWith(origin + SUB_BASE));
  expect(outside, `requests outside ${SUB_BASE}:\n${outside.join('\n')}`).toEqual([]);
  const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
});
