/**
 * The legend, read off the chart that was drawn: every mark carries `ld-k-<kind>` and `ld-g-<group>`
 * classes (charts/common.ts), so the legend lists exactly the kinds and colour groups on screen, with
 * the spec's words for each kind. An HTML list (keyboard- and screen-reader-friendly, unlike SVG text).
 */
import type { FigureMeta, Frame, SeriesKind } from '../engine/spec.ts';
import { groupColours } from './charts/common.ts';
import { escapeHtml } from './data-table.ts';

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

export function legendHtml(items: LegendItems): string {
  // One colour needs no key: the kinds say what each line is.
  const groups = items.groups.length > 1 ? items.groups : [];
  const g = groups.map(({ label, colour }) => `<li><span class="ld-swatch ld-c-${(colour % 12) + 1}" aria-hidden="true"></span>${escapeHtml(label)}</li>`);
  const k = items.kinds.map(
    ({ spec }) => `<li><span class="ld-key ld-key-${spec.style} ld-role-${spec.role}" aria-hidden="true"></span>${escapeHtml(spec.label)}</li>`,
  );
  return `${g.length ? `<ul class="ld-legend-groups" aria-label="Colours">${g.join('')}</ul>` : ''}<ul class="ld-legend-key" aria-label="Marks">${k.join('')}</ul>`;
}
