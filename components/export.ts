/** Export the figure on screen: SVG and PNG (theme colours resolved), CSV and JSON of the plotted data. */
import { escapeXml } from './escape.ts';
import { withPlotStyles } from './plot-styles.ts';

export function download(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Replace var(--x) in attributes and inline styles by their computed values so the file stands alone. */
export function resolveVars(root: Element, styles: CSSStyleDeclaration) {
  const sub = (v: string) => v.replace(/var\((--[\w-]+)\)/g, (_, name: string) => styles.getPropertyValue(name).trim() || 'currentColor');
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) if (attr.value.includes('var(')) el.setAttribute(attr.name, sub(attr.value));
  }
}

/** All panels of the chart side by side in one standalone SVG document. */
export function standaloneSvg(chart: Element, title: string): { svg: string; width: number; height: number } {
  const host = getComputedStyle(chart);
  const fg = host.color;
  const bg = getComputedStyle(document.documentElement).getPropertyValue('--ld-bg').trim() || '#fff';
  const panels = [...chart.querySelectorAll('svg')].filter((s) => !s.parentElement?.closest('svg'));
  let x = 0;
  let height = 0;
  const parts: string[] = [];
  for (const p of panels) {
    const w = Number(p.getAttribute('width')) || 640;
    const h = Number(p.getAttribute('height')) || 400;
    const c = withPlotStyles(p.cloneNode(true) as SVGSVGElement) as SVGSVGElement;
    resolveVars(c, getComputedStyle(document.documentElement));
    c.setAttribute('x', String(x));
    c.setAttribute('y', '0');
    parts.push(c.outerHTML);
    x += w;
    height = Math.max(height, h);
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${x}" height="${height}" viewBox="0 0 ${x} ${height}" color="${fg}" style="color:${fg};font-family:sans-serif">` +
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="${bg}"/>${parts.join('')}</svg>`;
  return { svg, width: x, height };
}

export function exportSvg(chart: Element, name: string, title: string) {
  download(`${name}.svg`, new Blob([standaloneSvg(chart, title).svg], { type: 'image/svg+xml' }));
}

export async function exportPng(chart: Element, name: string, title: string) {
  const { svg, width, height } = standaloneSvg(chart, title);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas is not available in this browser.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error('The browser could not encode a PNG.');
  download(`${name}.png`, blob);
}

export function exportText(name: string, text: string, type: string) {
  download(name, new Blob([text], { type }));
}
