/** Export the figure on screen: SVG and PNG (theme colours resolved), CSV and JSON of the plotted data. */
import type { FigureMeta, Frame } from '../engine/spec.ts';
import { coloursOf, frameSvg, layoutFor, legendFor } from './figure-svg.ts';

export function download(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * The figure as on screen (the shown frame, at the chart's width) as a standalone SVG document that reads on
 * a slide without the page: title, step, panels, legend, the source and the link to this state.
 */
export function composedSvg(frame: Frame, meta: FigureMeta, root: Element, screenWidth: number, link: string): { svg: string; width: number; height: number } {
  const { items, rows } = legendFor(frame, meta, 'screen', screenWidth);
  const layout = layoutFor('screen', screenWidth, rows);
  const source = meta.source.text.trim();
  const footer = [`Source: ${source}${/[.!?]$/.test(source) ? '' : '.'}`, `Live figure, in this state: ${link}`];
  return frameSvg(frame, meta, layout, items, coloursOf(root), footer);
}

export function exportSvg(svg: string, name: string) {
  download(`${name}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
}

/** The SVG document painted at 2× (crisp on a projector and in slides) through a blob: image (the CSP allows blob: images). */
export async function exportPng(doc: { svg: string; width: number; height: number }, name: string) {
  const url = URL.createObjectURL(new Blob([doc.svg], { type: 'image/svg+xml' }));
  const img = new Image();
  try {
    img.src = url;
    await img.decode();
  } finally {
    URL.revokeObjectURL(url);
  }
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = doc.width * scale;
  canvas.height = doc.height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas is not available in this browser.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, doc.width, doc.height);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error('The browser could not encode a PNG.');
  download(`${name}.png`, blob);
}

export function exportText(name: string, text: string, type: string) {
  download(name, new Blob([text], { type }));
}
