/**
 * saxe-mode-delay trains half its networks in a helper worker (engine/kernel-worker.ts). The frames are the same
 * without it: a helper that cannot load leaves the engine worker to train them all, with no error for the reader.
 */
import { expect, test } from '@playwright/test';
import { bringIntoView, digest, figure, recordProblems, settle } from './helpers.ts';

const id = 'saxe-mode-delay';
// A small tree, so that the run is quick; 8 seeds, so that there are networks to share.
const STATE = `?${id}.seeds=8&${id}.treeDepth=4&${id}.features=100`;

test('the helper worker shares the training; blocked, the figure gives the same frame on one worker', async ({ browser, baseURL }) => {
  const page0 = await browser.newPage();
  const cores = await page0.evaluate(() => navigator.hardwareConcurrency);
  await page0.close();
  test.skip(cores < 2, 'one core: the engine starts no helper');
  async function open(blockHelper: boolean) {
    const context = await browser.newContext({ baseURL });
    const blocked: string[] = [];
    // The helper's script is fetched by the engine worker, where routes do not reach: point the engine worker's
    // reference to it at a file that does not exist.
    if (blockHelper)
      await context.route(/\/_astro\/worker-[^/]*\.js$/, async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes('kernel-worker-')) blocked.push(route.request().url());
        await route.fulfill({ response, body: body.replaceAll('kernel-worker-', 'kernel-worker-missing-') });
      });
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const problems = recordProblems(page);
    await page.goto(`/modes/${STATE}`);
    await bringIntoView(page, id);
    expect(await settle(page, id)).toBe('done');
    const result = { digest: await digest(page, id), workers, blocked, problems, footer: await figure(page, id).locator('.ld-backend').textContent() };
    await context.close();
    return result;
  }

  const two = await open(false);
  expect(two.workers.some((u) => /kernel-worker/.test(u))).toBe(true);
  expect(two.problems).toEqual([]);
  expect(two.digest).toMatch(/^[0-9a-f]+$/);
  // The helper did train (its readings came back): the frames say so, and the footer.
  expect(two.footer).toMatch(/WebAssembly SIMD kernel, on two cores$/);

  const one = await open(true);
  expect(one.blocked.length).toBeGreaterThan(0);
  expect(one.workers.some((u) => /kernel-worker-missing/.test(u))).toBe(true);
  expect(one.digest).toBe(two.digest);
  expect(one.footer).toBe(two.footer!.replace(', on two cores', ''));
  // The failed script load is the browser's own network message (a 404); nothing from the site.
  expect(one.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
});
