/**
 * Open Graph images, rendered at build: a chapter's first figure (its static SVG at the default state,
 * components/build/static-figure.ts) under the chapter's title, rasterised to a 1200×630 PNG by resvg
 * (@resvg/resvg-js, MPL-2.0, prebuilt binaries from the npm registry, no network). Text is set in KaTeX's
 * self-hosted Main font (system fonts only for glyphs it lacks, such as some arrows). Colours are the light theme's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { escapeXml } from '../../components/escape.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

// From the project root (builds run there): this module is bundled into Astro's prerender chunks.
const ROOT = pathToFileURL(`${process.cwd()}/`);
const FONT_DIR = new URL('node_modules/katex/dist/fonts/', ROOT);
const FONTS = ['KaTeX_Main-Regular.ttf', 'KaTeX_Main-Bold.ttf'].map((f) => fileURLToPath(new URL(f, FONT_DIR)));

/** The light theme's custom properties (`--ld-…: value;` in the first :root block of global.css), var() resolved. */
export function lightTheme(css = readFileSync(new URL('site/styles/global.css', ROOT), 'utf8')): Map<string, string> {
  const block = /:root[^{]*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const raw = new Map<string, string>();
  for (const m of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) raw.set(m[1], m[2].trim());
  const resolve = (v: string, depth = 0): string =>
    depth > 8 ? v : v.replace(/var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)/g, (_, name: string, fallback?: string) => resolve(raw.get(name) ?? fallback ?? 'currentColor', depth + 1));
  return new Map([...raw].map(([k, v]) => [k, resolve(v)]));
}

/** The `<svg>` panels of a static chart, with CSS variables and currentColor replaced by colours. */
export function panelsOf(chartHtml: string, theme: Map<string, string>): { markup: string; width: number; height: number }[] {
  const fg = theme.get('--ld-fg') ?? '#000';
  const panels = chartHtml.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
  return panels.map((svg) => {
    const vb = (/viewBox="([\d.\s-]+)"/.exec(svg)?.[1] ?? '0 0 640 400').trim().split(/\s+/).map(Number);
    const open = /^<svg\b[^>]*>/.exec(svg)![0];
    const markup = svg
      .replace(open, open.replace(/\s(?:width|height|x|y)="[^"]*"/g, ''))
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)/g, (_, name: string, fallback?: string) => theme.get(name) ?? fallback ?? fg)
      .replace(/currentColor/g, fg);
    return { markup, width: vb[2], height: vb[3] };
  });
}

export interface OgText {
  kicker: string;
  title: string;
  caption: string;
}

/** The whole image as SVG: text on top, the panels side by side below, each scaled to fit. */
export function ogSvg(text: OgText, chartHtml: string, theme = lightTheme()): string {
  const bg = theme.get('--ld-bg') ?? '#fff';
  const fg = theme.get('--ld-fg') ?? '#000';
  const muted = theme.get('--ld-muted') ?? '#555';
  const accent = theme.get('--ld-accent') ?? fg;
  const panels = panelsOf(chartHtml, theme);
  const top = 190;
  const box = { x: 48, y: top, w: OG_WIDTH - 96, h: OG_HEIGHT - top - 24 };
  const gap = 24;
  const w = panels.length ? (box.w - gap * (panels.length - 1)) / panels.length : box.w;
  // KaTeX Main averages about half an em per character: shrink long titles to fit one line.
  const fit = (s: string, max: number) => Math.min(max, Math.floor(box.w / (0.5 * Math.max(1, s.length))));
  const placed = panels
    .map((p, i) => p.markup.replace(/^<svg\b/, `<svg x="${box.x + i * (w + gap)}" y="${box.y}" width="${w}" height="${box.h}" preserveAspectRatio="xMidYMid meet"`))
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="100%" height="100%" fill="${bg}"/>
<rect width="100%" height="10" fill="${accent}"/>
<text x="48" y="70" font-family="KaTeX_Main" font-size="28" fill="${muted}">${escapeXml(text.kicker)}</text>
<text x="48" y="125" font-family="KaTeX_Main" font-weight="bold" font-size="${fit(text.title, 50)}" fill="${fg}">${escapeXml(text.title)}</text>
<text x="48" y="168" font-family="KaTeX_Main" font-size="${fit(text.caption, 24)}" fill="${muted}">${escapeXml(text.caption)}</text>
${placed}
</svg>`;
}

export function renderPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: OG_WIDTH },
    font: { fontFiles: FONTS, loadSystemFonts: true, defaultFontFamily: 'KaTeX_Main' },
  });
  return resvg.render().asPng();
}
