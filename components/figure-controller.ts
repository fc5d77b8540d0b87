/**
 * The interactive life of one figure: controls → worker run → frames → chart, caption, table;
 * playback over the streamed frames; URL state; exports. Loaded lazily by <ld-figure>.
 */
import * as Plot from '@observablehq/plot';
import { sanitize } from '../engine/params.ts';
import type { FigureMeta, Frame, NumberParam, ParamDescriptor, Params } from '../engine/spec.ts';
import { renderChart } from './charts/render.ts';
import { frameDigest } from './digest.ts';
import { tableHtml, toCsv, toJson } from './data-table.ts';
import { exportPng, exportSvg, exportText } from './export.ts';
import { fmt, fmtParam, fromSlider, toSlider } from './format.ts';
import { legendHtml } from './legend.ts';
import { readUrlState, urlWithState } from './url-state.ts';
import { startRun, warmUp } from './worker-client.ts';
import { attachPointPicking } from './point-picking.ts';
import { residualText } from './residual.ts';
import { showError } from './figure-error.ts';

type State = 'static' | 'loading' | 'ready' | 'running' | 'done' | 'diverged' | 'error';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export function mountFigure(root: HTMLElement) {
  const metaEl = root.querySelector('script.ld-meta');
  if (!metaEl?.textContent) throw new Error('figure metadata missing');
  const meta = JSON.parse(metaEl.textContent) as FigureMeta;
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);
  const chart = q<HTMLElement>('.ld-chart')!;
  const form = q<HTMLFormElement>('.ld-controls')!;
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
  const scrub = q<HTMLInputElement>('.ld-scrub');
  const byName = new Map<string, ParamDescriptor>(meta.params.map((d) => [d.name, d]));

  const initial = readUrlState(meta, location.href);
  let params: Params = initial.params;
  let frames: Frame[] = [];
  let cursor = -1;
  let playing = true;
  let running = false;
  let cancel: (() => void) | null = null;
  let playTimer = 0;
  let drawQueued = false;
  let inputAt = 0;
  let firstFrameMs = -1;

  const setState = (s: State) => (root.dataset.state = s);

  function setNotes(lines: string[]) {
    notesEl.textContent = lines.join(' ');
  }

  // ---- controls <-> params -------------------------------------------------------------
  function writeControl(d: ParamDescriptor, v: Params[string]) {
    const el = form.elements.namedItem(d.name) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) return;
    if (d.kind === 'boolean') (el as HTMLInputElement).checked = Boolean(v);
    else if (d.kind === 'choice') el.value = String(v);
    else if ((el as HTMLInputElement).type === 'range') {
      el.value = String(toSlider(d, Number(v)));
      el.setAttribute('aria-valuetext', fmtParam(d, v));
    } else el.value = String(v);
    const out = el.parentElement?.querySelector('output');
    if (out) out.textContent = fmtParam(d, v);
  }

  function readControl(d: ParamDescriptor, el: HTMLInputElement | HTMLSelectElement): Params[string] {
    if (d.kind === 'boolean') return (el as HTMLInputElement).checked;
    if (d.kind === 'choice') return el.value;
    const n = Number(el.value);
    return (el as HTMLInputElement).type === 'range' ? fromSlider(d as NumberParam, n) : n;
  }

  /**
   * Controls the reader changed before this controller was loaded (a key press right after focus, or
   * values the browser restored on back-navigation) differ from their server-rendered defaults.
   */
  function changedBeforeMount(): Params {
    const out: Params = {};
    for (const d of meta.params) {
      const el = form.elements.namedItem(d.name) as HTMLInputElement | HTMLSelectElement | null;
      if (!el) continue;
      const changed =
        el instanceof HTMLSelectElement
          ? [...el.options].some((o) => o.selected !== o.defaultSelected)
          : el.type === 'checkbox'
            ? el.checked !== el.defaultChecked
            : el.value !== el.defaultValue;
      if (changed) out[d.name] = readControl(d, el);
    }
    return out;
  }

  function syncControls() {
    for (const d of meta.params) writeControl(d, params[d.name]);
  }

  // ---- drawing ---------------------------------------------------------------------------
  function draw(frame: Frame) {
    const el = renderChart(frame, meta, Plot, document);
    chart.replaceChildren(el);
    const description = frame.description ?? caption.textContent ?? '';
    chart.setAttribute('aria-label', description);
    caption.textContent = description;
    legend.innerHTML = legendHtml(frame);
    runNotes.replaceChildren(...frame.notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    root.dataset.digest = frameDigest(frame);
    root.dataset.step = String(frame.step);
    if (details.open) table.innerHTML = tableHtml(frame, meta.axes.x, meta.axes.y, 50);
    residualEl.textContent = residualText(frame);
    attachPointPicking(chart, meta, () => params, (changes) => applyChanges(changes));
  }

  function show(index: number) {
    if (!frames.length) return;
    cursor = Math.max(0, Math.min(frames.length - 1, index));
    if (scrub) {
      scrub.max = String(frames.length - 1);
      scrub.value = String(cursor);
      scrub.setAttribute('aria-valuetext', `frame ${cursor + 1} of ${frames.length}, step ${frames[cursor].step}`);
    }
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      draw(frames[cursor]);
      if (firstFrameMs < 0 && inputAt) {
        firstFrameMs = performance.now() - inputAt;
        root.dataset.firstFrameMs = firstFrameMs.toFixed(1);
      }
    });
  }

  // ---- runs ------------------------------------------------------------------------------
  function run() {
    cancel?.();
    stopPlayback();
    frames = [];
    cursor = -1;
    playing = true;
    running = true;
    firstFrameMs = -1;
    errorBox.hidden = true;
    setState('running');
    progressBox.hidden = false;
    progress.value = 0;
    const runParams = { ...params };
    cancel = startRun(root.id, meta.id, runParams, {
      frame(f) {
        frames.push(f);
        progress.value = f.progress;
        if (scrub) scrub.max = String(frames.length - 1);
        if (playing && !reducedMotion()) show(frames.length - 1);
      },
      done(f, ms) {
        running = false;
        cancel = null;
        frames[frames.length ? frames.length - 1 : 0] = f;
        progressBox.hidden = true;
        if (playing) show(frames.length - 1);
        else if (scrub) scrub.max = String(frames.length - 1);
        const total = inputAt ? performance.now() - inputAt : ms;
        root.dataset.doneMs = total.toFixed(1);
        // Engine time of the run and its step count, for `npm run bench` (ms per training step).
        root.dataset.engineMs = ms.toFixed(1);
        root.dataset.engineSteps = String(f.step);
        timingEl.textContent = `last run: ${fmt(ms, 3)} ms in the engine`;
        root.dataset.runs = String(Number(root.dataset.runs ?? '0') + 1);
        setState(f.status === 'diverged' ? 'diverged' : 'done');
        const then = afterRun;
        afterRun = null;
        then?.();
      },
      cancelled() {
        running = false;
        afterRun = null;
      },
      error(message) {
        running = false;
        cancel = null;
        progressBox.hidden = true;
        showError(root, `${message} The chart keeps the last state it showed; use Retry to try again.`);
      },
    });
  }

  let runQueued = false;
  function scheduleRun() {
    inputAt = performance.now();
    if (runQueued) return;
    runQueued = true;
    // Coalesce the burst of input events of one slider drag into one run per animation frame.
    requestAnimationFrame(() => {
      runQueued = false;
      run();
    });
  }

  function applyChanges(changes: Params) {
    const s = sanitize(meta, { ...params, ...changes });
    params = s.params;
    syncControls();
    setNotes(s.notes);
    history.replaceState(history.state, '', urlWithState(meta, params, location.href));
    scheduleRun();
  }

  // ---- playback over the streamed frames --------------------------------------------------
  function stopPlayback() {
    if (playTimer) clearInterval(playTimer);
    playTimer = 0;
  }

  function play() {
    stopPlayback();
    playing = true;
    if (!frames.length) return;
    if (reducedMotion()) return show(frames.length - 1);
    if (cursor >= frames.length - 1 && !running) cursor = -1;
    playTimer = window.setInterval(() => {
      if (cursor < frames.length - 1) show(cursor + 1);
      else if (!running) stopPlayback();
    }, 60);
  }

  function pause() {
    stopPlayback();
    playing = false;
  }

  // ---- events ----------------------------------------------------------------------------
  const onInput = (ev: Event) => {
    const el = ev.target as HTMLInputElement | HTMLSelectElement;
    if (el === scrub) {
      pause();
      show(Number(scrub.value));
      return;
    }
    const d = byName.get(el.name);
    if (!d) return;
    if (d.kind === 'number' && el.value === '') return; // a number box being edited
    applyChanges({ [d.name]: readControl(d, el) });
  };

  const onClick = async (ev: Event) => {
    const btn = (ev.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!btn || !root.contains(btn)) return;
    const frame = frames[cursor];
    const name = `${meta.id}${frame ? `-step${frame.step}` : ''}`;
    try {
      switch (btn.dataset.action) {
        case 'play':
          return frames.length ? play() : withFrames(() => {});
        case 'pause':
          return pause();
        case 'step':
          return withFrames(() => {
            pause();
            show(cursor + 1);
          });
        case 'reset':
          return withFrames(() => {
            pause();
            show(0);
          });
        case 'retry':
          return run();
        case 'copy-link': {
          const url = urlWithState(meta, params, location.href, `#${meta.id}`);
          try {
            await navigator.clipboard.writeText(url);
            setNotes([`Link copied: ${url}`]);
          } catch {
            setNotes([`Copy this link: ${url}`]);
          }
          return;
        }
        case 'export-svg':
          return exportSvg(chart, name, meta.title);
        case 'export-png':
          return await exportPng(chart, name, meta.title);
        case 'export-csv':
          return withFrames(() => exportText(`${name}.csv`, toCsv(current()), 'text/csv'));
        case 'export-json':
          return withFrames(() => exportText(`${name}.json`, toJson(current()), 'application/json'));
        case 'fullscreen':
          if (document.fullscreenElement) return await document.exitFullscreen();
          return await root.requestFullscreen();
      }
    } catch (e) {
      setNotes([`${btn.textContent?.trim()} failed: ${e instanceof Error ? e.message : String(e)}`]);
    }
  };

  /** Before the first run only the build-time SVG exists; the data for playback and exports come from a run. */
  let afterRun: (() => void) | null = null;
  const current = () => frames[cursor] ?? frames[frames.length - 1];
  function withFrames(then: () => void) {
    if (frames.length && !running) return then();
    afterRun = then;
    if (!running) {
      inputAt = performance.now();
      run();
    }
  }

  const onToggle = () => {
    if (details.open && frames[cursor]) table.innerHTML = tableHtml(frames[cursor], meta.axes.x, meta.axes.y, 50);
  };

  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  scrub?.addEventListener('input', onInput);
  root.addEventListener('click', onClick);
  details.addEventListener('toggle', onToggle);

  setState('loading');
  const stopWarm = warmUp((backend, note) => {
    backendEl.textContent = backend;
    root.dataset.backend = backend;
    if (note) setNotes([note]);
  });

  const early = changedBeforeMount();
  setNotes(initial.notes);
  if (Object.keys(early).length) {
    // Keep the URL's state, then apply what the reader already did; applyChanges reruns.
    applyChanges(early);
    if (initial.notes.length) setNotes(initial.notes);
  } else if (initial.present) {
    syncControls();
    inputAt = performance.now();
    run();
  } else {
    // The default state is already on screen (rendered at build): no run until the reader asks.
    syncControls();
    setState('ready');
  }

  return {
    dispose() {
      cancel?.();
      stopPlayback();
      stopWarm();
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
      root.removeEventListener('click', onClick);
    },
  };
}
