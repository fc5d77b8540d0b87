/**
 * The interactive life of one figure: controls → worker run → frames → chart, legend, caption, table,
 * read-out; URL state; actions. Loaded lazily by <ld-figure>. The states are in figure-state.ts,
 * playback in playback.ts, the file exports in export.ts (browser) and engine/export.ts (CSV/JSON).
 *
 * Rules that keep a shared link trustworthy: mounting never changes the state, never runs a figure
 * at its default state and never writes the URL; the URL changes only when the reader changes
 * something (a control, a handle, play/pause/step/scrub, restore defaults, a "What to try" button).
 */
import * as Plot from '@observablehq/plot';
import { fmt } from '../engine/format.ts';
import { toCsv, toJson } from '../engine/export.ts';
import { defaults, sanitize } from '../engine/params.ts';
import type { FigureMeta, Frame, Params } from '../engine/spec.ts';
import { allSlices, renderChartSlices, type ChartSize } from './charts/render.ts';
import { commitChart } from './chart-morph.ts';
import { hoistPlotStyles } from './plot-styles.ts';
import { changedFromMarkup, inputFor, readControl, writeAll } from './controls.ts';
import { tableNodes } from './data-table.ts';
import { frameDigest } from './digest.ts';
import { composedSvg, exportPng, exportSvg, exportText } from './export.ts';
import { showError } from './figure-error.ts';
import { nextState, type FigureEvent, type FigureState } from './figure-state.ts';
import { legendItems, legendNodes } from './legend.ts';
import { Playback } from './playback.ts';
import { attachPresenter } from './presenter.ts';
import { attachRecorder } from './record.ts';
import { attachPointPicking, markPickable } from './point-picking.ts';
import { backendLabel } from './backend-label.ts';
import { residualText } from './residual.ts';
import { openShare } from './share-dialog.ts';
import { shareUrls } from './share-urls.ts';
import { presentRequested } from './url-keys.ts';
import { readUrlState, urlWithState } from './url-state.ts';
import { startRun, warmRun, warmUp } from './worker-client.ts';

/** Least time between two updates of a run's progress bar, ms. */
const PROGRESS_EVERY_MS = 250;
/** The longest warm-up run of a figure (see warmOnce), ms. */
const WARM_MS = 1500;

/**
 * The reader's motion preference, asked for on every live frame. One MediaQueryList for the page, whose `matches`
 * follows a change of the preference: a matchMedia call per frame cost about 30 ms per saxe-mode-delay rerun at 4×
 * CPU throttling (a CPU profile).
 */
let motionQuery: MediaQueryList | null = null;
const reducedMotion = () => (motionQuery ??= matchMedia('(prefers-reduced-motion: reduce)')).matches;

/** "about 12 s left", from the time so far and the run's own progress; nothing for short runs. */
function timeLeft(elapsedMs: number, progress: number): string {
  if (progress <= 0.02 || progress >= 1 || elapsedMs < 1500) return '';
  const left = (elapsedMs * (1 - progress)) / progress / 1000;
  return left < 1 ? 'almost done' : `about ${left < 10 ? left.toFixed(0) : String(Math.round(left / 5) * 5)} s left`;
}

export interface FigureController {
  /** Put the figure into defaults + `set` (optionally paused at `step`) and run it, as a reader's change. */
  applyState(set: Params, step?: number): void;
  /** Retry after an error. */
  retry(): void;
  /** Presenter mode (components/presenter.ts): the figure alone, filling the screen. */
  present(): void;
  dispose(): void;
}

/** A message as a sentence: trimmed, with a full stop unless it ends in one. */
const sentence = (message: string) => message.trim().replace(/([^.!?])$/, '$1.');

