/** The figure's data as an HTML table (text alternative on demand) and as CSV / JSON exports. */
import type { Frame } from '../engine/spec.ts';
import { fmt } from './format.ts';

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

export function tableHtml(frame: Frame, xLabel: string, yLabel: string, perSeries = 12): string {
  const rows = frame.series
    .filter((s) => s.points.length)
    .flatMap((s) => sample(s.points, perSeries).map(([x, y]) => `<tr><td>${escapeHtml(s.name)}</td><td>${fmt(x)}</td><td>${fmt(y)}</td></tr>`));
  return (
    `<table><caption>Sample of the plotted data (at most ${perSeries} points per series; export CSV for all)</caption>` +
    `<thead><tr><th scope="col">Series</th><th scope="col">${escapeHtml(xLabel)}</th><th scope="col">${escapeHtml(yLabel)}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(frame: Frame): string {
  const lines = ['series,x,y'];
  for (const s of frame.series) for (const [x, y] of s.points) lines.push(`${csvField(s.name)},${x},${y}`);
  return lines.join('\n') + '\n';
}

export function toJson(frame: Frame): string {
  return JSON.stringify(
    {
      id: frame.id,
      params: frame.params,
      status: frame.status,
      series: frame.series.map((s) => ({ name: s.name, role: s.role, group: s.group, panel: s.panel ?? 'main', points: s.points })),
      summary: frame.summary,
      notes: frame.notes,
    },
    null,
    1,
  );
}
