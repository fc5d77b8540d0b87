/**
 * Offline (site/service-worker/sw.ts, site/lib/offline.ts): after one visit to the landing page the footer says
 * "Available offline", and with the network off every page loads from the precache (none of them visited
 * before) and every figure reruns: its worker chunks, the .wasm, the fonts and the digits data are all
 * precached; any request the cache cannot answer fails and fails the test. Also: permalinks with state,
 * the sub-path build, and a new deployment replacing the cache without mixing two builds.
 *
 * playwright.config.ts blocks service workers for every other spec (page.route cannot see requests a
 * service worker answers); this one allows them.
 */
import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { figure, firstRange, isLocalScheme, nudgeAndWait, PAGES, recordProblems, recordRequests, SUB_BASE } from './helpers.ts';

test.use({ serviceWorkers: 'allow' });

const READY = /Available offline/;
const PORT = Number(process.env.E2E_PORT ?? 4321);

/** Visit `url`, wait until the footer says the site is ready offline and the page is controlled. */
async function visitOnce(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-offline-status]')).toHaveText(READY, { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Requests that failed or got an error status, except the service worker's own update check. */
function failures(log: ReturnType<typeof recordRequests>) {
  return log.filter((r) => !isLocalScheme(r.url) && !/\/sw\.js$/.test(r.url) && (r.failure || (r.status ?? 0) >= 400));
}

for (const p of PAGES) {
  test(`offline: ${p.name} and every figure on it work from the cache after one visit to the landing page`, async ({ page, context }) => {
    test.setTimeout(60_000 + p.figures.length * 90_000);
    const problems = recordProblems(page);
    await visitOnce(page, '/');
    await context.setOffline(true);
    const requests = recordRequests(context);
    const response = await page.goto(`/${p.path}`);
    expect(response?.status()).toBe(200);
    expect(response?.fromServiceWorker(), 'the page did not come from the service worker').toBe(true);
    await expect(page.locator('h1').first()).toBeVisible();
    for (const id of p.figures) {
      const { state } = await nudgeAndWait(page, id);
      expect(['done', 'diverged']).toContain(state);
      await expect(figure(page, id)).toHaveAttribute('data-backend', 'wasm');
    }
    // The page's fonts are in (KaTeX's woff2 files): none may be missing offline.
    await page.evaluate(() => document.fonts.ready);
    const failed = failures(requests);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('offline: a permalink opens in its state, and an unknown address shows the not-found page', async ({ page, context }) => {
  const problems = recordProblems(page);
  await visitOnce(page, '/');
  const id = 'saxe-mode-curves';
  const chapter = PAGES.find((q) => q.figures.includes(id))!.path;
  await page.goto(`/${chapter}`);
  const { value } = await nudgeAndWait(page, id);
  const permalink = page.url();
  expect(new URL(permalink).search, 'the state is not in the URL').not.toBe('');

  await context.setOffline(true);
  const other = await context.newPage();
  await other.goto(permalink);
  await expect(firstRange(other, id)).toHaveValue(value);
  await other.close();

  const missing = await page.goto('/no-such-chapter/');
  expect(missing?.fromServiceWorker()).toBe(true);
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('a[href="/"]').first()).toBeAttached();
  expect(problems, problems.join('\n')).toEqual([]);
});

test('offline under the GitHub Pages sub-path: the worker is scoped to it and the book works offline', async ({ page, context }) => {
  const sub = `http://127.0.0.1:${PORT + 1}${SUB_BASE}`;
  await visitOnce(page, sub);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  expect(scope).toBe(sub);
  await context.setOffline(true);
  const requests = recordRequests(context);
  const id = 'saxe-mode-curves';
  const chapter = PAGES.find((q) => q.figures.includes(id))!.path;
  const response = await page.goto(`${sub}${chapter}`);
  expect(response?.fromServiceWorker()).toBe(true);
  await nudgeAndWait(page, id);
  await expect(figure(page, id)).toHaveAttribute('data-backend', 'wasm');
  const failed = failures(requests);
  expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
  for (const r of requests) if (!isLocalScheme(r.url)) expect(r.url.startsWith(sub), r.url).toBe(true);
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static server whose folder can be swapped: one origin, two deployments. Like GitHub Pages, its 404 is 404.html. */
function serveSwappable(port: number): Promise<{ server: Server; use: (dir: string) => void }> {
  let root = '';
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = resolve(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) {
        if (!path.endsWith('/')) return void res.writeHead(301, { Location: `${path}/` }).end();
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      const body = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'Content-Type': TYPES['.html'] }).end(body);
    }
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => ok({ server, use: (dir) => void (root = resolve(dir)) })),
  );
}

