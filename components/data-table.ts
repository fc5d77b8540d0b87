/** The figure's data as an HTML table (text alternative on demand) and as CSV / JSON exports. */
import { fmt } from '../engine/format.ts';
import type { FigureMeta, Frame } from '../engine/spec.ts';
import { el } from './legend.ts';

/** Evenly spaced sample of at most n points, always keeping the last one. */
export function sample<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(points[Math.round((i * (points.length - 1)) / (n - 1))]);
  return out;
}

/**
 * The plotted data, sampled, with each panel's axis labels; then the run's summary with its labels.
 * Built with DOM calls (the page replaces the table's children; the build serialises them), so no HTML
 * string ever reaches a Trusted Types sink.
 */
export function tableNodes(doc: Document, frame: Frame, meta: Pick<FigureMeta, 'panels' | 'summaryLabels'>, perSeries = 12): HTMLElement[] {
  const first = meta.panels[0]?.name;
  const tables = meta.panels.flatMap((p) => {
    const rows = frame.series
      .filter((s) => (s.panel ?? first) === p.name && s.points.length)
      .flatMap((s) =>
        sample(s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), perSeries).map(([x, y]) =>
          el(doc, 'tr', {}, el(doc, 'td', {}, s.name), el(doc, 'td', {}, fmt(x, 4)), el(doc, 'td', {}, fmt(y, 4))),
        ),
      );
    if (!rows.length) return [];
    const col = (text: string) => el(doc, 'th', { scope: 'col' }, text);
    return [
      el(
        doc,
        'table',
        {},
        el(doc, 'caption', {}, `${p.title}: a sample of the plotted data (at most ${perSeries} points per series; export CSV for all)`),
        el(doc, 'thead', {}, el(doc, 'tr', {}, col('Series'), col(p.x.label), col(p.y.label))),
        el(doc, 'tbody', {}, ...rows),
      ),
    ];
  });
  const show = (v: unknown): string => (Array.isArray(v) ? v.map((x) => (x === null ? '—' : show(x))).join(', ') : typeof v === 'number' ? fmt(v, 4) : String(v));
  const summary = Object.entries(frame.summary).map(([k, v]) =>
    el(doc, 'tr', {}, el(doc, 'th', { scope: 'row' }, (meta.summaryLabels as Record<string, string>)[k] ?? k), el(doc, 'td', {}, show(v))),
  );
  const sumTable = summary.length ? [el(doc, 'table', { class: 'ld-summary' }, el(doc, 'caption', {}, 'Summary of this run'), el(doc, 'tbody', {}, ...summary))] : [];
  return [...tables, ...sumTable];
}
