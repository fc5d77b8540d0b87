/**
 * "Record video": the run from its first to its last frame as a WebM file, for slides. Each frame is
 * drawn with the same chart builder into one standalone SVG (title, panels, legend; theme colours
 * resolved), painted onto a canvas through an <img> of a blob: URL (the page's CSP allows blob: images),
 * and captured with canvas.captureStream(0) + requestFrame(), so every frame is in the video exactly
 * once, for a fixed time. MediaRecorder encodes it (VP9, else VP8).
 */
import type { FigureMeta, Frame } from '../engine/spec.ts';
import { download } from './export.ts';
import { coloursOf, even, frameSvg, layoutFor, legendFor, type ComposeSize } from './figure-svg.ts';

export interface RecordHooks {
  /** All frames of the current state's run (runs it, or waits for it, if needed). */
  frames(): Promise<Frame[]>;
  /** The chart's on-screen width. */
  screenWidth(): number;
}

export type VideoSize = ComposeSize;

/** Time on screen per frame: the whole run in about 8 s, between 1/30 s and 0.4 s a frame. */
export function frameMs(count: number): number {
  return Math.min(400, Math.max(1000 / 30, 8000 / Math.max(1, count)));
}
/** The last frame is held this long, so the end state can be read. */
export const HOLD_MS = 1500;

async function paint(ctx: CanvasRenderingContext2D, svg: string) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    ctx.drawImage(img, 0, 0, ctx.canvas.width, ctx.canvas.height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export interface RecordOptions {
  size: VideoSize;
  screenWidth: number;
  cancelled(): boolean;
  progress(done: number, total: number): void;
}

/** Records `frames` into a WebM blob; null when cancelled. */
export async function recordFrames(frames: readonly Frame[], meta: FigureMeta, root: Element, opts: RecordOptions): Promise<Blob | null> {
  if (!frames.length) throw new Error('there are no frames to record');
  if (typeof MediaRecorder === 'undefined') throw new Error('this browser cannot record video (no MediaRecorder)');
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('this browser cannot encode WebM video');
  const colours = coloursOf(root);
  // The legend of the last frame (the fullest), kept for the whole video so the key does not jump.
  const { items, rows } = legendFor(frames[frames.length - 1], meta, opts.size, opts.screenWidth);
  const layout = layoutFor(opts.size, opts.screenWidth, rows);
  const first = frameSvg(frames[0], meta, layout, items, colours);

  const canvas = document.createElement('canvas');
  canvas.width = even(layout.width);
  canvas.height = even(first.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas drawing is not available');
  await paint(ctx, first.svg);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as MediaStreamTrack & { requestFrame?: () => void };
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: opts.size === '1080p' ? 8_000_000 : 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start(1000);
  const per = frameMs(frames.length);
  const t0 = performance.now();
  try {
    for (let i = 0; i < frames.length; i++) {
      if (opts.cancelled()) return null;
      if (i > 0) await paint(ctx, frameSvg(frames[i], meta, layout, items, colours).svg);
      track.requestFrame?.();
      opts.progress(i + 1, frames.length);
      await sleep(t0 + (i + 1) * per - performance.now());
    }
    await sleep(HOLD_MS);
    track.requestFrame?.();
    await sleep(per);
  } finally {
    recorder.stop();
    track.stop();
    await stopped;
  }
  if (opts.cancelled()) return null;
  return new Blob(chunks, { type: 'video/webm' });
}

/** The Record button, its size choice and its status line, in the figure's actions. */
export function attachRecorder(root: HTMLElement, meta: FigureMeta, hooks: RecordHooks): { dispose(): void } {
  const actions = root.querySelector('.ld-actions');
  const wrap = document.createElement('span');
  wrap.className = 'ld-record';
  const btn = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Record video' });
  btn.title = 'Export the run, first to last frame, as a WebM video';
  const select = document.createElement('select');
  select.setAttribute('aria-label', 'Video size');
  select.className = 'ld-record-size';
  select.append(new Option('as on screen', 'screen'), new Option('1920×1080', '1080p'));
  const status = document.createElement('span');
  status.className = 'ld-record-status';
  status.setAttribute('role', 'status');
  wrap.append(btn, select, status);
  actions?.appendChild(wrap);

  let busy = false;
  let cancelled = false;
  /** Ends the wait for a run when the reader cancels before it finishes. */
  let stopWaiting: (() => void) | null = null;
  const setState = (s: string) => (root.dataset.record = s);

  async function start() {
    busy = true;
    cancelled = false;
    btn.textContent = 'Cancel recording';
    select.disabled = true;
    setState('waiting');
    status.textContent = 'Waiting for the run to finish…';
    try {
      const frames = await Promise.race([hooks.frames(), new Promise<null>((r) => (stopWaiting = () => r(null)))]);
      stopWaiting = null;
      if (cancelled || !frames) return;
      setState('recording');
      const blob = await recordFrames(frames, meta, root, {
        size: select.value as VideoSize,
        screenWidth: hooks.screenWidth(),
        cancelled: () => cancelled,
        progress: (done, total) => {
          status.textContent = `Recording frame ${done} of ${total}…`;
          root.dataset.recordFrames = String(done);
          root.dataset.recordTotal = String(total);
        },
      });
      if (!blob) return;
      download(`${meta.id}.webm`, blob);
      status.textContent = `Saved ${meta.id}.webm (${frames.length} frames, ${(blob.size / 1024).toFixed(0)} KB).`;
      setState('done');
    } catch (e) {
      status.textContent = `Recording failed: ${e instanceof Error ? e.message : String(e)}.`;
      setState('error');
    } finally {
      if (cancelled) {
        status.textContent = 'Recording cancelled.';
        setState('cancelled');
      }
      busy = false;
      btn.textContent = 'Record video';
      select.disabled = false;
    }
  }

  const onClick = () => {
    if (!busy) return void start();
    cancelled = true;
    stopWaiting?.();
  };
  btn.addEventListener('click', onClick);
  return {
    dispose() {
      cancelled = true;
      stopWaiting?.();
      btn.removeEventListener('click', onClick);
      wrap.remove();
    },
  };
}
