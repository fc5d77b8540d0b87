/**
 * "Record video": the run from its first to its last frame as a WebM file, for slides. Each frame is
 * drawn with the same chart builder into one standalone SVG (title, panels, legend; theme colours
 * resolved), painted onto a canvas through an <img> of a blob: URL (the page's CSP allows blob: images),
 * and captured with canvas.captureStream(0) + requestFrame(), so every frame is in the video exactly
 * once, for a fixed time. MediaRecorder encodes it (VP9, else VP8).
 */
import * as Plot from '@observablehq/plot';
import type { FigureMeta, Frame } from '../engine/spec.ts';
import { renderChart, type ChartSize } from './charts/render.ts';
import { download } from './export.ts';
import { escapeXml } from './escape.ts';
import { legendItems, type LegendItems } from './legend.ts';

export interface RecordHooks {
  /** All frames of the current state's run (runs it, or waits for it, if needed). */
  frames(): Promise<Frame[]>;
  /** The chart's on-screen width. */
  screenWidth(): number;
}

export type VideoSize = 'screen' | '1080p';

/** Time on screen per frame: the whole run in about 8 s, between 1/30 s and 0.4 s a frame. */
export function frameMs(count: number): number {
  return Math.min(400, Math.max(1000 / 30, 8000 / Math.max(1, count)));
}
/** The last frame is held this long, so the end state can be read. */
export const HOLD_MS = 1500;

interface Layout {
  width: number;
  height: number;
  pad: number;
  titleSize: number;
  chart: ChartSize;
  chartTop: number;
  legendTop: number;
}

function layoutFor(size: VideoSize, screenWidth: number, legendRows: number): Layout {
  if (size === '1080p') {
    const pad = 48;
    const titleSize = 34;
    const font = 26;
    const legendH = legendRows * font * 1.6;
    const chartTop = pad + titleSize * 1.6;
    const maxHeight = 1080 - chartTop - legendH - pad;
    return { width: 1920, height: 1080, pad, titleSize, chart: { width: 1920 - 2 * pad, maxHeight, fontSize: font }, chartTop, legendTop: 1080 - pad - legendH };
  }
  const pad = 16;
  const titleSize = 16;
  const width = Math.max(320, Math.round(screenWidth)) + 2 * pad;
  return { width, height: 0, pad, titleSize, chart: { width: width - 2 * pad, fontSize: 12 }, chartTop: pad + titleSize * 1.6, legendTop: 0 };
}

const even = (n: number) => Math.ceil(n / 2) * 2;

/** Legend entries for the video: colour swatches (when there are several groups) and line keys, in rows. */
function legendSvg(items: LegendItems, x0: number, y0: number, maxWidth: number, font: number): { svg: string; rows: number } {
  const entries: { key: string; label: string; keyWidth: number }[] = [];
  if (items.groups.length > 1)
    for (const g of items.groups) entries.push({ key: `<rect width="${font * 0.8}" height="${font * 0.8}" y="${-font * 0.7}" rx="2" fill="var(--ld-series-${(g.colour % 12) + 1})"/>`, label: g.label, keyWidth: font * 1.2 });
  for (const { spec } of items.kinds) {
    const stroke = spec.role === 'guide' ? 'var(--ld-muted)' : 'currentColor';
    const dash = /dashed/.test(spec.style) ? ` stroke-dasharray="${font * 0.4},${font * 0.3}"` : spec.style === 'dotted' ? ` stroke-dasharray="2,${font * 0.25}"` : '';
    const key = /dots|markers/.test(spec.style)
      ? `<circle cx="${font * 0.8}" cy="${-font * 0.3}" r="${font * 0.25}" fill="${spec.style === 'dots' ? stroke : 'none'}" stroke="${stroke}"/>`
      : `<line x1="0" x2="${font * 1.6}" y1="${-font * 0.3}" y2="${-font * 0.3}" stroke="${stroke}" stroke-width="${spec.style === 'thin' ? 1 : 2}"${dash}/>`;
    entries.push({ key, label: spec.label, keyWidth: font * 2 });
  }
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  for (const e of entries) {
    const w = e.keyWidth + e.label.length * font * 0.55;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      row++;
    }
    parts.push(`<g transform="translate(${x0 + x},${y0 + (row + 1) * font * 1.5})">${e.key}<text x="${e.keyWidth}" font-size="${font}">${escapeXml(e.label)}</text></g>`);
    x += w + font;
  }
  return { svg: parts.join(''), rows: entries.length ? row + 1 : 0 };
}

/** One frame as a standalone SVG document at the video's size. */
function frameSvg(frame: Frame, meta: FigureMeta, layout: Layout, items: LegendItems, colours: { fg: string; bg: string; font: string }): { svg: string; height: number } {
  const el = renderChart(frame, meta, Plot, document, layout.chart);
  // Plot's stylesheet sizes the <svg> for a page (height: auto); inside one SVG document it would misplace the panels.
  for (const s of el.querySelectorAll('style')) s.remove();
  const boxes = (el.getAttribute('data-boxes') ?? '').split(' ').map((b) => b.split(',').map(Number));
  const panels = [...el.children].map((svg, i) => {
    const [x, y] = boxes[i] ?? [0, 0];
    svg.setAttribute('x', String(layout.pad + x));
    svg.setAttribute('y', String(layout.chartTop + y));
    return svg.outerHTML;
  });
  const chartBottom = layout.chartTop + Math.max(0, ...boxes.map(([, y, , h]) => y + h));
  const legendFont = layout.chart.fontSize ?? 12;
  const legendTop = layout.legendTop || chartBottom + legendFont * 0.3;
  const legend = legendSvg(items, layout.pad, legendTop, layout.width - 2 * layout.pad, legendFont);
  const height = layout.height || even(legendTop + legend.rows * legendFont * 1.5 + layout.pad);
  const t = layout.titleSize;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" color="${colours.fg}" fill="currentColor" style="color:${colours.fg};font-family:${colours.font.replace(/"/g, "'")}">` +
    `<rect width="100%" height="100%" fill="${colours.bg}"/>` +
    `<text x="${layout.pad}" y="${layout.pad + t}" font-size="${t}" font-weight="600">${escapeXml(meta.title)}</text>` +
    `<text x="${layout.width - layout.pad}" y="${layout.pad + t}" font-size="${t * 0.8}" text-anchor="end">step ${frame.step}</text>` +
    `${panels.join('')}${legend.svg}</svg>`;
  const styles = getComputedStyle(document.documentElement);
  return { svg: svg.replace(/var\((--[\w-]+)\)/g, (_, name: string) => styles.getPropertyValue(name).trim() || colours.fg), height };
}

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
  const rootStyle = getComputedStyle(root);
  const colours = {
    fg: rootStyle.color,
    bg: getComputedStyle(document.documentElement).getPropertyValue('--ld-bg').trim() || '#ffffff',
    font: rootStyle.fontFamily || 'sans-serif',
  };
  // The legend of the last frame (the fullest), kept for the whole video so the key does not jump.
  const last = frames[frames.length - 1];
  const probe = renderChart(last, meta, Plot, document, layoutFor(opts.size, opts.screenWidth, 0).chart);
  const items = legendItems(probe, last, meta);
  const rows = legendSvg(items, 0, 0, (opts.size === '1080p' ? 1920 : opts.screenWidth) - 64, opts.size === '1080p' ? 26 : 12).rows;
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
