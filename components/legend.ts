/**
 * The legend, read off the chart that was drawn: every mark carries `ld-k-<kind>` and `ld-g-<group>`
 * classes (charts/common.ts), so the legend lists exactly the kinds and colour groups on screen, with
 * the spec's words for each kind. An HTML list (keyboard- and screen-reader-friendly, unlike SVG text).
 */
import type { FigureMeta, Frame, SeriesKind } from '../engine/spec.ts';
import { groupColours } from './charts/common.ts';

export interface LegendItems {
  groups: { label: string; colour: number }[];
  kinds: { kind: string; spec: SeriesKind }[];
}

/** Which kinds and groups a rendered chart shows. */
export function legendItems(chart: Element, frame: Frame, meta: FigureMeta): LegendItems {
  const kinds = new Set<string>();
  const groups = new Set<number>();
  for (const el of chart.querySelectorAll('[class*="ld-k-"]')) {
    for (const c of (el.getAttribute('class') ?? '').split(/\s+/)) {
      if (c.startsWith('ld-k-')) kinds.add(c.slice(5));
      const g = /^ld-g-(\d+)$/.exec(c);
      if (g) groups.add(Number(g[1]));
    }
  }
  const names = [...groupColours(meta, frame.series).keys()];
  return {
    groups: [...groups].sort((a, b) => a - b).map((i) => ({ label: names[i] ?? `group ${i + 1}`, colour: i })),
    // In the spec's order, so the key reads the same from frame to frame.
    kinds: Object.entries(meta.kinds)
      .filter(([k]) => kinds.has(k))
      .map(([kind, spec]) => ({ kind, spec })),
  };
}

/** Build an element with a class list, attributes and children (text or nodes): no HTML strings, so no Trusted Types sink. */
export function el(doc: Document, tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const e = doc.createElement(tag);
  // Set in reverse: linkedom (the build's DOM) serialises the last attribute set first, so the build's
  // markup, and the golden files, keep the order written here. Browsers do not care.
  for (const [k, v] of Object.entries(attrs).reverse()) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  return e;
}

/** The legend's lists, built with DOM calls (the page replaces its children; the build serialises them). */
export function legendNodes(doc: Document, items: LegendItems): HTMLElement[] {
  // One colour needs no key: the kinds say what each line is.
  const groups = items.groups.length > 1 ? items.groups : [];
  const swatch = (cls: string) => el(doc, 'span', { class: cls, 'aria-hidden': 'true' });
  const g = groups.map(({ label, colour }) => el(doc, 'li', {}, swatch(`ld-swatch ld-c-${(colour % 12) + 1}`), label));
  const k = items.kinds.map(({ spec }) => el(doc, 'li', {}, swatch(`ld-key ld-key-${spec.style} ld-role-${spec.role}`), spec.label));
  return [
    ...(g.length ? [el(doc, 'ul', { class: 'ld-legend-groups', 'aria-label': 'Colours' }, ...g)] : []),
    el(doc, 'ul', { class: 'ld-legend-key', 'aria-label': 'Marks' }, ...k),
  ];
}
