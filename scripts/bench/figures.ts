/**
 * Per-figure latency on the built site in headless Chromium: from a keyboard input that reruns the figure at
 * its default state to its first frame and to its final frame (median of several reruns).
 *
 * Each measured rerun is "slider one step right (untimed), then one step left (timed)": the timed run is the
 * default-equivalent run. Times are taken in the page (MutationObserver on data-state / data-digest); ms per
 * step is the engine's run time (data-engine-ms) over the run's steps (data-engine-steps). Main-thread long tasks
 * during the reruns and CPU throttling: scripts/bench/throttle.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium } from './chromium.ts';
import { median } from './measure.ts';
import { serveStatic } from './serve.ts';
import { armLongTasks, longFramesIn, longTasksIn, throttleCpu, workerThrottleCheck, type LongFrame } from './throttle.ts';

export interface FigureTiming {
  id: string;
  page: string;
  method: 'dom';
  runs: number;
  /**
   * The first rerun after load, one key press away from the default (the page has already drawn the default): it
   * also loads the figure's engine code and its backend. Compare it with `awayFinalMs`, the same state later.
   */
  coldFinalMs: number | null;
  /** Median final ms of the later reruns to that same state (one key press away from the default). */
  awayFinalMs: number;
  firstFrameMs: number;
  finalMs: number;
  /** Engine ms per step (training step, or sweep point for sweeps), median over the timed reruns. */
  msPerStep: number | null;
  backend: string | null;
  /** The figure's own timing read-out (.ld-timing), as shown to readers. */
  shown: string | null;
  /** Main-thread long tasks (over 50 ms) while the figure reran: the longest (null: none) and how many, over the timed reruns (2 per rerun: away and back). */
  longestTaskMs: number | null;
  longTasks: number;
  /** How many of those were over VERY_LONG_MS (100 ms). */
  veryLongTasks: number;
  /** The same during the first rerun after load (which also starts the worker). */
  coldLongestTaskMs: number | null;
  /** The longest animation frame over 50 ms in the timed reruns (Long Animation Frames API), with its script and rendering shares: what the long tasks were. */
  longestFrame: LongFrame | null;
}

export interface FiguresResult {
  figures: FigureTiming[];
  /** CPU throttling rate (1: none). */
  throttle: number;
  /** With throttling: the same JS loop's median ms unthrottled and throttled, on the main thread and in a worker. */
  throttleCheck: { main: [number, number]; worker: [number, number] } | null;
}

interface Observed {
  /** Page clock at the key press and at the final frame. */
  t0: number;
  t1: number;
  firstFrameMs: number;
  finalMs: number;
  state: string;
  /** Engine time of the run divided by its steps (data-engine-ms / data-engine-steps set by the figure). */
  msPerStep: number;
}

/** Arm an in-page observer, press `key` on the focused slider, and resolve with in-page times from the key press. */
async function timedKey(page: Page, id: string, key: string, timeout: number): Promise<Observed> {
  await page.evaluate((id) => {
    const el = document.getElementById(id)!;
    const w = window as unknown as { __ldTiming: Record<string, number | string | null> };
    const t: Record<string, number | string | null> = { t0: null, running: null, first: null, final: null, state: '' };
    w.__ldTiming = t;
    const startDigest = el.getAttribute('data-digest');
    document.addEventListener('keydown', () => (t.t0 ??= performance.now()), { capture: true, once: true });
    const obs = new MutationObserver(() => {
      const now = performance.now();
      const state = el.getAttribute('data-state') ?? '';
      if (state === 'running' && t.running === null) t.running = now;
      if (t.running !== null && t.first === null && el.getAttribute('data-digest') !== startDigest) t.first = now;
      if (t.running !== null && (state === 'done' || state === 'diverged' || state === 'error')) {
        t.final = now;
        t.state = state;
        t.msPerStep = Number(el.dataset.engineMs) / Math.max(1, Number(el.dataset.engineSteps));
        t.first ??= now;
        obs.disconnect();
      }
    });
    obs.observe(el, { attributes: true, attributeFilter: ['data-state', 'data-digest'] });
  }, id);
  await page.keyboard.press(key);
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __ldTiming: Record<string, number | string | null> }).__ldTiming;
      return t.final !== null ? t : null;
    },
    null,
    { timeout, polling: 20 },
  );
  const t = (await handle.jsonValue()) as Record<string, number | string>;
  if (t.state === 'error') throw new Error(`${id} ended in error`);
  const t0 = t.t0 as number;
  return { t0, t1: t.final as number, firstFrameMs: (t.first as number) - t0, finalMs: (t.final as number) - t0, state: t.state as string, msPerStep: t.msPerStep as number };
}

