/** Nothing leaves the site's own origin: no CDN, no web fonts, no analytics; the worker and .wasm are self-hosted. */
import { expect, test } from '@playwright/test';
import { hydrateAll, isLocalScheme, nudgeAndWait, PAGES, recordRequests } from './helpers.ts';

test('every request stays on the site origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests = recordRequests(context);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  for (const p of PAGES) {
    await page.goto(`/${p.path}`);
    await hydrateAll(page);
    // A rerun makes sure the worker and its backend (.wasm) have been fetched.
    await nudgeAndWait(page, p.figures[0]);
  }
  const urls = requests.map((r) => r.url).filter((u) => !isLocalScheme(u));
  const foreign = urls.filter((u) => new URL(u).origin !== origin);
  expect(foreign, `requests to other origins:\n${foreign.join('\n')}`).toEqual([]);
  // The check above covered the worker script, the WebAssembly binary and the (KaTeX) fonts too.
  expect(workers.length, 'no worker started').toBeGreaterThan(0);
  for (const w of workers) expect(urls, `the worker script ${w} was not recorded`).toContain(w);
  expect(urls.some((u) => /\.wasm(\?|$)/.test(u)), `no .wasm request among:\n${urls.join('\n')}`).toBe(true);
  expect(urls.some((u) => /\.woff2?(\?|$)/.test(u)), `no font request among:\n${urls.join('\n')}`).toBe(true);
});