function build(outDir: string, env: Record<string, string>): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn('npx', ['astro', 'build', '--outDir', outDir], {
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`astro build exited ${code}: ${stderr}`))));
  });
}

/** What the page says about its own deployment: the stamp in its HTML and the one in its script chunk. */
async function builds(page: Page) {
  return page.locator('[data-offline-status]').evaluate((el: HTMLElement) => ({
    html: el.dataset.build ?? '',
    chunk: el.dataset.clientBuild ?? '',
    scripts: [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => new URL(s.src).pathname),
  }));
}

test.describe('updates', () => {
  let dirA = '';
  let dirB = '';
  // Two builds that differ in one string of the page-wide chunk (and so in its hashed name and every page).
  // Built before the test, with their own time limit: two builds take minutes on a busy 2-core machine.
  test.beforeAll(async ({}, info) => {
    test.setTimeout(600_000);
    dirA = info.outputPath('deploy-a');
    dirB = info.outputPath('deploy-b');
    await build(dirA, { PUBLIC_LD_BUILD: 'A' });
    await build(dirB, { PUBLIC_LD_BUILD: 'B' });
  });
  test.afterAll(async () => {
    await rm(dirA, { recursive: true, force: true });
    await rm(dirB, { recursive: true, force: true });
  });

  test('a new deployment replaces the cache: the old one until the reader reloads, then wholly the new one', async ({ page }) => {
    test.setTimeout(300_000);
    const { server, use } = await serveSwappable(PORT + 2);
    try {
      const origin = `http://127.0.0.1:${PORT + 2}`;
      use(dirA);
      await visitOnce(page, `${origin}/`);
      const a = await builds(page);
      expect(a).toMatchObject({ html: 'A', chunk: 'A' });

      // Deploy B. The reload is still answered by A's worker, wholly A, and offers the new version.
      use(dirB);
      await page.goto(`${origin}/`);
      await expect(page.locator('[data-offline-status]')).toContainText('A new version of this site is available', { timeout: 60_000 });
      expect(await builds(page)).toEqual(a);
      const { violations } = await new AxeBuilder({ page }).include('.ld-footer').analyze();
      expect(violations.map((v) => v.id)).toEqual([]);

      // The note's button works from the keyboard.
      await page.getByRole('button', { name: 'Reload' }).focus();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      const b = await builds(page);
      expect(b).toMatchObject({ html: 'B', chunk: 'B' });
      expect(b.scripts).not.toEqual(a.scripts);
      await expect(page.locator('[data-offline-status]')).toHaveText(READY);

      // Only B is cached now: every cached URL is a file of B, and A's page-wide chunk is gone.
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
      });
      expect(cached.length).toBeGreaterThan(0);
      for (const path of cached) await expect(stat(join(dirB, path.endsWith('/') ? `${path}index.html` : path)), path).resolves.toBeTruthy();
      for (const script of a.scripts.filter((s) => !b.scripts.includes(s))) expect(cached).not.toContain(script);

      // And B's figures run, offline, from B's chunks.
      await page.context().setOffline(true);
      const id = 'saxe-mode-curves';
      const chapter = PAGES.find((q) => q.figures.includes(id))!.path;
      await page.goto(`${origin}/${chapter}`);
      expect((await builds(page)).chunk).toBe('B');
      await nudgeAndWait(page, id);
    } finally {
      server.close();
    }
  });
});
