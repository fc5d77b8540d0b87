/**
 * Faults a reader's network or browser can inflict, each followed by recovery. (A blocked worker is in
 * worker-blocked.spec.ts, a controller chunk that fails to load in controller-retry.spec.ts.)
 * - the .wasm cannot be fetched: the engine falls back to the cpu backend and says so;
 * - the worker crashes mid-run: the figure shows an error with Retry, and Retry runs it in a fresh worker;
 * - the worker crashes before it is ready: the figures waiting for it say so, with Retry, and Retry works;
 * - the worker stops answering mid-run (stuck in a loop): after the stall watch's limit the figure says so, with Retry;
 * - the network drops before a figure hydrates: an error with Retry; back online, Retry makes it work.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { GRACE_MS, STALL_MS } from '../components/stall-watch.ts';
import { figure, firstRange, nudgeAndWait, recordProblems, settle, waitForFigureDone } from './helpers.ts';

const id = 'saxe-mode-curves';
/** Analytic and light: on the cpu backend a trained figure would take minutes on a loaded 2-core machine. */
const cpuId = 'saxe-phase-portrait';

/**
 * Serve the engine worker's script with `fault` appended, once; later fetches (Retry's fresh worker) get the real
 * script. Returns how many faulty scripts were served.
 */
async function faultyWorkerOnce(page: Page, fault: string): Promise<() => number> {
  let served = 0;
  await page.context().route(
    (u) => /\/_astro\/worker[^/]*\.js$/.test(u.pathname),
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'cache-control': 'no-store' };
      if (served > 0) return route.fulfill({ response, headers });
      served++;
      return route.fulfill({ response, body: `${await response.text()}\n${fault}\n`, headers });
    },
  );
  return () => served;
}

/** The chart is still shown under the error; Retry runs the figure to its end in a fresh worker, and the error goes. */
async function retryRecovers(page: Page, fig: Locator) {
  await expect(fig.locator('.ld-chart svg').first()).toBeVisible();
  await fig.locator('.ld-error button[data-action="retry"]').click();
  await waitForFigureDone(page, id, 0);
  await expect(fig.locator('.ld-error')).toBeHidden();
}

test('wasm blocked: the figure runs on the cpu backend, with a note', async ({ page }) => {
  let blocked = 0;
  await page.context().route(/\.wasm(\?|$)/, (route) => {
    blocked++;
    return route.abort();
  });
  await page.goto('/modes/');
  const { state } = await nudgeAndWait(page, cpuId);
  expect(state).toMatch(/^(done|diverged)$/);
  expect(blocked).toBeGreaterThan(0);
  const fig = figure(page, cpuId);
  await expect(fig).toHaveAttribute('data-backend', 'cpu');
  await expect(fig.locator('.ld-backend')).toHaveText('cpu');
  await expect(fig.locator('.ld-notes')).toContainText('WebAssembly backend is unavailable');
  await expect(fig.locator('.ld-error')).toBeHidden();
});

test('the worker crashes mid-run: an error with Retry, and Retry recovers in a fresh worker', async ({ page }) => {
  const problems = recordProblems(page);
  // The first worker throws shortly after a reader's run starts (at the run's first yield between frames); not after
  // the warm-up a figure may ask for when it hydrates, which could crash it before it is ready (the next test).
  const crashes = await faultyWorkerOnce(page, `self.addEventListener('message', (e) => { if (e.data && e.data.type === 'run' && !e.data.warmMs) setTimeout(() => { throw new Error('injected fault: the engine crashed'); }, 50); });`);
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await firstRange(page, id).focus();
  await settle(page, id);
  await page.keyboard.press('ArrowRight');
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  expect(crashes()).toBe(1);
  await expect(fig.locator('.ld-error-message')).toContainText('failed to load or crashed');
  await expect(fig.locator('.ld-error-message')).toContainText('injected fault');

  await retryRecovers(page, fig);
  // The crash is the worker's uncaught error (reported once on the console); nothing else went wrong.
  expect(problems.filter((p) => !p.includes('injected fault'))).toEqual([]);
});

test('the worker crashes before it is ready: the figure says so with Retry, not "starting the engine" for ever', async ({ page }) => {
  const problems = recordProblems(page);
  // The first worker throws as soon as its script has run, long before its backend is ready.
  const crashes = await faultyWorkerOnce(page, `setTimeout(() => { throw new Error('injected fault: the engine crashed at start'); }, 0);`);
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  expect(crashes()).toBe(1);
  await expect(fig.locator('.ld-error-message')).toContainText('injected fault: the engine crashed at start');
  await expect(fig.locator('.ld-error-message')).toContainText('Retry');
  await expect(fig.locator('.ld-backend')).toHaveText('the engine did not start');

  await retryRecovers(page, fig);
  await expect(fig.locator('.ld-backend')).not.toHaveText('the engine did not start');
  expect(problems.filter((p) => !p.includes('injected fault'))).toEqual([]);
});

test('the worker stops answering mid-run: after a minute an error with Retry, not "Cancel run" for ever', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = recordProblems(page);
  // The first worker is stuck in a loop as soon as a reader's run reaches it: no frame, no progress, no error.
  const stuck = await faultyWorkerOnce(page, `self.addEventListener('message', (e) => { if (e.data && e.data.type === 'run' && !e.data.warmMs) { const t = Date.now(); while (Date.now() - t < 600000); } });`);
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await firstRange(page, id).focus();
  await settle(page, id);
  const pressed = Date.now();
  await page.keyboard.press('ArrowRight');
  await expect(fig).toHaveAttribute('data-state', 'running', { timeout: 10_000 });
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 120_000 });
  // STALL_MS + GRACE_MS (components/stall-watch.ts) after the last word from the engine: not before the key press
  // plus that, and not much later.
  const waited = Date.now() - pressed;
  expect(waited).toBeGreaterThanOrEqual(STALL_MS + GRACE_MS);
  expect(waited).toBeLessThan(STALL_MS + GRACE_MS + 30_000);
  expect(stuck()).toBe(1);
  await expect(fig.locator('.ld-error-message')).toContainText(/stopped answering: nothing came from it for \d+ s/);
  await expect(fig.locator('.ld-error-message')).toContainText('Retry');

  await retryRecovers(page, fig);
  expect(problems).toEqual([]);
});

test('offline before a figure hydrates, then online: Retry makes it work', async ({ page, context }) => {
  await page.goto('/modes/');
  await context.setOffline(true);
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await firstRange(page, id).focus();
  await expect(fig).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(fig.locator('.ld-error-message')).toHaveText(/\S/);
  await expect(fig.locator('.ld-chart svg').first()).toBeVisible();
  await expect(fig.locator('.ld-error button[data-action="retry"]')).toBeVisible();

  await context.setOffline(false);
  await fig.locator('.ld-error button[data-action="retry"]').click();
  await expect(fig).not.toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(fig.locator('.ld-error')).toBeHidden();
  const input = firstRange(page, id);
  await input.focus();
  await page.keyboard.press('ArrowRight');
  await waitForFigureDone(page, id, 0);
});