export function mountFigure(root: HTMLElement): FigureController {
  const metaEl = root.querySelector('script.ld-meta');
  if (!metaEl?.textContent) throw new Error('figure metadata missing');
  const meta = JSON.parse(metaEl.textContent) as FigureMeta;
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);
  const chart = q<HTMLElement>('.ld-chart')!;
  const controls = q<HTMLElement>('.ld-controls')!;
  const notesEl = q<HTMLElement>('.ld-notes')!;
  const errorBox = q<HTMLElement>('.ld-error')!;
  const caption = q<HTMLElement>('.ld-caption')!;
  const runNotes = q<HTMLElement>('.ld-run-notes')!;
  const legend = q<HTMLElement>('.ld-legend')!;
  const table = q<HTMLElement>('.ld-table')!;
  const details = q<HTMLDetailsElement>('.ld-data')!;
  const backendEl = q<HTMLElement>('.ld-backend')!;
  const timingEl = q<HTMLElement>('.ld-timing')!;
  const residualEl = q<HTMLElement>('.ld-residual')!;
  const progressBox = q<HTMLElement>('.ld-progress')!;
  const progress = q<HTMLProgressElement>('.ld-progress progress')!;
  const eta = q<HTMLElement>('.ld-eta')!;
  const scrub = q<HTMLInputElement>('.ld-scrub');
  const byName = new Map(meta.params.map((d) => [d.name, d]));

  const initial = readUrlState(meta, location.href);
  let params: Params = initial.params;
  // Always from 'static': a failed earlier load may have left data-state="error" on the element.
  let state: FigureState = 'static';
  /** Counts runs, so that a superseded run's late messages are ignored. */
  let generation = 0;
  let backend = '';
  let cancel: (() => void) | null = null;
  let inputAt = 0;
  let firstFrameMs = -1;
  /** The size the chart was last drawn at (JSON of its ChartSize). */
  let drawnKey = '';
  /** Work to do once the current run's final frame is drawn (exports asked for before a run). */
  let afterRun: (() => void) | null = null;

  const fire = (e: FigureEvent) => {
    state = nextState(state, e);
    root.dataset.state = state;
  };
  /** Why the engine runs on a fallback backend: stays with the figure's notes until the page reloads. */
  let backendNote = '';
  const setNotes = (lines: string[]) => (notesEl.textContent = [...lines, ...(backendNote ? [backendNote] : [])].join(' '));

  // ---- drawing ---------------------------------------------------------------------------
  /** The size the chart is drawn at: its real on-screen width (presenter mode: the whole stage). */
  const chartSize = (): ChartSize => presenter.size() ?? { width: observedWidth ?? chart.clientWidth };
  /**
   * The chart's width as the ResizeObserver last saw it (after a layout, so reading it cost nothing). Reading
   * clientWidth in every draw forced a layout of the page before the chart was even replaced, and a second one after.
   */
  let observedWidth: number | null = null;
  let resizeTimer = 0;

  /** The build-time frame embedded in the page (read once, on first need). */
  let staticFrame: Frame | null | undefined;
  /**
   * Draw the chart in slices (the generator yields between them: renderChartSlices), then put it on the page at once,
   * in a slice of its own: with the legend, notes and digest (draw), that is a few ms of script of its own.
   */
  function* drawChartSlices(frame: Frame): Generator<void, HTMLElement, undefined> {
    const size = chartSize();
    const el = yield* renderChartSlices(frame, meta, Plot, document, size);
    yield;
    // The build-time frame says where it trained in Node, not where this browser will: label runs of this page only.
    if (backend) backendEl.textContent = frame === staticFrame ? backend : backendLabel(backend, frame);
    hoistPlotStyles(el);
    markPickable(el, meta);
    const shown = commitChart(chart, el);
    drawnKey = JSON.stringify(size);
    attachPointPicking(chart, meta, () => params, (changes) => change(changes));
    // The size changed while the panels were drawn (presenter mode entered or left, a resize): draw again.
    if (sizeKey() !== drawnKey) scheduleRelayout();
    return shown;
  }

  /** A frame, with its caption, legend, notes and table; in slices for Playback (its draw hook). */
  function* draw(frame: Frame, index: number, count: number): Generator<void, void, undefined> {
    const el = yield* drawChartSlices(frame);
    const description = frame.description ?? caption.textContent ?? '';
    chart.setAttribute('aria-label', description);
    caption.textContent = description;
    legend.replaceChildren(...legendNodes(document, legendItems(el, frame, meta)));
    runNotes.replaceChildren(...frame.notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    root.dataset.digest = frameDigest(frame);
    root.dataset.step = String(frame.step);
    if (details.open) table.replaceChildren(...tableNodes(document, frame, meta, 50));
    residualEl.textContent = residualText(frame);
    // Unless the reader has moved the scrubber on while this frame was being drawn (the next draw will say).
    if (scrub && playback.cursor === index) {
      scrub.max = String(count - 1);
      scrub.value = String(index);
      scrub.setAttribute('aria-valuetext', `frame ${index + 1} of ${count}, step ${frame.step}`);
    }
    if (firstFrameMs < 0 && inputAt) {
      firstFrameMs = performance.now() - inputAt;
      root.dataset.firstFrameMs = firstFrameMs.toFixed(1);
    }
  }

  const playback = new Playback({
    draw,
    reducedMotion,
    positionChanged: () => writeUrl(playback.pinnedStep),
    drawFailed: (e) => {
      cancel?.();
      cancel = null;
      progressBox.hidden = true;
      playback.live = false;
      afterRun = null;
      showError(root, `This figure could not be drawn (${e instanceof Error ? e.message : String(e)}). Use Retry to run it again.`);
      fire('fail');
    },
  });

  /** The one place the figure writes its state (and the paused step, if any) into the address bar. */
  function writeUrl(step: number | undefined) {
    history.replaceState(history.state, '', urlWithState(meta, params, location.href, { step }));
  }

  // ---- runs ------------------------------------------------------------------------------
  function run(pin?: number) {
    cancel?.();
    const gen = ++generation;
    const current = () => gen === generation;
    playback.reset(pin);
    firstFrameMs = -1;
    errorBox.hidden = true;
    fire(state === 'error' ? 'retry' : 'run');
    progressBox.hidden = false;
    progress.value = 0;
    eta.textContent = '';
    const started = performance.now();
    // The bar and its text move at most PROGRESS_EVERY_MS apart: each change repaints a large part of the page
    // (a Chromium trace of saxe-mode-delay: 2–5 ms per paint, once per percent before this limit).
    let shownAt = -Infinity;
    const showProgress = (p: number) => {
      const now = performance.now();
      if (now - shownAt < PROGRESS_EVERY_MS) return;
      shownAt = now;
      progress.value = p;
      const left = timeLeft(now - started, p);
      if (eta.textContent !== left) eta.textContent = left;
    };
    cancel = startRun(root.id, meta.id, { ...params }, {
      frame(f) {
        if (!current()) return;
        showProgress(f.progress);
        playback.push(f);
      },
      progress(p) {
        if (current()) showProgress(p);
      },
      done(f, ms) {
        if (!current()) return;
        cancel = null;
        progressBox.hidden = true;
        const total = inputAt ? performance.now() - inputAt : ms;
        // "done" is announced only after the final frame is on screen.
        playback.finish(f, () => {
          if (!current()) return;
          root.dataset.doneMs = total.toFixed(1);
          // Engine time of the run and its step count, for `npm run bench` (ms per training step).
          root.dataset.engineMs = ms.toFixed(1);
          root.dataset.engineSteps = String(f.step);
          timingEl.textContent = `last run: ${fmt(ms)} ms in the engine`;
          root.dataset.runs = String(Number(root.dataset.runs ?? '0') + 1);
          fire(f.status === 'diverged' ? 'diverge' : 'finish');
          const then = afterRun;
          afterRun = null;
          then?.();
        });
      },
      cancelled() {
        if (afterRun) setNotes(['The export waited for a run that was replaced by a newer one; press the button again.']);
        afterRun = null;
      },
      error(message) {
        if (!current()) return;
        cancel = null;
        afterRun = null;
        progressBox.hidden = true;
        playback.live = false;
        showError(root, `${sentence(message)} The chart keeps the last state it showed; use Retry to try again.`);
        fire('fail');
      },
    });
  }

  let runQueued = false;
  let queuedPin: number | undefined;
  function scheduleRun(pin?: number) {
    inputAt = performance.now();
    queuedPin = pin;
    if (runQueued) return;
    runQueued = true;
    // Coalesce the input events of one task into one run, in the next task: not at the next animation frame, which
    // on a busy two-core machine came 30-50 ms later (a slider drag's events already arrive once per frame, and a
    // newer run supersedes the one before it in the worker).
    setTimeout(() => {
      runQueued = false;
      run(queuedPin);
    }, 0);
  }

  /** A reader's change: sanitize, show it in the controls, write the URL, rerun. */
  function change(changes: Params, opts: { base?: Params; pin?: number } = {}) {
    const s = sanitize(meta, { ...(opts.base ?? params), ...changes });
    params = s.params;
    writeAll(controls, meta.params, params);
    setNotes(s.notes);
    writeUrl(opts.pin);
    scheduleRun(opts.pin);
  }

  // ---- events ----------------------------------------------------------------------------
  const onInput = (ev: Event) => {
    const el = ev.target as HTMLInputElement | HTMLSelectElement;
    if (el === scrub) return playback.seek(Number(scrub.value));
    const d = byName.get(el.name);
    if (!d) return;
    // A number box commits on change (Enter, blur or its spinner), not on every keystroke: typing "300"
    // must not run 3, then 30, each snapped to the grid and written back under the reader's fingers.
    if (ev.type === 'input' && (el as HTMLInputElement).type === 'number') return;
    const v = readControl(d, el);
    if (v === null) return; // a number box being edited
    if (v === params[d.name]) {
      // The control moved within one grid value (or back): nothing to rerun, but show the exact value.
      writeAll(controls, [d], params);
      return;
    }
    change({ [d.name]: v });
  };

  /** Keep focus and state when Enter is pressed in a number box (no form submission anywhere). */
  const onKeydown = (ev: KeyboardEvent) => {
    if (ev.key !== 'Enter') return;
    const el = ev.target as HTMLInputElement;
    if (el.type === 'number') el.dispatchEvent(new Event('change', { bubbles: true }));
  };

  function runPausedAtStart() {
    inputAt = performance.now();
    run(0);
    writeUrl(playback.pinnedStep);
  }

  function withFrames(then: () => void) {
    if (playback.frames.length && !playback.live) return then();
    afterRun = then;
    if (!playback.live) {
      inputAt = performance.now();
      run();
    }
  }

  const actions: Record<string, (btn?: HTMLButtonElement) => void | Promise<void>> = {
    play: () => {
      // After a cancelled run, Play runs it again; otherwise it replays (or follows) the frames.
      const stopped = playback.frames.length && !playback.live && playback.frames[playback.frames.length - 1].status === 'running';
      if (stopped) return run();
      return playback.frames.length ? playback.play() : withFrames(() => {});
    },
    pause: () => playback.pause(),
    // Before any run, Step and First frame run the figure paused at its first frame.
    step: () => (playback.frames.length ? playback.step(1) : runPausedAtStart()),
    first: () => (playback.frames.length ? playback.seek(0) : runPausedAtStart()),
    defaults: () => change({}, { base: defaults(meta) }),
    retry: () => run(),
    cancel: () => {
      if (!cancel || state !== 'running') return;
      cancel();
      cancel = null;
      afterRun = null;
      playback.live = false;
      progressBox.hidden = true;
      const shown = playback.current;
      setNotes([shown ? `Run stopped by you at step ${shown.step}; the chart shows how far it got. Change a control or press Play to run again.` : 'Run stopped by you. Change a control or press Play to run again.']);
      fire('cancel');
    },
    'copy-link': async () => {
      const url = shareNow().link;
      try {
        await navigator.clipboard.writeText(url);
        setNotes([`Link copied: ${url}`]);
      } catch {
        setNotes([`Copy this link: ${url}`]);
      }
    },
    share: (btn) => openShare(root, btn ?? root, meta.title, shareNow()),
    'export-svg': () => exportSvg(composed().svg, fileName()),
    'export-png': () => exportPng(composed(), fileName()),
    'export-csv': () => withFrames(() => exportText(`${fileName()}.csv`, toCsv(playback.current!, meta), 'text/csv')),
    'export-json': () => withFrames(() => exportText(`${fileName()}.json`, toJson(playback.current!, meta, { backend }), 'application/json')),
    // Full screen is presenter mode on the whole screen (the chart laid out for it, controls folded).
    fullscreen: () => presenter.toggleFullscreen(),
    present: () => presenter.enter(),
  };

  const shareNow = () => shareUrls(meta, params, location.href, import.meta.env.BASE_URL, playback.pinnedStep);

  /** The shown frame, composed for a slide: title, legend, source and the link to this state. */
  const composed = () => {
    const f = shownFrame();
    if (!f) throw new Error('there is no chart to export yet');
    return composedSvg(f, meta, root, chart.clientWidth || 640, shareNow().link);
  };

  const fileName = () => {
    const f = shownFrame();
    return `${meta.id}${f ? `-step${f.step}` : ''}`;
  };

  const onClick = async (ev: Event) => {
    const btn = (ev.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!btn || !root.contains(btn)) return;
    const action = actions[btn.dataset.action ?? ''];
    if (!action) return;
    try {
      await action(btn);
    } catch (e) {
      setNotes([`${btn.textContent?.trim()} failed: ${e instanceof Error ? e.message : String(e)}`]);
    }
  };

  const onToggle = () => {
    const f = playback.frames[playback.cursor];
    if (details.open && f) table.replaceChildren(...tableNodes(document, f, meta, 50));
  };


  // ---- size, presenter mode, video ---------------------------------------------------------
  /** The frame on screen: the shown frame of a run, else the build-time default embedded in the page. */
  function shownFrame(): Frame | null {
    const f = playback.frames[playback.cursor] ?? playback.current;
    if (f) return f;
    if (staticFrame === undefined) {
      const text = root.querySelector('script.ld-frame')?.textContent;
      staticFrame = text ? (JSON.parse(text) as Frame) : null;
    }
    return staticFrame;
  }
  const sizeKey = () => JSON.stringify(chartSize());
  /** Redraw the shown frame at the chart's current size (the window or the layout changed). */
  function relayout() {
    const f = shownFrame();
    // Called when the chart may have changed size (presenter mode entered or left, a resize): read the width afresh,
    // the ResizeObserver's may not have come yet.
    observedWidth = chart.clientWidth;
    // A hidden chart (another figure is being presented) keeps its drawing for when it comes back.
    if (!f || observedWidth === 0 || sizeKey() === drawnKey) return;
    try {
      allSlices(drawChartSlices(f));
    } catch (e) {
      setNotes([`The chart could not be redrawn at this size (${e instanceof Error ? e.message : String(e)}); it keeps its last drawing.`]);
    }
  }
  /** Redraw at the new size once it has held still for 100 ms. */
  function scheduleRelayout() {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(relayout, 100);
  }
  const resizer = new ResizeObserver(() => {
    observedWidth = chart.clientWidth;
    scheduleRelayout();
  });
  const presenter = attachPresenter(root, meta, {
    redraw: relayout,
    isPlaying: () => playback.playing && (playback.live || playback.cursor < playback.frames.length - 1),
    play: () => void actions.play(),
    pause: () => void actions.pause(),
    step: (delta) => (delta > 0 ? void actions.step() : playback.frames.length && playback.step(delta)),
    restart: () => {
      if (!playback.frames.length) return void actions.play();
      playback.seek(0);
      playback.play();
    },
    defaults: () => void actions.defaults(),
  });
  const recorder = meta.iterative
    ? attachRecorder(root, meta, {
        frames: () => new Promise<Frame[]>((resolve) => withFrames(() => resolve(playback.frames.slice()))),
        screenWidth: () => chart.clientWidth,
      })
    : null;

  fire('mount');
  // A mount after a failed load (Retry) starts clean.
  errorBox.hidden = true;
  backendEl.textContent = 'starting the engine…';
  const stopWarm = warmUp(meta.id, {
    ready(name, note) {
      backend = name;
      backendEl.textContent = name;
      root.dataset.backend = name;
      if (note) {
        // Kept after the notes already shown (a repaired link's), and after every later change's.
        const shown = notesEl.textContent ?? '';
        backendNote = note;
        setNotes(shown ? [shown] : []);
      }
      fire('ready');
    },
    // The engine failed before it was ready, with no run of this figure under way (a run's error says so itself).
    failed(message) {
      if (state !== 'loading') return;
      backendEl.textContent = 'the engine did not start';
      showError(root, `${sentence(message)} The chart keeps what it showed; use Retry to start the engine again.`);
      fire('fail');
    },
  });

  // Controls the reader changed before this controller loaded (a key press right after focus, or values
  // the browser restored on back-navigation) are changes; the server-rendered defaults are not.
  const early: Params = {};
  for (const d of meta.params) {
    const el = inputFor(controls, d);
    if (!el || !changedFromMarkup(el)) continue;
    const v = readControl(d, el);
    if (v !== null && v !== initial.params[d.name]) early[d.name] = v;
  }
  setNotes(initial.notes);
  writeAll(controls, meta.params, params);
  // The keyboard handles of draggable points work on the build-time chart too (clicks need a live chart).
  attachPointPicking(chart, meta, () => params, (changes) => change(changes));
  if (Object.keys(early).length) {
    change(early, { pin: initial.step });
    if (initial.notes.length) setNotes(initial.notes);
  } else if (initial.present) {
    // A shared state: show it (the static chart is the default). The URL already says it.
    inputAt = performance.now();
    run(initial.step);
  }

  /**
   * The first time the pointer or the focus comes to the figure, before it has run here: run it in the engine
   * for up to WARM_MS, showing nothing. An engine's first run of a figure took 0.4–0.9 s longer than its later
   * runs (compiling, growing memory); this moves that cost to before the reader's first change, whose run ends
   * the warm-up at once (`npm run bench`: "first rerun after load").
   */
  let warmed = false;
  const warmOnce = (ev: Event) => {
    // A touch is as often the start of a scroll as a reach for the figure: only a mouse or the focus.
    if (ev instanceof PointerEvent && ev.pointerType !== 'mouse') return;
    if (warmed || cancel || Number(root.dataset.runs ?? '0') > 0) return;
    warmed = true;
    root.dataset.warmed = '';
    warmRun(root.id, meta.id, { ...params }, WARM_MS);
  };

  // Listeners last: if anything above threw, no half-built controller keeps handling events.
  const listeners: [EventTarget | null, string, (ev: Event) => unknown][] = [
    [root, 'pointerenter', warmOnce],
    [root, 'focusin', warmOnce],
    [controls, 'input', onInput],
    [controls, 'change', onInput],
    [controls, 'keydown', (ev) => onKeydown(ev as KeyboardEvent)],
    [scrub, 'input', onInput],
    [root, 'click', onClick],
    [details, 'toggle', onToggle],
  ];
  for (const [target, type, fn] of listeners) target?.addEventListener(type, fn);
  resizer.observe(chart);
  if (presentRequested(root.id, new URLSearchParams(location.search))) presenter.enter();

  return {
    applyState(set, step) {
      change(set, { base: defaults(meta), pin: step });
    },
    retry: () => run(),
    present: () => presenter.enter(),
    dispose() {
      resizer.disconnect();
      clearTimeout(resizeTimer);
      presenter.dispose();
      recorder?.dispose();
      cancel?.();
      playback.dispose();
      stopWarm();
      for (const [target, type, fn] of listeners) target?.removeEventListener(type, fn);
    },
  };
}
