/**
 * Playback over the frames a run streams: follow the run live, pause, step, scrub, jump to the first
 * frame, or pin a training step (from a permalink or a "What to try" state). Drawing starts at most once
 * per animation frame, and always draws the frame object chosen when it was scheduled, so a new run that
 * empties the list cannot leave a callback pointing at nothing.
 */
import type { Frame } from '../engine/spec.ts';

/**
 * A draw done in slices: each `next()` does one slice (one chart panel, say). Playback runs the slices in
 * separate tasks, so that the page can handle input between them and the browser's style, layout and paint
 * of the result come in a task of their own, not on top of the script that made it.
 */
export type DrawSlices = Iterator<unknown, unknown, undefined>;

/** A sliced draw under way: what runs after it, and its script time so far (ms). */
interface DrawJob {
  slices: DrawSlices;
  after: (() => void)[];
  script: number;
}

export interface PlaybackHooks {
  /** Draw a frame, at once (returns nothing) or in slices (returns them). */
  draw(frame: Frame, index: number, count: number): DrawSlices | void;
  /** The reader paused somewhere (or resumed): the permalink's step changes. */
  positionChanged(): void;
  reducedMotion(): boolean;
  /** Drawing a frame threw: the figure shows an error instead of waiting for ever. */
  drawFailed(error: unknown): void;
}

/** How long a live frame waits after a draw, in multiples of the main-thread time that draw cost: script and rendering (see show()). */
export const REST_FACTOR = 8;
/** The browser's rendering of one draw counts into its rest up to this (ms): one slow frame (a GC, say) does not stall the view. */
export const MAX_RENDER_MS = 50;

export class Playback {
  frames: Frame[] = [];
  cursor = -1;
  playing = true;
  /** While a run streams: true until its terminal message. */
  live = false;
  /** Pause at the first frame whose step reaches this, when it arrives. */
  #pin: number | undefined;
  #timer = 0;
  #queued: Frame | null = null;
  #queuedIndex = -1;
  #raf = 0;
  #afterDraw: (() => void)[] = [];
  /** A live frame is not drawn before this time (performance.now()); anything else is drawn at once. */
  #restUntil = 0;
  /** The queued draw is a reader's, the run's first or its final frame: not held back. */
  #urgent = false;

  /** The draw whose slices are running (null: none); a reset or dispose drops it. */
  #job: DrawJob | null = null;
  /** Counts draws (and resets): a measurement of rendering applies only to the last draw (see #measureRender). */
  #draws = 0;

  constructor(
    private hooks: PlaybackHooks,
    private readonly now: () => number = () => performance.now(),
    /** Run `fn` in a task of its own, soon (a MessageChannel message: no 4 ms clamp as for nested timers). */
    private readonly defer: (fn: () => void) => void = nextTask,
  ) {}

  /** A new run starts: forget the old frames; `pin` pauses at a step. */
  reset(pin?: number) {
    this.stopTimer();
    // A draw (and its "after draw" work) scheduled for the previous run must not land on this one.
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#job = null;
    this.#draws++;
    this.#queued = null;
    this.#urgent = false;
    this.#afterDraw = [];
    this.frames = [];
    this.cursor = -1;
    this.live = true;
    this.#pin = pin;
    this.playing = pin === undefined;
  }

  get current(): Frame | undefined {
    return this.frames[this.cursor] ?? this.frames[this.frames.length - 1];
  }

