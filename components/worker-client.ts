/**
 * The page's single engine worker. Every figure on the page shares it; runs are told apart by id.
 * If the worker fails to load or crashes, or stops answering a reader (stall-watch.ts), every pending run gets an
 * error and the next run (or a retry) starts a fresh worker.
 */
import type { FromWorker, ToWorker } from '../engine/protocol.ts';
import type { Frame, Params } from '../engine/spec.ts';
import { fromWire, type WireMessage } from '../engine/wire.ts';
// The bundled worker's hashed, base-aware URL (Vite builds it as its own ES module entry).
import workerUrl from '../engine/worker.ts?worker&url';
import { START_MS, STALL_MS, StallWatch } from './stall-watch.ts';
import { trustedScriptUrl } from './trusted-url.ts';

/** The one Trusted Types policy of the site (named in the CSP's `trusted-types` directive, site/lib/csp.ts). */
export const WORKER_POLICY = 'learning-dynamics-worker';

/** The worker's URL as the browser's Trusted Types want it (components/trusted-url.ts). */
const trustedWorkerUrl = () => trustedScriptUrl(WORKER_POLICY, workerUrl);

export interface RunHandlers {
  frame(frame: Frame): void;
  /** How far the run has got before its next frame (0..1). */
  progress(fraction: number): void;
  done(frame: Frame, ms: number): void;
  cancelled(): void;
  error(message: string): void;
}

let worker: Worker | null = null;
let nextRunId = 1;
const pending = new Map<number, RunHandlers>();
/** A figure waiting for the engine: told its backend once the worker is ready, or why it failed before that. */
export interface EngineListener {
  ready(backend: string, note?: string): void;
  failed(message: string): void;
}
/** Warm-ups under way (run ids): a reader's run anywhere on the page ends them. */
const warming = new Set<number>();

const backendListeners = new Set<EngineListener>();
let backend: { name: string; note?: string } | null = null;

/** Reader's runs cancelled whose last message (cancelled, done or error) has not come yet: the engine owes an answer. */
const ending = new Set<number>();

/**
 * A stuck engine (a loop that never yields, a run lost on the way, a start that never ends) is stopped, and the
 * figures waiting on it say so, with Retry (components/stall-watch.ts tells stuck from slow). Only while a reader
 * waits: on a run of theirs, or on the answer to a cancel; an engine still starting gets longer (START_MS). Warm-ups
 * do not count: a reader's run ends them.
 */
const stall = new StallWatch((ms) => {
  const s = Math.round(ms / 1000);
  failAll(
    backend
      ? `The simulation engine (a Web Worker) stopped answering: nothing came from it for ${s} s, so it was stopped. ` +
          'At very large settings a slow device can take this long between frames; smaller settings run faster'
      : `The simulation engine (a Web Worker) did not start within ${s} s, so it was stopped. Its code may still have been coming over a slow connection`,
  );
});
if (typeof document !== 'undefined') {
  const back = () => document.visibilityState === 'visible' && stall.resumed();
  document.addEventListener('visibilitychange', back);
  globalThis.addEventListener?.('pageshow', back);
}

/** Start or stop the stall watch as readers begin and stop waiting on the engine. */
function watchStall() {
  let waiting = ending.size > 0;
  for (const id of pending.keys()) if (!warming.has(id)) waiting = true;
  stall.waiting(waiting, backend ? STALL_MS : START_MS);
}

function failAll(message: string) {
  const starting = backend === null;
  // Forget the worker first, then tell the figures: a figure that starts a run while it is told gets a fresh one.
  const told = [...pending.values()];
  pending.clear();
  ending.clear();
  warming.clear();
  stall.reset();
  worker?.terminate();
  worker = null;
  backend = null;
  for (const h of told) h.error(message);
  // A worker that fails before it is ready may have no reader's run to report it (only a warm-up): the figures
  // still waiting for the engine are told, or they would say "starting the engine…" for ever.
  if (starting) for (const l of backendListeners) l.failed(message);
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(trustedWorkerUrl(), { type: 'module', name: 'learning-dynamics-engine' });
  w.addEventListener('message', (ev: MessageEvent<WireMessage>) => {
    if (w !== worker) return; // a worker given up on
    const wire = ev.data;
    stall.heard();
    if (typeof wire !== 'object' || wire === null) return;
    if (wire.type === 'ready') {
      backend = { name: wire.backend, note: wire.note };
      watchStall();
      for (const l of backendListeners) l.ready(wire.backend, wire.note);
      return;
    }
    const terminal = wire.type === 'done' || wire.type === 'cancelled' || wire.type === 'error';
    if (terminal && ending.delete(wire.runId)) watchStall();
    const h = pending.get(wire.runId);
    if (!h) return; // a stale run: nobody is listening any more, and its frame is not unpacked
    const m = fromWire(wire) as Exclude<FromWorker, { type: 'ready' }>;
    if (m.type === 'frame') h.frame(m.frame);
    else if (m.type === 'progress') h.progress(m.progress);
    else {
      pending.delete(m.runId);
      watchStall();
      if (m.type === 'done') h.done(m.frame, m.ms);
      else if (m.type === 'cancelled') h.cancelled();
      else h.error(m.message);
    }
  });
  w.addEventListener('error', (ev) => {
    ev.preventDefault();
    if (w !== worker) return;
    failAll('The simulation engine (a Web Worker) failed to load or crashed' + (ev.message ? `: ${ev.message}` : '.'));
  });
  w.addEventListener('messageerror', () => w === worker && failAll('The simulation engine sent a message that could not be read.'));
  worker = w;
  return w;
}

function post(m: ToWorker) {
  ensureWorker().postMessage(m);
}

/**
 * Start the worker early (when a figure hydrates), and have it load the figure's code, so that the first
 * rerun pays for neither.
 */
export function warmUp(figureId: string, listener: EngineListener): () => void {
  backendListeners.add(listener);
  if (backend) listener.ready(backend.name, backend.note);
  post({ type: 'prepare', figureId });
  return () => backendListeners.delete(listener);
}

/**
 * Run a figure for at most `ms`, showing nothing, so that the engine has compiled its code and sized its
 * memory before the reader's first change. Only while no other run is under way; any reader's run ends it.
 */
export function warmRun(slot: string, figureId: string, params: Params, ms: number): void {
  if (pending.size) return;
  const runId = nextRunId++;
  const end = () => {
    warming.delete(runId);
    pending.delete(runId);
    watchStall();
  };
  pending.set(runId, { frame: () => {}, progress: () => {}, done: end, cancelled: end, error: end });
  warming.add(runId);
  try {
    post({ type: 'run', runId, slot, figureId, params, warmMs: ms });
  } catch {
    end();
  }
}

/** Run a figure; returns a cancel function. A new run in the same slot supersedes the old one. */
export function startRun(slot: string, figureId: string, params: Params, handlers: RunHandlers): () => void {
  // The reader's run gets the engine to itself.
  for (const id of warming) worker?.postMessage({ type: 'cancel', runId: id } satisfies ToWorker);
  const runId = nextRunId++;
  pending.set(runId, handlers);
  try {
    post({ type: 'run', runId, slot, figureId, params });
  } catch (e) {
    pending.delete(runId);
    handlers.error(e instanceof Error ? e.message : String(e));
    return () => {};
  }
  watchStall();
  return () => {
    if (!pending.has(runId)) return;
    pending.delete(runId);
    // The engine still owes this run's last message: a stuck engine is found on a cancel too.
    ending.add(runId);
    watchStall();
    worker?.postMessage({ type: 'cancel', runId } satisfies ToWorker);
    handlers.cancelled();
  };
}