/** Wait until the figure is idle (not loading or running) and has been for a moment. */
async function settle(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const el = document.getElementById(id) as (HTMLElement & { __q?: { k: string; t: number } }) | null;
      if (!el) return false;
      const k = `${el.dataset.state}|${el.dataset.runs}`;
      if (el.__q?.k !== k) el.__q = { k, t: performance.now() };
      return !['loading', 'running'].includes(el.dataset.state ?? '') && performance.now() - el.__q.t > 500;
    },
    id,
    { timeout: 300_000, polling: 50 },
  );
}

/** A long task this long is counted apart (tasks > 100 ms), to show how far over the 50 ms limit a figure is. */
export const VERY_LONG_MS = 100;

const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : null);

async function benchFigureDom(page: Page, pagePath: string, id: string, reruns: number): Promise<FigureTiming> {
  const fig = page.locator(`ld-figure#${id}`);
  await fig.scrollIntoViewIfNeeded();
  const input = fig.locator('.ld-controls input[type="range"]').first();
  await input.focus();
  await settle(page, id);
  // Step away from the default and back, so that the timed run is the default run.
  const atMax = await input.evaluate((el: HTMLInputElement) => Number(el.value) >= Number(el.max));
  const [away, back] = atMax ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
  const timeout = 300_000;
  const coldRun = await timedKey(page, id, away, timeout);
  const coldTasks = await longTasksIn(page, coldRun.t0, coldRun.t1);
  await timedKey(page, id, back, timeout);
  const samples: Observed[] = [];
  const awaySamples: Observed[] = [];
  const tasks: number[] = [];
  const frames: LongFrame[] = [];
  for (let i = 0; i < reruns; i++) {
    const a = await timedKey(page, id, away, timeout);
    const b = await timedKey(page, id, back, timeout);
    samples.push(b);
    awaySamples.push(a);
    for (const r of [a, b]) {
      tasks.push(...(await longTasksIn(page, r.t0, r.t1)));
      frames.push(...(await longFramesIn(page, r.t0, r.t1)));
    }
  }
  return {
    id,
    page: pagePath,
    method: 'dom',
    runs: samples.length,
    coldFinalMs: coldRun.finalMs,
    awayFinalMs: median(awaySamples.map((s) => s.finalMs)),
    firstFrameMs: median(samples.map((s) => s.firstFrameMs)),
    finalMs: median(samples.map((s) => s.finalMs)),
    msPerStep: median(samples.map((s) => s.msPerStep).filter((x) => Number.isFinite(x))),
    backend: await fig.getAttribute('data-backend'),
    shown: (await fig.locator('.ld-timing').textContent().catch(() => null))?.trim() || null,
    longestTaskMs: longest(tasks),
    longTasks: tasks.length,
    veryLongTasks: tasks.filter((ms) => ms > VERY_LONG_MS).length,
    coldLongestTaskMs: longest(coldTasks),
    longestFrame: frames.reduce<LongFrame | null>((m, f) => (m && m.ms >= f.ms ? m : f), null),
  };
}

/** The base path the site in `dist` was built with (from its asset URLs). */
function builtBase(dist: string): string {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return html.match(/["'](\/[^"']*?)_astro\//)?.[1] ?? '/';
}

/** `throttle` > 1 slows each page's CPU that many times (Emulation.setCPUThrottlingRate; see workerThrottleCheck). */
export async function benchFigures(dist: string, pages: { path: string; figures: string[] }[], reruns = 5, throttle = 1): Promise<FiguresResult> {
  const base = builtBase(dist);
  const server = await serveStatic({ [base]: dist });
  const browser = await launchChromium();
  const out: FigureTiming[] = [];
  let throttleCheck: FiguresResult['throttleCheck'] = null;
  try {
    if (throttle > 1) throttleCheck = await workerThrottleCheck(browser, throttle);
    for (const p of pages) {
      for (const id of p.figures) {
        // A fresh page per figure, so that each one's cold start is measured the same way.
        const page = await browser.newPage();
        await armLongTasks(page);
        if (throttle > 1) await throttleCpu(page, throttle);
        await page.goto(`${server.url}${base}${p.path}`);
        out.push(await benchFigureDom(page, `/${p.path}`, id, reruns));
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { figures: out, throttle, throttleCheck };
}
