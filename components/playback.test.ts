import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../engine/spec.ts';
import { MAX_RENDER_MS, Playback, REST_FACTOR } from './playback.ts';

/** Animation frames by hand: run() fires the callbacks queued so far, at the current (fake) time. */
let queued: (() => void)[] = [];
let clock = 0;
beforeEach(() => {
  queued = [];
  clock = 0;
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => queued.push(fn));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

function animationFrame(ms = 16) {
  clock += ms;
  const now = queued;
  queued = [];
  for (const fn of now) fn();
}

const frame = (step: number) => ({ step }) as unknown as Frame;

/** A playback whose draws take `cost` ms of the fake clock; returns the steps drawn. */
function setUp(cost: number) {
  const drawn: number[] = [];
  const p = new Playback(
    {
      draw: (f) => {
        drawn.push(f.step);
        clock += cost;
      },
      positionChanged: () => {},
      reducedMotion: () => false,
      drawFailed: (e) => {
        throw e;
      },
    },
    () => clock,
    // Tasks are not run here, so rendering is never measured: these tests are about the script's part of the rest.
    () => {},
  );
  p.reset();
  return { p, drawn };
}

describe('live frames are paced by what drawing costs (the page stays responsive while a figure runs)', () => {
  it('draws the first frame at the next animation frame, then rests REST_FACTOR times a draw’s cost, drawing only the newest frame', () => {
    const cost = 10;
    const { p, drawn } = setUp(cost);
    p.push(frame(1));
    animationFrame();
    expect(drawn).toEqual([1]); // drawn at t = 16, done at 26
    const restUntil = 16 + cost + REST_FACTOR * cost;
    p.push(frame(2));
    p.push(frame(3));
    while (clock + 16 < restUntil) {
      animationFrame();
      expect(drawn).toEqual([1]);
    }
    p.push(frame(4));
    animationFrame();
    expect(clock).toBeGreaterThanOrEqual(restUntil);
    expect(drawn).toEqual([1, 4]);
  });

  it('cheap draws are not held back', () => {
    const { p, drawn } = setUp(1);
    for (let s = 1; s <= 5; s++) {
      p.push(frame(s));
      animationFrame();
    }
    expect(drawn).toEqual([1, 2, 3, 4, 5]);
  });

  it('the final frame and a reader’s seek are drawn at once, even while resting', () => {
    const { p, drawn } = setUp(40);
    p.push(frame(1));
    animationFrame();
    p.push(frame(2));
    let done = false;
    p.finish(frame(3), () => (done = true));
    animationFrame();
    expect(drawn).toEqual([1, 3]);
    expect(done).toBe(true);
    p.seek(0);
    animationFrame();
    expect(drawn).toEqual([1, 3, 1]);
  });

  it('a new run’s first frame is not held back by the old run’s rest', () => {
    const { p, drawn } = setUp(50);
    p.push(frame(1));
    animationFrame();
    p.reset();
    p.push(frame(10));
    animationFrame();
    expect(drawn).toEqual([1, 10]);
  });
});

describe('a draw in slices (one chart panel each) runs one slice per task', () => {
  /** Tasks by hand, as the animation frames above. */
  let tasks: (() => void)[] = [];
  const task = () => tasks.shift()!();
  /** Animation frames up to the last one before `until` (fake ms): no draw starts in any of them. */
  const restsUntil = (until: number) => {
    while (clock + 16 < until) {
      animationFrame();
      expect(tasks).toEqual([]);
    }
  };

  /** A playback whose draws are `panels` slices of `cost` ms each; `log` says what ran where. */
  function sliced(panels: number, cost: number, failAt = -1) {
    tasks = [];
    const log: string[] = [];
    const failed: unknown[] = [];
    const p = new Playback(
      {
        *draw(f) {
          for (let i = 0; i < panels; i++) {
            if (i > 0) yield;
            if (i === failAt) throw new Error(`panel ${i} failed`);
            log.push(`${f.step}.${i}`);
            clock += cost;
          }
        },
        positionChanged: () => {},
        reducedMotion: () => false,
        drawFailed: (e) => failed.push(e),
      },
      () => clock,
      (fn) => tasks.push(fn),
    );
    p.reset();
    return { p, log, failed };
  }

  it('nothing is drawn in the animation frame itself; each panel gets a task, and "then" runs after the last', () => {
    const { p, log } = sliced(3, 10);
    let done = false;
    p.finish(frame(7), () => (done = true));
    animationFrame();
    expect(log).toEqual([]);
    task();
    expect(log).toEqual(['7.0']);
    task();
    expect(log).toEqual(['7.0', '7.1']);
    expect(done).toBe(false);
    task();
    expect(log).toEqual(['7.0', '7.1', '7.2']);
    expect(done).toBe(true);
    expect(tasks).toEqual([]);
  });

  it('rests REST_FACTOR times the script time of all slices together, and of the rendering that shows them', () => {
    const { p, log } = sliced(2, 10);
    p.push(frame(1));
    animationFrame(); // t = 16
    task();
    task(); // done at 36
    animationFrame(); // t = 52: the browser renders the new chart after this frame's callbacks…
    clock += 5;
    task(); // …which a task queued from a callback follows: 5 ms of rendering
    const restUntil = 36 + REST_FACTOR * 20 + REST_FACTOR * 5;
    p.push(frame(2));
    restsUntil(restUntil);
    animationFrame();
    task();
    task();
    expect(log).toEqual(['1.0', '1.1', '2.0', '2.1']);
  });

  it('counts at most MAX_RENDER_MS of rendering', () => {
    const { p, log } = sliced(1, 10);
    p.push(frame(1));
    animationFrame(); // t = 16
    task(); // drawn at 26
    animationFrame(); // t = 42
    clock += 200; // a slow frame (a GC, say)
    task();
    const restUntil = 26 + REST_FACTOR * (10 + MAX_RENDER_MS);
    p.push(frame(2));
    restsUntil(restUntil);
    animationFrame();
    task();
    expect(log).toEqual(['1.0', '2.0']);
  });

  it('a measurement that ends after a newer draw adds nothing', () => {
    // Draws done at once (not in slices): a newer draw can come between a measurement's start and its end.
    tasks = [];
    const log: number[] = [];
    const p = new Playback(
      { draw: (f) => void (log.push(f.step), (clock += 10)), positionChanged: () => {}, reducedMotion: () => false, drawFailed: (e) => { throw e; } },
      () => clock,
      (fn) => tasks.push(fn),
    );
    p.reset();
    p.push(frame(1));
    animationFrame(); // frame 1 drawn
    p.seek(0);
    animationFrame(); // the measurement of that draw starts, then the seek draws frame 1 again (done at t + 10)
    const drawnAt = clock;
    clock += 40;
    task(); // the first draw's measurement: 40 ms, but a newer draw came, so it adds nothing
    animationFrame();
    task(); // the seek's draw: 0 ms
    vi.stubGlobal('window', { setInterval: () => 1 });
    p.play(); // follow the run again
    p.push(frame(2));
    while (clock + 16 < drawnAt + REST_FACTOR * 10) animationFrame();
    animationFrame();
    expect(log).toEqual([1, 1, 2]);
  });

  it('dispose ends a measurement under way without a task', () => {
    const { p } = sliced(1, 10);
    p.push(frame(1));
    animationFrame();
    task(); // drawn: its measurement waits for the next animation frame
    p.dispose();
    animationFrame();
    expect(tasks).toEqual([]);
  });

  it('a frame that arrives while slices run is drawn once they end, at the next animation frame', () => {
    const { p, log } = sliced(2, 1);
    p.push(frame(1));
    animationFrame();
    task();
    p.seek(0);
    expect(queued).toEqual([]); // no second draw starts in the middle of one
    task();
    expect(log).toEqual(['1.0', '1.1']);
    animationFrame();
    while (tasks.length) task();
    expect(log).toEqual(['1.0', '1.1', '1.0', '1.1']);
  });

  it('a new run drops the old run’s slices and what waited for them', () => {
    const { p, log } = sliced(2, 1);
    let done = false;
    p.finish(frame(1), () => (done = true));
    animationFrame();
    task();
    p.reset();
    task(); // the old draw's next slice: does nothing
    expect(log).toEqual(['1.0']);
    expect(done).toBe(false);
    p.push(frame(2));
    animationFrame();
    task();
    task();
    expect(log).toEqual(['1.0', '2.0', '2.1']);
  });

  it('a slice that throws fails the draw and the figure is told', () => {
    const { p, log, failed } = sliced(3, 1, 1);
    let done = false;
    p.finish(frame(1), () => (done = true));
    animationFrame();
    task();
    task();
    expect(log).toEqual(['1.0']);
    expect(failed.map(String)).toEqual(['Error: panel 1 failed']);
    expect(done).toBe(false);
    expect(tasks).toEqual([]);
  });
});
