/**
 * One frame of a figure as a standalone SVG document that reads without the page: title, step, panels,
 * legend and, for exports, a footer with the source and the link to this state. Drawn with the same chart
 * builder as the page, theme colours resolved. Used by the video (one document per frame) and by the SVG
 * and PNG exports, so a slide made from either says what it shows and where it comes from.
 */
import * as Plot from '@observablehq/plot';
import type { FigureMeta, Frame } from '../engine/spec.ts';
import { renderChart, type ChartSize } from './charts/render.ts';
import { escapeXml } from './escape.ts';
import { legendItems, type LegendItems } from './legend.ts';

export type ComposeSize = 'screen' | '1080p';

export interface Layout {
  width: number;
  /** 0: as tall as the content. */
  height: number;
  pad: number;
  titleSize: number;
  chart: ChartSize;
  chartTop: number;
  /** 0: under the chart. */
  legendTop: number;
}

export interface Colours {
  fg: string;
  bg: string;
  font: string;
}

/** A rough text width for wrapping and packing (sans-serif, mixed case): 0.55 em a character. */
const textWidth = (s: string, font: number) => s.length * font * 0.55;

export function layoutFor(size: ComposeSize, screenWidth: number, legendRows: number): Layout {
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

/** Legend entries: colour swatches (when there are several groups) and line keys, packed in rows. */
export function legendSvg(items: LegendItems, x0: number, y0: number, maxWidth: number, font: number): { svg: string; rows: number } {
  const entries: { key: string; label: string; keyWidth: number }[] = [];
  if (items.groups.length > 1)
    for (const g of items.groups) entries.push({ key: `<rect width="${font * 0.8}" height="${font * 0.8}" y="${-font * 0.7}" rx="2" fill="var(--ld-series-${(g.colour % 12) + 1})"/>`, label: g.label, keyWidth: font * 1.2 });
  for (const { spec } of items.kinds) {
    const stroke = spec.role === 'guide' ? 'var(--ld-muted)' : 'currentColor';
    const dash = /dashed/.test(spec.style) ? ` stroke-dasharray="${font * 0.4},${font * 0.3}"` : spec.style === 'dotted' ? ` stroke-dasharray="2,${font * 0.25}"` : '';
    const key = /cells|area/.test(spec.style)
      ? `<rect width="${font * 1.6}" height="${font * 0.8}" y="${-font * 0.7}" rx="2" fill="${stroke}" fill-opacity="0.35"/>`
      : /dots|markers/.test(spec.style)
      ? `<circle cx="${font * 0.8}" cy="${-font * 0.3}" r="${font * 0.25}" fill="${spec.style === 'dots' ? stroke : 'none'}" stroke="${stroke}"/>`
      : `<line x1="0" x2="${font * 1.6}" y1="${-font * 0.3}" y2="${-font * 0.3}" stroke="${stroke}" stroke-width="${spec.style === 'thin' ? 1 : 2}"${dash}/>`;
    entries.push({ key, label: spec.label, keyWidth: font * 2 });
  }
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  for (const e of entries) {
    const w = e.keyWidth + textWidth(e.label, font);
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      row++;
    }
    parts.push(`<g transform="translate(${x0 + x},${y0 + (row + 1) * font * 1.5})">${e.key}<text x="${e.keyWidth}" font-size="${font}">${escapeXml(e.label)}</text></g>`);
    x += w + font;
  }
  return { svg: parts.join(''), rows: entries.length ? row + 1 : 0 };
}

/** Words into lines of at most `maxWidth` (estimated); a word longer than a line (a URL) gets a line of its own. */
export function wrapText(text: string, maxWidth: number, font: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, font) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Video encoders want even sizes. */
export const even = (n: number) => Math.ceil(n / 2) * 2;

/** The page's colours and font for the figure `root`, to resolve the theme into the file. */
export function coloursOf(root: Element): Colours {
  const style = getComputedStyle(root);
  return {
    fg: style.color,
    bg: getComputedStyle(document.documentElement).getPropertyValue('--ld-bg').trim() || '#ffffff',
    font: style.fontFamily || 'sans-serif',
  };
}

