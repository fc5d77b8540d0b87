/**
 * Tells a stuck engine from a slow one (components/worker-client.ts). While someone waits on the engine, each
 * message from it restarts a clock; a silence longer than the limit calls `stalled`. The limit is STALL_MS, or
 * FACTOR times the longest silence already seen while someone waited, whichever is longer: a figure whose frames
 * are far apart at large settings on a slow device (some figures send nothing between frames) widens its own
 * limit with its first gaps. An engine still starting gets START_MS (its code may come over a slow network). A
 * silence that ends while the page is hidden (a phone's background, a frozen tab) does not count, nor does one
 * that ends in the GRACE_MS after a limit passes (the page and its worker waking together, the worker's message
 * still on its way). */

/** The least silence (ms) that means the engine is stuck. */
export const STALL_MS = 60_000;
/** A silence may last this many times the longest one seen so far before it counts as stuck. */
export const FACTOR = 4;
/** After the limit, the engine gets this much longer (ms) before it is given up on. */
export const GRACE_MS = 3_000;
/** The least silence (ms) that means an engine still starting is stuck: its code may be downloading slowly. */
export const START_MS = 120_000;

export interface StallClock {
  now(): number;
  hidden(): boolean;
}

const pageClock: StallClock = {
  now: () => performance.now(),
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
};

export class StallWatch {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the engine last spoke, or the wait began (ms). */
  #since = 0;
  #longest = 0;
  #graced = false;
  #floor = STALL_MS;

  constructor(
    /** Called once per stall, with the silence it ended (ms); the watch is idle after it. */
    private readonly stalled: (silentMs: number) => void,
    private readonly clock: StallClock = pageClock,
  ) {}

  /** The limit on the current silence (ms). */
  get limit(): number {
    return Math.max(this.#floor, FACTOR * this.#longest);
  }

  /**
   * Someone waits on the engine (true) or nobody does (false), with `floor` the least silence that counts (STALL_MS,
   * or START_MS while the engine starts). Waiting again while waiting keeps the clock and takes the new floor.
   */
  waiting(on: boolean, floor = STALL_MS): void {
    if (!on) return this.stop();
    const changed = floor !== this.#floor;
    this.#floor = floor;
    if (this.#timer !== undefined && !changed) return;
    if (this.#timer === undefined) this.#since = this.clock.now();
    this.#arm(Math.max(0, this.limit - (this.clock.now() - this.#since)));
  }

  /** A message came from the engine. */
  heard(): void {
    if (this.#timer === undefined) return;
    const now = this.clock.now();
    this.#longest = Math.max(this.#longest, now - this.#since);
    this.#since = now;
    this.#graced = false;
    this.#arm(this.limit);
  }

  /** The page came back into view: a silence while it was away says nothing about the engine. */
  resumed(): void {
    if (this.#timer === undefined) return;
    this.#since = this.clock.now();
    this.#graced = false;
    this.#arm(this.limit);
  }

  /** Nobody waits: the clock stops (the silences seen still count towards the limit). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#graced = false;
  }

  /** A fresh engine: forget the silences seen so far. */
  reset(): void {
    this.stop();
    this.#longest = 0;
  }

  #arm(ms: number) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#due(), ms);
  }

  #due() {
    if (this.clock.hidden()) return this.resumed();
    if (!this.#graced) {
      this.#graced = true;
      return this.#arm(GRACE_MS);
    }
    const silent = this.clock.now() - this.#since;
    this.reset();
    this.stalled(silent);
  }
}
