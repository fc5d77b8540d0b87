/**
 * A reader's slower machine and the page's responsiveness, for the figure bench (issue 10):
 *  - `throttleCpu`: Chromium's CPU throttling (DevTools protocol Emulation.setCPUThrottlingRate) on the page.
 *    Chromium refuses it on a worker target ("Operation is only supported for pages, not workers", Chromium 156),
 *    so the engine worker can only be slowed through its page; `workerThrottleCheck` measures whether it is.
 *  - `armLongTasks` / `longTasksIn`: a PerformanceObserver for main-thread long tasks (over 50 ms), buffered from
 *    the page's start, and the tasks that overlap a time window (a rerun, from key press to final frame);
 *    `longFramesIn`: the same for long animation frames, with their script and rendering shares.
 */
import type { Browser, Page } from '@playwright/test';
import { median } from './measure.ts';

/** Throttle the page's CPU `rate` times (call before page.goto). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const client = await page.context().newCDPSession(page);
  await client.send('Emulation.setCPUThrottlingRate', { rate });
}

/** A fixed piece of JS work, timed where it runs (ms). */
const WORK = 'let s = 0; const t0 = performance.now(); for (let i = 0; i < 2e7; i++) s += Math.sqrt(i); return [performance.now() - t0, s];';

/**
 * Does the page's throttling reach a dedicated worker? The same loop on the main thread and in a worker, timed by
 * each, on pages throttled `rate`× and not at all (interleaved, `pairs` of each): medians and the ratios.
 */
export async function workerThrottleCheck(browser: Browser, rate: number, pairs = 3): Promise<{ main: [number, number]; worker: [number, number] }> {
  const times: Record<'main' | 'worker', Record<number, number[]>> = { main: { 1: [], [rate]: [] }, worker: { 1: [], [rate]: [] } };
  for (let i = 0; i < pairs; i++) {
    for (const r of [1, rate]) {
      const page = await browser.newPage();
      await page.setContent('<p>throttle check</p>');
      if (r > 1) await throttleCpu(page, r);
      const t = await page.evaluate(async (work) => {
        const main = (new Function(work)() as [number, number])[0];
        const src = `onmessage = () => postMessage((() => { ${work} })()[0]);`;
        const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        // Two runs, the first a warm-up (no named function here: the bench's transpiler would wrap it in a helper the page lacks).
        let worker = 0;
        for (let k = 0; k < 2; k++) worker = await new Promise<number>((res) => ((w.onmessage = (e) => res(e.data as number)), w.postMessage(0)));
        w.terminate();
        return { main, worker };
      }, WORK);
      times.main[r].push(t.main);
      times.worker[r].push(t.worker);
      await page.close();
    }
  }
  const pair = (k: 'main' | 'worker'): [number, number] => [median(times[k][1]), median(times[k][rate])];
  return { main: pair('main'), worker: pair('worker') };
}

/** Start collecting main-thread long tasks from the page's first script on (call before page.goto). */
export async function armLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __ldLongTasks: [number, number][] };
    w.__ldLongTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__ldLongTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long-task API: no entries, reported as none.
    }
    // Long animation frames (over 50 ms): a task and the rendering after it, with the scripts' share and the
    // rendering's (style, layout, paint, and the ResizeObserver callbacks between them), to say what a long task
    // was. The rendering is timed from styleAndLayoutStart, not renderStart: between the two run the
    // requestAnimationFrame callbacks, which are scripts (and listed with them when over 5 ms).
    type Loaf = PerformanceEntry & { styleAndLayoutStart: number; scripts: { duration: number }[] };
    const f = window as unknown as { __ldLongFrames: LongFrame[] };
    f.__ldLongFrames = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Loaf[]) {
          const scriptMs = e.scripts.reduce((t, x) => t + x.duration, 0);
          const renderMs = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
          f.__ldLongFrames.push({ start: e.startTime, ms: e.duration, scriptMs, renderMs });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No Long Animation Frames API: none reported.
    }
  });
}

/**
 * A long animation frame: its start (page clock) and length, and how much of it was script (the scripts the API
 * lists: each over 5 ms, requestAnimationFrame callbacks included) and rendering (style, layout, paint), in ms.
 */
export interface LongFrame {
  start: number;
  ms: number;
  scriptMs: number;
  renderMs: number;
}

/** The long animation frames that overlap [from, to] (page clock). */
export async function longFramesIn(page: Page, from: number, to: number): Promise<LongFrame[]> {
  return page.evaluate(
    ([from, to]) => ((window as unknown as { __ldLongFrames?: LongFrame[] }).__ldLongFrames ?? []).filter((e) => e.start + e.ms > from && e.start < to),
    [from, to] as const,
  );
}

/** Durations (ms) of the main-thread long tasks that overlap [from, to] (page clock). */
export async function longTasksIn(page: Page, from: number, to: number): Promise<number[]> {
  return page.evaluate(
    ([from, to]) => {
      const w = window as unknown as { __ldLongTasks?: [number, number][] };
      return (w.__ldLongTasks ?? []).filter(([s, d]) => s + d > from && s < to).map(([, d]) => d);
    },
    [from, to] as const,
  );
}
