/**
 * Shared helpers for the end-to-end tests, written against the DOM contract of <ld-figure>
 * (data-state, data-runs, data-digest, data-backend; .ld-controls, .ld-notes, .ld-error, .ld-chart).
 */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { figures } from '../engine/registry.ts';
import { CHAPTERS } from '../site/lib/chapters.ts';

/**
 * The pages under test (paths relative to the site's base) and the figures each embeds, derived from
 * the engine's registry (each spec names its chapter) and the chapter list: adding a figure adds it here.
 * The landing page shows one teaser.
 */
export const LANDING_FIGURE = 'saxe-phase-portrait';
export const PAGES: readonly { path: string; name: string; figures: readonly string[] }[] = [
  { path: '', name: 'landing', figures: [LANDING_FIGURE] },
  ...CHAPTERS.filter((c) => figures.some((f) => f.chapter === c.slug)).map((c) => ({
    path: `${c.slug}/`,
    name: c.slug,
    figures: figures.filter((f) => f.chapter === c.slug).map((f) => f.id),
  })),
];

/** The page a figure lives on. */
export function pageOf(id: string): string {
  const p = PAGES.find((q) => q.path && q.figures.includes(id));
  if (!p) throw new Error(`figure ${id} is on no page`);
  return p.path;
}

export const MODES_FIGURES = PAGES.find((p) => p.name === 'modes')!.figures;

/** The GitHub Pages sub-path that the `subpath` project builds under (see playwright.config.ts). */
export const SUB_BASE = '/learning-dynamics/';

/** A rerun on a 2-core machine, wasm backend; saxe-mode-delay trains many seeds. */
export const RUN_TIMEOUT = 90_000;

const TERMINAL = ['done', 'diverged'];
const BUSY = ['loading', 'running'];

export type FigureState = 'static' | 'loading' | 'running' | 'done' | 'diverged' | 'error';

export function figure(page: Page, id: string): Locator {
  return page.locator(`ld-figure#${id}`);
}

/** The figure's first parameter slider (not the transport's frame scrubber). */
export function firstRange(page: Page, id: string): Locator {
  return figure(page, id).locator('.ld-controls input[type="range"]').first();
}

export async function runs(page: Page, id: string): Promise<number> {
  return Number((await figure(page, id).getAttribute('data-runs')) ?? '0');
}

export async function digest(page: Page, id: string): Promise<string | null> {
  return figure(page, id).getAttribute('data-digest');
}

/**
 * Wait until the figure has finished a run that started after `previousRuns` was read:
 * data-runs > previousRuns and data-state done (or diverged). Fails at once, with the figure's
 * error message, if it reaches data-state="error".
 */
export async function waitForFigureDone(page: Page, id: string, previousRuns: number, timeout = RUN_TIMEOUT): Promise<FigureState> {
  const handle = await page.waitForFunction(
    ({ id, previousRuns, terminal }) => {
      const el = document.getElementById(id);
      if (!el) return null;
      const state = el.getAttribute('data-state');
      if (state === 'error') return 'error';
      const n = Number(el.getAttribute('data-runs') ?? '0');
      return n > previousRuns && state !== null && terminal.includes(state) ? state : null;
    },
    { id, previousRuns, terminal: TERMINAL },
    { timeout, polling: 50 },
  );
  const state = (await handle.jsonValue()) as FigureState;
  if (state === 'error') {
    const message = await figure(page, id).locator('.ld-error-message').textContent();
    throw new Error(`${id} ended in data-state="error": ${message ?? '(no message)'}`);
  }
  return state;
}

/**
 * Wait until a figure is idle: not loading or running, and its state unchanged for `quietMs`.
 * Used before reading data-runs, so that a run started by hydration cannot be mistaken for ours.
 */
export async function settle(page: Page, id: string, quietMs = 400, timeout = RUN_TIMEOUT): Promise<FigureState> {
  const handle = await page.waitForFunction(
    ({ id, quietMs, busy }) => {
      const el = document.getElementById(id) as (HTMLElement & { __ldQuiet?: { key: string; since: number } }) | null;
      if (!el) return null;
      const state = el.getAttribute('data-state') ?? '';
      const key = `${state}|${el.getAttribute('data-runs')}|${el.getAttribute('data-digest')}`;
      const now = performance.now();
      if (!el.__ldQuiet || el.__ldQuiet.key !== key) el.__ldQuiet = { key, since: now };
      return !busy.includes(state) && now - el.__ldQuiet.since >= quietMs ? state : null;
    },
    { id, quietMs, busy: BUSY },
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as FigureState;
}

/** Scroll the figure into view and wait until whatever hydration started has finished. */
export async function bringIntoView(page: Page, id: string): Promise<void> {
  await figure(page, id).scrollIntoViewIfNeeded();
  await settle(page, id);
}

/** Scroll every figure on the page into view, one after the other, and let each settle. */
export async function hydrateAll(page: Page): Promise<void> {
  const ids = await page.locator('ld-figure').evaluateAll((els) => els.map((e) => e.id));
  for (const id of ids) await bringIntoView(page, id);
}

/**
 * Change the figure's first slider by one step from the keyboard (ArrowRight, or ArrowLeft when it
 * sits at its maximum) and wait for the rerun to finish. Returns the slider's new value.
 */
export async function nudgeAndWait(page: Page, id: string): Promise<{ value: string; state: FigureState }> {
  await bringIntoView(page, id);
  const input = firstRange(page, id);
  await input.focus();
  // Focusing may hydrate the figure; let that finish before counting runs.
  await settle(page, id);
  const before = await runs(page, id);
  const old = await input.inputValue();
  await page.keyboard.press('ArrowRight');
  if ((await input.inputValue()) === old) await page.keyboard.press('ArrowLeft');
  const value = await input.inputValue();
  expect(value, `${id}: the arrow keys did not move the first slider`).not.toBe(old);
  const state = await waitForFigureDone(page, id, before);
  return { value, state };
}

/** Record every request the context makes (pages and their workers) with its response status. */
export function recordRequests(context: BrowserContext): { url: string; status?: number; failure?: string }[] {
  const log: { url: string; status?: number; failure?: string }[] = [];
  const byRequest = new Map<object, (typeof log)[number]>();
  context.on('request', (r) => {
    const entry = { url: r.url() };
    byRequest.set(r, entry);
    log.push(entry);
  });
  context.on('response', (r) => {
    const entry = byRequest.get(r.request());
    if (entry) entry.status = r.status();
  });
  context.on('requestfailed', (r) => {
    const entry = byRequest.get(r);
    if (entry) entry.failure = r.failure()?.errorText ?? 'failed';
  });
  return log;
}

/** What Playwright logs when `serviceWorkers: 'block'` stops a registration. */
const SW_BLOCKED = 'Service Worker registration blocked by Playwright';

/**
 * Collect console errors and warnings and uncaught page errors. In Chromium the page's console
 * event also carries its dedicated workers' messages, so the engine worker is covered too.
 */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // Playwright's own note where playwright.config.ts blocks the site's service worker: not the site's problem.
    if (m.text().startsWith(SW_BLOCKED)) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** URLs that are not plain same-origin fetches but never leave the browser either. */
export function isLocalScheme(url: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:');
}