  /** The step a permalink should pin: the shown frame's, when paused before the end. */
  get pinnedStep(): number | undefined {
    if (this.#pin !== undefined) return this.#pin;
    if (this.playing || !this.frames.length || this.cursor >= this.frames.length - 1) return undefined;
    return this.frames[this.cursor]?.step;
  }

  /** A frame arrived from the worker. */
  push(frame: Frame) {
    this.frames.push(frame);
    const i = this.frames.length - 1;
    if (this.#pin !== undefined && frame.step >= this.#pin) {
      this.#pin = undefined;
      this.playing = false;
      this.show(i);
    } else if (this.playing && !this.hooks.reducedMotion()) this.show(i, undefined, i > 0);
  }

  /** The run's final frame: replaces the last streamed one. `then` runs after it has been drawn. */
  finish(frame: Frame, then: () => void) {
    this.live = false;
    if (this.frames.length) this.frames[this.frames.length - 1] = frame;
    else this.frames.push(frame);
    if (this.#pin !== undefined) {
      // The pinned step is past the end: show the end, paused.
      this.#pin = undefined;
      this.playing = false;
    }
    if (this.playing || this.cursor < 0) this.show(this.frames.length - 1, then);
    else this.show(this.cursor, then);
  }

  /**
   * Draw frame `index` at the next animation frame (coalesced). A live frame (`live`: streamed while the run
   * follows along) waits after a draw REST_FACTOR times the main-thread time that draw cost: its script, and
   * the style, layout and paint of the animation frame that shows it (measured, #measureRender). So drawing keeps
   * the page's main thread about an eighth or a ninth busy: input is handled between frames, and on a two-core
   * machine the engine's two workers keep most of the CPU. The browser's raster of the new chart (off the main
   * thread, not measured) costs about as much again (a Chromium trace of saxe-mode-delay: 12–25 ms of script,
   * 5–10 ms of rendering and 20–30 ms of raster per frame). Counting the rendering cut that figure's default rerun
   * by about 5% on two cores; the engine's time there is the CPU that the two workers and the drawing want, over
   * two. Cheap frames stay fluid (2 ms of script and 5 of rendering: a frame about every 60 ms). Frames that
   * arrive meanwhile replace the waiting one.
   */
  show(index: number, then?: () => void, live = false) {
    if (!this.frames.length) return then?.();
    this.cursor = Math.max(0, Math.min(this.frames.length - 1, index));
    this.#queued = this.frames[this.cursor];
    this.#queuedIndex = this.cursor;
    if (then) this.#afterDraw.push(then);
    if (!live) this.#urgent = true;
    if (this.#raf || this.#job) return;
    this.#raf = requestAnimationFrame(this.#tick);
  }

  #tick = () => {
    this.#raf = 0;
    if (!this.#urgent && this.now() < this.#restUntil) {
      this.#raf = requestAnimationFrame(this.#tick);
      return;
    }
    this.#urgent = false;
    const f = this.#queued;
    const i = this.#queuedIndex;
    this.#queued = null;
    const after = this.#afterDraw;
    this.#afterDraw = [];
    const t0 = this.now();
    let slices: DrawSlices | void = undefined;
    try {
      if (f) slices = this.hooks.draw(f, i, this.frames.length);
    } catch (e) {
      this.hooks.drawFailed(e);
      return;
    }
    const t1 = this.now();
    if (!slices) return this.#drawn(t1, t1 - t0, after);
    const job = { slices, after, script: t1 - t0 };
    this.#job = job;
    this.defer(() => this.#slice(job));
  };

  /** One slice of a sliced draw, in its own task; the next one is deferred again. */
  #slice(job: DrawJob) {
    if (this.#job !== job) return; // a reset dropped it
    const t0 = this.now();
    let done: boolean | undefined;
    try {
      done = job.slices.next().done;
    } catch (e) {
      this.#job = null;
      this.hooks.drawFailed(e);
      return;
    }
    const t1 = this.now();
    job.script += t1 - t0;
    if (!done) return this.defer(() => this.#slice(job));
    this.#job = null;
    this.#drawn(t1, job.script, job.after);
    // A frame that came (or a seek made) while the slices ran.
    if (this.#queued && !this.#raf) this.#raf = requestAnimationFrame(this.#tick);
  }

  /** A draw is complete: rest in proportion to its script time (and its rendering, when measured), then run what waited for it. */
  #drawn(at: number, script: number, after: (() => void)[]) {
    this.#restUntil = at + REST_FACTOR * script;
    this.#measureRender(++this.#draws);
    for (const fn of after) fn();
  }

  /**
   * A draw done in slices ends in a task; the browser renders its result (style, layout, paint) in the next
   * animation frame, after its callbacks, and a task queued from a callback runs after that rendering. The time
   * between the two is added to the rest, unless another draw, a reset or dispose came first. It also counts any
   * other main-thread work in between (another figure's slices, input, the worker's messages): on a busy page the
   * rest errs long, which is the way to err. (A draw done at once, in an animation frame, renders in that frame:
   * this then times the next one, which costs little. The page's draws are all in slices.)
   */
  #measureRender(draw: number) {
    requestAnimationFrame(() => {
      if (this.#draws !== draw) return;
      const t0 = this.now();
      this.defer(() => {
        if (this.#draws === draw) this.#restUntil += REST_FACTOR * Math.min(MAX_RENDER_MS, Math.max(0, this.now() - t0));
      });
    });
  }

  play() {
    this.stopTimer();
    this.#pin = undefined;
    this.playing = true;
    this.hooks.positionChanged();
    if (!this.frames.length) return;
    if (this.hooks.reducedMotion()) return this.show(this.frames.length - 1);
    if (this.cursor >= this.frames.length - 1 && !this.live) this.cursor = -1;
    this.#timer = window.setInterval(() => {
      if (this.cursor < this.frames.length - 1) this.show(this.cursor + 1);
      else if (!this.live) this.stopTimer();
    }, 60);
  }

  pause() {
    this.stopTimer();
    this.playing = false;
    this.hooks.positionChanged();
  }

  step(delta: number) {
    this.stopTimer();
    this.playing = false;
    this.show(this.cursor + delta);
    this.hooks.positionChanged();
  }

  seek(index: number) {
    this.stopTimer();
    this.playing = false;
    this.show(index);
    this.hooks.positionChanged();
  }

  stopTimer() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = 0;
  }

  dispose() {
    this.stopTimer();
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#job = null;
    this.#draws++; // a measurement under way ends without a task
  }
}

const tasks: (() => void)[] = [];
let channel: MessageChannel | null = null;

/** Run `fn` in a task of its own, after input and rendering that are due: one message to ourselves per call. */
function nextTask(fn: () => void) {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => tasks.shift()?.();
  }
  tasks.push(fn);
  channel.port2.postMessage(null);
}