/** The legend a frame's chart shows at this size (kinds and colour groups actually drawn). */
export function legendFor(frame: Frame, meta: FigureMeta, size: ComposeSize, screenWidth: number): { items: LegendItems; rows: number } {
  const probe = renderChart(frame, meta, Plot, document, layoutFor(size, screenWidth, 0).chart);
  const items = legendItems(probe, frame, meta);
  const rows = legendSvg(items, 0, 0, (size === '1080p' ? 1920 : screenWidth) - 64, size === '1080p' ? 26 : 12).rows;
  return { items, rows };
}

/**
 * One frame as a standalone SVG document at the layout's size. `footer` lines (the source, the link) go
 * under the legend in the muted colour; the video leaves them out, an exported image carries them.
 */
export function frameSvg(frame: Frame, meta: FigureMeta, layout: Layout, items: LegendItems, colours: Colours, footer: readonly string[] = []): { svg: string; width: number; height: number } {
  const t = layout.titleSize;
  // A long title wraps (a phone-wide export); the chart moves down by the extra lines.
  const titleLines = wrapText(meta.title, layout.width - 2 * layout.pad - (meta.iterative ? t * 5 : 0), t);
  const dy = (titleLines.length - 1) * t * 1.25;
  const el = renderChart(frame, meta, Plot, document, layout.chart);
  // Plot's stylesheet sizes the <svg> for a page (height: auto); inside one SVG document it would misplace the panels.
  for (const s of el.querySelectorAll('style')) s.remove();
  const boxes = (el.getAttribute('data-boxes') ?? '').split(' ').map((b) => b.split(',').map(Number));
  const panels = [...el.children].map((svg, i) => {
    const [x, y] = boxes[i] ?? [0, 0];
    svg.setAttribute('x', String(layout.pad + x));
    svg.setAttribute('y', String(layout.chartTop + dy + y));
    return svg.outerHTML;
  });
  const chartBottom = layout.chartTop + dy + Math.max(0, ...boxes.map(([, y, , h]) => y + h));
  const font = layout.chart.fontSize ?? 12;
  const legendTop = layout.legendTop || chartBottom + font * 0.3;
  const legend = legendSvg(items, layout.pad, legendTop, layout.width - 2 * layout.pad, font);
  const footFont = Math.round(font * 0.9);
  const footLines = footer.flatMap((t) => wrapText(t, layout.width - 2 * layout.pad, footFont));
  const footTop = legendTop + legend.rows * font * 1.5 + (footLines.length ? font * 0.6 : 0);
  const foot = footLines
    .map((t, i) => `<text x="${layout.pad}" y="${footTop + (i + 1) * footFont * 1.4}" font-size="${footFont}" fill="var(--ld-muted)">${escapeXml(t)}</text>`)
    .join('');
  const height = layout.height || even(footTop + footLines.length * footFont * 1.4 + layout.pad);
  const title = titleLines.map((line, i) => `<text x="${layout.pad}" y="${layout.pad + t + i * t * 1.25}" font-size="${t}" font-weight="600">${escapeXml(line)}</text>`).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" color="${colours.fg}" fill="currentColor" style="color:${colours.fg};font-family:${colours.font.replace(/"/g, "'")}">` +
    `<title>${escapeXml(meta.title)}</title>` +
    `<rect width="100%" height="100%" fill="${colours.bg}"/>` +
    title +
    (meta.iterative ? `<text x="${layout.width - layout.pad}" y="${layout.pad + t}" font-size="${t * 0.8}" text-anchor="end">step ${frame.step}</text>` : '') +
    `${panels.join('')}${legend.svg}${foot}</svg>`;
  const styles = getComputedStyle(document.documentElement);
  return { svg: svg.replace(/var\((--[\w-]+)\)/g, (_, name: string) => styles.getPropertyValue(name).trim() || colours.fg), width: layout.width, height };
}
