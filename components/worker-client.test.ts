/**
 * The page's side of the engine worker, over a fake Worker: a reader's run that hears nothing from a ready engine
 * for STALL_MS ends in an error and a fresh worker, and one that only takes long (progress, frames) does not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../engine/worker.ts?worker&url', () => ({ default: '/_astro/worker.js' }));

/** A Worker that records what the page posts and lets the test speak for the engine. */
class FakeWorker {
  static made: FakeWorker[] = [];
  posted: { type: string; runId?: number; warmMs?: number }[] = [];
  terminated = false;
  #listeners = new Map<string, ((ev: unknown) => void)[]>();
  constructor() {
    FakeWorker.made.push(this);
  }
  addEventListener(type: string, fn: (ev: unknown) => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), fn]);
  }
  postMessage(m: { type: string; runId?: number }) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  /** The engine says something to the page. */
  say(data: unknown) {
    for (const fn of this.#listeners.get('message') ?? []) fn({ data });
  }
  runs() {
    return this.posted.filter((m) => m.type === 'run' && m.warmMs === undefined);
  }
}

const handlers = () => ({ frame: vi.fn(), progress: vi.fn(), done: vi.fn(), cancelled: vi.fn(), error: vi.fn() });

describe('worker-client: a run the engine stops answering', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('location', { href: 'http://localhost/modes/' });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('errors every pending run, stops the worker and starts a fresh one for the next run', async () => {
    const client = await import('./worker-client.ts');
    const listener = { ready: vi.fn(), failed: vi.fn() };
    client.warmUp('saxe-mode-curves', listener);
    const a = handlers();
    client.startRun('a', 'saxe-mode-curves', {}, a);
    const [w] = FakeWorker.made;
    // Before the engine is ready, silence does not count (a slow network may still be bringing its code).
    vi.advanceTimersByTime(3 * client.STALL_MS);
    expect(a.error).not.toHaveBeenCalled();
    w.say({ type: 'ready', backend: 'wasm' });
    expect(listener.ready).toHaveBeenCalledWith('wasm', undefined);
    const runId = w.runs()[0].runId!;
    vi.advanceTimersByTime(client.STALL_MS - 1);
    w.say({ type: 'progress', runId, progress: 0.5 });
    vi.advanceTimersByTime(client.STALL_MS - 1);
    expect(a.error).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a.error).toHaveBeenCalledTimes(1);
    expect(a.error.mock.calls[0][0]).toMatch(/stopped answering: nothing came from it for 30 s/);
    expect(w.terminated).toBe(true);
    // Ready before, so the waiting figures are not told "the engine did not start".
    expect(listener.failed).not.toHaveBeenCalled();

    const b = handlers();
    client.startRun('a', 'saxe-mode-curves', {}, b);
    expect(FakeWorker.made).toHaveLength(2);
    expect(b.error).not.toHaveBeenCalled();
  });

  it('leaves alone a run that hears from the engine, and runs that ended or were cancelled', async () => {
    const client = await import('./worker-client.ts');
    const a = handlers();
    const b = handlers();
    client.warmUp('x', { ready: () => {}, failed: () => {} });
    client.startRun('a', 'x', {}, a);
    const cancelB = client.startRun('b', 'x', {}, b);
    const [w] = FakeWorker.made;
    w.say({ type: 'ready', backend: 'wasm' });
    const [ra] = w.runs().map((m) => m.runId!);
    // A long run: a frame (no progress) every STALL_MS − 1 ms, for ten times STALL_MS.
    const frame = { step: 1, status: 'running', series: [], notes: [], scalars: {} };
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(client.STALL_MS - 1);
      w.say({ type: 'frame', runId: ra, frame });
      if (i === 0) cancelB();
    }
    w.say({ type: 'done', runId: ra, frame, ms: 1 });
    vi.advanceTimersByTime(10 * client.STALL_MS);
    expect(a.error).not.toHaveBeenCalled();
    expect(a.done).toHaveBeenCalledTimes(1);
    expect(b.error).not.toHaveBeenCalled();
    expect(b.cancelled).toHaveBeenCalledTimes(1);
    expect(w.terminated).toBe(false);
  });

  it('a warm-up is not watched: only a reader waits for a run', async () => {
    const client = await import('./worker-client.ts');
    client.warmUp('x', { ready: () => {}, failed: () => {} });
    const [w] = FakeWorker.made;
    client.warmRun('a', 'x', {}, 500);
    expect(w.posted.some((m) => m.type === 'run' && m.warmMs === 500)).toBe(true);
    w.say({ type: 'ready', backend: 'wasm' });
    vi.advanceTimersByTime(10 * client.STALL_MS);
    expect(w.terminated).toBe(false);
  });
});
