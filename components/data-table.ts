/** The figure's data as an HTML table (text alternative on demand) and as CSV / JSON exports. */
import { fmt } from '../engine/format.ts';
import type { FigureMeta, Frame } from '../engine/spec.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Evenly spaced sample of at most n points, always keeping the last one. */
export function sample<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(points[Math.round((i * (points.length - 1)) / (n - 1))]);
  return out;
}

/** The plotted data, sampled, with each panel's axis labels; then the run's summary with its labels. */
export function tableHtml(frame: Frame, meta: Pick<FigureMeta, 'panels' | 'summaryLabels'>, perSeries = 12): string {
  const first = meta.panels[0]?.name;
  const tables = meta.panels.map((p) => {
    const rows = frame.series
      .filter((s) => (s.panel ?? first) === p.name && s.points.length)
      .flatMap((s) => sample(s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), perSeries).map(([x, y]) => `<tr><td>${escapeHtml(s.name)}</td><td>${fmt(x, 4)}</td><td>${fmt(y, 4)}</td></tr>`));
    if (!rows.length) return '';
    return (
      `<table><caption>${escapeHtml(p.title)}: a sample of the plotted data (at most ${perSeries} points per series; export CSV for all)</caption>` +
      `<thead><tr><th scope="col">Series</th><th scope="col">${escapeHtml(p.x.label)}</th><th scope="col">${escapeHtml(p.y.label)}</th></tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table>`
    );
  });
  const show = (v: unknown): string =>
    Array.isArray(v) ? v.map((x) => (x === null ? '—' : show(x))).join(', ') : typeof v === 'number' ? fmt(v, 4) : escapeHtml(String(v));
  const summary = Object.entries(frame.summary).map(
    ([k, v]) => `<tr><th scope="row">${escapeHtml((meta.summaryLabels as Record<string, string>)[k] ?? k)}</th><td>${show(v)}</td></tr>`,
  );
  const sumTable = summary.length ? `<table class="ld-summary"><caption>Summary of this run</caption><tbody>${summary.join('')}</tbody></table>` : '';
  return tables.join('') + sumTable;
}
