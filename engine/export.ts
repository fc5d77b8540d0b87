/**
 * The one exporter: the page's CSV/JSON buttons and `npm run figure` write the same bytes for the same
 * frame. Non-finite points are dropped (a diverged run's NaN never reaches a file).
 */
import type { FigureMeta, Frame } from './spec.ts';
import { kindOf } from './spec.ts';

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const finite = ([x, y]: [number, number]) => Number.isFinite(x) && Number.isFinite(y);

/** `series,panel,kind,x,y`, one row per plotted point. */
export function toCsv(frame: Frame, meta: Pick<FigureMeta, 'id' | 'kinds' | 'panels'>): string {
  const rows = ['series,panel,kind,x,y'];
  const firstPanel = meta.panels[0]?.name ?? 'main';
  for (const s of frame.series) {
    const head = `${csvField(s.name)},${csvField(s.panel ?? firstPanel)},${csvField(s.kind)}`;
    for (const p of s.points) if (finite(p)) rows.push(`${head},${p[0]},${p[1]}`);
  }
  return rows.join('\n') + '\n';
}

function finiteOrString<T>(x: T): T | string {
  return typeof x === 'number' && !Number.isFinite(x) ? String(x) : x;
}

export interface ExportExtra {
  /** The tfjs backend that computed the frame (the page knows it; the CLI passes its own). */
  backend?: string;
}

export function toJson(frame: Frame, meta: Pick<FigureMeta, 'id' | 'kinds' | 'panels' | 'summaryLabels'>, extra: ExportExtra = {}): string {
  const firstPanel = meta.panels[0]?.name ?? 'main';
  const out = {
    id: frame.id,
    params: frame.params,
    ...(extra.backend ? { backend: extra.backend } : {}),
    ...(frame.kernel ? { kernel: frame.kernel } : {}),
    status: frame.status,
    step: frame.step,
    series: frame.series.map((s) => ({
      name: s.name,
      kind: s.kind,
      role: kindOf(meta, s).role,
      group: s.group,
      panel: s.panel ?? firstPanel,
      points: s.points.filter(finite),
    })),
    summary: Object.fromEntries(Object.entries(frame.summary).map(([k, v]) => [k, Array.isArray(v) ? v.map(finiteOrString) : finiteOrString(v)])),
    summaryLabels: meta.summaryLabels,
    checks: frame.checks.map((c) => ({ ...c, value: finiteOrString(c.value) })),
    notes: frame.notes,
  };
  // Indented for reading, but each [x, y] pair on one line.
  return JSON.stringify(out, null, 1).replace(/\[\s*(-?[\d.eE+-]+),\s*(-?[\d.eE+-]+)\s*\]/g, '[$1, $2]') + '\n';
}
