/**
 * Soak (local, not CI): rerun every figure on two pages many times from the keyboard and report the
 * page's and the engine worker's JS heap (after a forced GC, through the DevTools protocol) at the
 * start, the middle and the end. A leak shows as a heap that keeps growing with the reruns.
 *
 *   npm run soak                       # 300 reruns per figure on /modes/ and /failure/ (builds dist/ if missing)
 *   npm run soak -- --reruns=50 --pages=modes/,failure/
 *   npm run soak -- --dist=dist-soak    # serve another build (npx astro build --outDir dist-soak)
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { launchChromium } from './bench/chromium.ts';
import { serveStatic } from './bench/serve.ts';
import { figures } from '../engine/registry.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RERUNS = Number(arg('reruns') ?? 300);
const PAGES = (arg('pages') ?? 'modes/,failure/').split(',');
/** The build to serve (--dist=dir, default dist/): another folder keeps a soak off a dist/ that other tests serve. */
const DIST = arg('dist') ?? 'dist';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The engine worker's heap, through a browser-level DevTools session attached to the worker target. */
async function workerHeap(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const w = targetInfos.find((t) => t.type === 'worker');
    if (!w) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: w.targetId, flatten: false });
    let next = 0;
    const call = (method: string) =>
      new Promise<Record<string, number>>((resolve) => {
        const id = ++next;
        const onMessage = (e: { sessionId: string; message: string }) => {
          const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
          if (e.sessionId !== sessionId || m.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(m.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function rerun(page: Page, id: string, i: number) {
  const fig = page.locator(`ld-figure#${id}`);
  const before = Number((await fig.getAttribute('data-runs')) ?? '0');
  const input = fig.locator('.ld-controls input[type="range"]').first();
  await input.focus();
  // Alternate, so the figure moves between two neighbouring states.
  await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
  await page.waitForFunction(
    ({ id, before }) => {
      const el = document.getElementById(id);
      const s = el?.getAttribute('data-state');
      if (s === 'error') throw new Error(`${id}: ${el?.querySelector('.ld-error-message')?.textContent}`);
      return Number(el?.getAttribute('data-runs') ?? '0') > before && (s === 'done' || s === 'diverged');
    },
    { id, before },
    { timeout: 300_000, polling: 100 },
  );
}

async function main() {
  if (!existsSync(DIST)) execSync(`npx astro build --outDir ${DIST}`, { stdio: 'inherit' });
  const server = await serveStatic({ '/': DIST });
  const browser = await launchChromium();
  const rows: string[] = [];
  try {
    for (const path of PAGES) {
      const ids = figures.filter((f) => `${f.chapter}/` === path).map((f) => f.id);
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await page.goto(`${server.url}/${path}`);
      const t0 = performance.now();
      const sample = async (label: string) => {
        const w = await workerHeap(browser);
        const row = `/${path} ${label}: page heap ${mb(await pageHeap(cdp))}, worker heap ${w === null ? 'n/a' : mb(w)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`;
        rows.push(row);
        console.log(row);
      };
      // Start: every figure rerun once (hydrated, worker and backend loaded).
      for (const id of ids) {
        await page.locator(`ld-figure#${id}`).scrollIntoViewIfNeeded();
        await rerun(page, id, 0);
      }
      await sample(`start (after 1 rerun of each of ${ids.join(', ')})`);
      for (let i = 1; i < RERUNS; i++) {
        for (const id of ids) await rerun(page, id, i);
        if (i === Math.floor(RERUNS / 2)) await sample(`middle (${i + 1} reruns each)`);
      }
      await sample(`end (${RERUNS} reruns each)`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(['', 'soak summary:', ...rows].join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
