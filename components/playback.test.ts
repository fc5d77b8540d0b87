import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../engine/spec.ts';
import { Playback, REST_PER_SCRIPT } from './playback.ts';

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
  );
  p.reset();
  return { p, drawn };
}

describe('live frames are paced by what drawing costs (the page stays responsive while a figure runs)', () => {
  it('draws the first frame at the next animation frame, then rests REST_PER_SCRIPT times a draw’s cost, drawing only the newest frame', () => {
    const cost = 10;
    const { p, drawn } = setUp(cost);
    p.push(frame(1));
    animationFrame();
    expect(drawn).toEqual([1]); // drawn at t = 16, done at 26
    const restUntil = 16 + cost + REST_PER_SCRIPT * cost;
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
