/** The stall watch tells a stuck engine from a slow one: limits, the widening limit, a hidden page, the grace. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FACTOR, GRACE_MS, START_MS, STALL_MS, StallWatch } from './stall-watch.ts';

describe('StallWatch', () => {
  let hidden = false;
  const clock = { now: () => Date.now(), hidden: () => hidden };
  let stalls: number[] = [];
  const watch = () => new StallWatch((ms) => stalls.push(ms), clock);
  beforeEach(() => {
    vi.useFakeTimers();
    hidden = false;
    stalls = [];
  });
  afterEach(() => vi.useRealTimers());

  it('calls a silence of STALL_MS, plus the grace, a stall, once, and not a moment before', () => {
    const w = watch();
    w.waiting(true);
    vi.advanceTimersByTime(STALL_MS + GRACE_MS - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([STALL_MS + GRACE_MS]);
    vi.advanceTimersByTime(10 * STALL_MS);
    expect(stalls).toHaveLength(1);
  });

  it('each message restarts the clock; nobody waiting, nothing counts', () => {
    const w = watch();
    w.waiting(true);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(STALL_MS / 2);
      w.heard();
    }
    w.waiting(false);
    vi.advanceTimersByTime(10 * STALL_MS);
    expect(stalls).toEqual([]);
    // The silences seen (STALL_MS / 2) widened the limit; waiting again while waiting does not restart the clock.
    const limit = w.limit;
    expect(limit).toBe(Math.max(STALL_MS, (FACTOR * STALL_MS) / 2));
    w.waiting(true);
    vi.advanceTimersByTime(limit / 2);
    w.waiting(true);
    vi.advanceTimersByTime(limit / 2 + GRACE_MS - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([limit + GRACE_MS]);
  });

  it('a slow engine widens its own limit: FACTOR times the longest silence seen while someone waited', () => {
    const w = watch();
    w.waiting(true);
    // Frames 50 s apart, then one 150 s later: slow, not stuck (the limit is now 4 × 50 s).
    vi.advanceTimersByTime(50_000);
    w.heard();
    expect(w.limit).toBe(Math.max(STALL_MS, FACTOR * 50_000));
    vi.advanceTimersByTime(150_000);
    w.heard();
    expect(stalls).toEqual([]);
    expect(w.limit).toBe(FACTOR * 150_000);
    vi.advanceTimersByTime(FACTOR * 150_000 + GRACE_MS);
    expect(stalls).toEqual([FACTOR * 150_000 + GRACE_MS]);
    // A fresh engine starts from STALL_MS again; so does the watch after a stall.
    expect(w.limit).toBe(STALL_MS);
  });

  it('time between waits does not widen the limit', () => {
    const w = watch();
    w.waiting(true);
    w.heard();
    w.waiting(false);
    vi.advanceTimersByTime(10 * STALL_MS);
    w.heard(); // a late message, nobody waiting
    w.waiting(true);
    expect(w.limit).toBe(STALL_MS);
  });

  it('a silence that ends while the page is hidden, or in the grace after the limit, is not a stall', () => {
    const w = watch();
    w.waiting(true);
    hidden = true;
    vi.advanceTimersByTime(20 * STALL_MS);
    expect(stalls).toEqual([]);
    hidden = false;
    w.resumed();
    // The page and its worker wake together: the worker's message comes just after the limit.
    vi.advanceTimersByTime(STALL_MS + GRACE_MS / 2);
    w.heard();
    expect(stalls).toEqual([]);
    // The limit is now wider (that silence was seen), and a silence past it and its grace is a stall.
    vi.advanceTimersByTime(w.limit + GRACE_MS);
    expect(stalls).toHaveLength(1);
  });

  it('a starting engine gets START_MS; the floor can change while the clock runs on', () => {
    const w = watch();
    w.waiting(true, START_MS);
    vi.advanceTimersByTime(START_MS + GRACE_MS - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([START_MS + GRACE_MS]);
    // Waiting on a start for 50 s, then on a run with the usual floor: the 50 s count towards it.
    w.waiting(true, START_MS);
    vi.advanceTimersByTime(50_000);
    w.waiting(true, STALL_MS);
    vi.advanceTimersByTime(STALL_MS - 50_000 + GRACE_MS - 1);
    expect(stalls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([START_MS + GRACE_MS, STALL_MS + GRACE_MS]);
  });
});
