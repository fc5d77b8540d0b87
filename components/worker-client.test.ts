/**
 * The page's side of the engine worker, over a fake Worker: a reader's run that hears nothing from a ready engine
 * for the stall watch's limit ends in an error and a fresh worker, and one that only takes long does not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FACTOR, GRACE_MS, START_MS, STALL_MS } from './stall-watch.ts';

/** Silence long enough to be a stall for an engine that has been quick so far. */
const STUCK = STALL_MS + GRACE_MS;

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
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
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
    // The engine starts in 2 s.
    vi.advanceTimersByTime(2000);
    w.say({ type: 'ready', backend: 'wasm' });
    expect(listener.ready).toHaveBeenCalledWith('wasm', undefined);
    const runId = w.runs()[0].runId!;
    // A quick engine so far (its silences widen the limit: stall-watch.test.ts).
    vi.advanceTimersByTime(1000);
    w.say({ type: 'progress', runId, progress: 0.5 });
    vi.advanceTimersByTime(STUCK - 1);
    expect(a.error).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a.error).toHaveBeenCalledTimes(1);
    expect(a.error.mock.calls[0][0]).toMatch(new RegExp(`stopped answering: nothing came from it for ${Math.round(STUCK / 1000)} s`));
    expect(w.terminated).toBe(true);
    // Ready before, so the waiting figures are not told "the engine did not start".
    expect(listener.failed).not.toHaveBeenCalled();

    // The next run gets a fresh worker, with START_MS to start (a slow network may still be bringing its code), then
    // the usual limit.
    const b = handlers();
    client.startRun('a', 'saxe-mode-curves', {}, b);
    expect(FakeWorker.made).toHaveLength(2);
    vi.advanceTimersByTime(START_MS / 4);
    expect(b.error).not.toHaveBeenCalled();
    FakeWorker.made[1].say({ type: 'ready', backend: 'wasm' });
    // Its slow start widened its limit (stall-watch.test.ts).
    const limit = Math.max(STALL_MS, (FACTOR * START_MS) / 4);
    vi.advanceTimersByTime(limit + GRACE_MS - 1);
    expect(b.error).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(b.error).toHaveBeenCalledTimes(1);
  });

  it('an engine that never starts: after START_MS the runs and the figures waiting for it are told, with a fresh worker next', async () => {
    const client = await import('./worker-client.ts');
    const listener = { ready: vi.fn(), failed: vi.fn() };
    client.warmUp('x', listener);
    // A warm-up alone waits for nobody.
    client.warmRun('a', 'x', {}, 500);
    vi.advanceTimersByTime(10 * START_MS);
    expect(FakeWorker.made[0].terminated).toBe(false);
    const a = handlers();
    client.startRun('a', 'x', {}, a);
    vi.advanceTimersByTime(START_MS + GRACE_MS - 1);
    expect(a.error).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a.error.mock.calls[0][0]).toMatch(new RegExp(`did not start within ${Math.round((START_MS + GRACE_MS) / 1000)} s`));
    expect(listener.failed).toHaveBeenCalledTimes(1);
    expect(FakeWorker.made[0].terminated).toBe(true);
  });

  it('every waiting run is told, and a figure that starts a run as it is told gets a fresh, unwatched worker', async () => {
    const client = await import('./worker-client.ts');
    client.warmUp('x', { ready: () => {}, failed: () => {} });
    const c = handlers();
    let again: ReturnType<typeof handlers> | null = null;
    const a = { ...handlers(), error: vi.fn(() => void client.startRun('a', 'x', {}, (again = handlers()))) };
    client.startRun('a', 'x', {}, a);
    client.startRun('c', 'x', {}, c);
    FakeWorker.made[0].say({ type: 'ready', backend: 'wasm' });
    vi.advanceTimersByTime(STUCK);
    expect([a.error.mock.calls.length, c.error.mock.calls.length]).toEqual([1, 1]);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1].runs()).toHaveLength(1);
    // The old worker's watch is gone: the new run gets its own worker's time to start.
    vi.advanceTimersByTime(START_MS + GRACE_MS - 1);
    expect(again!.error).not.toHaveBeenCalled();
    expect(FakeWorker.made[1].terminated).toBe(false);
  });

  it('a cancel still waits for the engine’s answer: a stuck engine is found then too, a quick answer ends the wait', async () => {
    const client = await import('./worker-client.ts');
    client.warmUp('x', { ready: () => {}, failed: () => {} });
    const cancel = client.startRun('a', 'x', {}, handlers());
    const w = FakeWorker.made[0];
    w.say({ type: 'ready', backend: 'wasm' });
    cancel();
    vi.advanceTimersByTime(STUCK);
    expect(w.terminated).toBe(true);

    const cancel2 = client.startRun('a', 'x', {}, handlers());
    const w2 = FakeWorker.made[1];
    w2.say({ type: 'ready', backend: 'wasm' });
    cancel2();
    w2.say({ type: 'cancelled', runId: w2.runs()[0].runId });
    vi.advanceTimersByTime(10 * STUCK);
    expect(w2.terminated).toBe(false);
  });

  it('a silence while the page is hidden is not a stall', async () => {
    const listeners: Record<string, () => void> = {};
    const doc = { visibilityState: 'hidden', addEventListener: (t: string, fn: () => void) => void (listeners[t] = fn) };
    vi.stubGlobal('document', doc);
    const client = await import('./worker-client.ts');
    client.warmUp('x', { ready: () => {}, failed: () => {} });
    const a = handlers();
    client.startRun('a', 'x', {}, a);
    FakeWorker.made[0].say({ type: 'ready', backend: 'wasm' });
    vi.advanceTimersByTime(10 * STUCK);
    expect(a.error).not.toHaveBeenCalled();
    // Back in view: the clock starts again from now.
    doc.visibilityState = 'visible';
    vi.advanceTimersByTime(STALL_MS / 2);
    listeners.visibilitychange();
    vi.advanceTimersByTime(STUCK - 1);
    expect(a.error).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a.error).toHaveBeenCalledTimes(1);
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
    const [ra, rb] = w.runs().map((m) => m.runId!);
    // A long run: a frame (no progress) every STALL_MS − 1 ms, for ten times STALL_MS.
    const frame = { step: 1, status: 'running', series: [], notes: [], scalars: {} };
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(STALL_MS - 1);
      w.say({ type: 'frame', runId: ra, frame });
      if (i === 0) {
        cancelB();
        w.say({ type: 'cancelled', runId: rb });
      }
    }
    w.say({ type: 'done', runId: ra, frame, ms: 1 });
    vi.advanceTimersByTime(10 * STALL_MS);
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
    vi.advanceTimersByTime(10 * STALL_MS);
    expect(w.terminated).toBe(false);
  });
});
