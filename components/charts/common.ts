/**
 * Shared pieces of the chart builders. Builders are pure: (frame, meta, Plot) => Plot options per panel.
 * Every series is drawn by `seriesMarks`, from its kind (role + style) in the spec, and every mark is
 * tagged with its kind and colour group (`ld-k-<kind>`, `ld-g-<n>`), so that the legend is read off
 * what was actually drawn (legend.ts) and a test can check that nothing is drawn untagged.
 * Colours are CSS variables so that charts follow the light and dark themes without re-rendering.
 */
import type * as PlotNS from '@observablehq/plot';
import { fmtTick } from '../../engine/format.ts';
import type { AxisSpec, FigureMeta, Frame, PanelSpec, Series } from '../../engine/spec.ts';
import { kindOf } from '../../engine/spec.ts';
import { CLOUD_MIN, cloud } from './cloud.ts';

export type PlotLib = typeof PlotNS;

export interface Panel {
  /** Matches Series.panel and a PanelSpec name. */
  name: string;
  title: string;
  options: PlotNS.PlotOptions;
}

export type ChartBuilder = (frame: Frame, meta: FigureMeta, Plot: PlotLib) => Panel[];

export const PALETTE_SIZE = 12;
export const DASH = '6,4';
export const DOT = '1.5,3';
export const MUTED = 'var(--ld-muted)';

/** The class that marks something drawn on purpose that is not data: axes at zero, frames. */
export const AXIS_CLASS = 'ld-axis';

/** Stable colour per group, in order of first appearance over the whole frame; guides are muted, and heatmap cells are coloured by value, not by group. */
export function groupColours(meta: FigureMeta, series: readonly Series[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of series) {
    const k = kindOf(meta, s);
    if (k.role === 'guide' || k.style === 'cells' || m.has(s.group)) continue;
    m.set(s.group, `var(--ld-series-${(m.size % PALETTE_SIZE) + 1})`);
  }
  return m;
}

/** The colour of a series and the class naming its group (its index in `colours`, or "guide"). */
export function colourOf(meta: FigureMeta, s: Series, colours: Map<string, string>): { stroke: string; groupClass: string } {
  if (kindOf(meta, s).role === 'guide') return { stroke: MUTED, groupClass: 'ld-g-guide' };
  const i = [...colours.keys()].indexOf(s.group);
  return { stroke: colours.get(s.group) ?? 'currentColor', groupClass: `ld-g-${i}` };
}

const x = (d: [number, number]) => d[0];
const y = (d: [number, number]) => d[1];

/** The marks for one series, styled by its kind; `extra` adds Plot options (e.g. r for dots). */
export function seriesMarks(Plot: PlotLib, meta: FigureMeta, s: Series, colours: Map<string, string>, extra: Record<string, unknown> = {}): PlotNS.Markish[] {
  const kind = kindOf(meta, s);
  const { stroke, groupClass } = colourOf(meta, s, colours);
  const className = `ld-k-${s.kind} ${groupClass}`;
  const common = { x, y, className, ariaDescription: s.name, ...extra };
  const faint = kind.role === 'per-seed' ? 0.45 : 1;
  switch (kind.style) {
    case 'line':
      return [Plot.line(s.points, { stroke, strokeWidth: 2, strokeOpacity: faint, ...common })];
    case 'thin':
      return [Plot.line(s.points, { stroke, strokeWidth: 1, strokeOpacity: kind.role === 'per-seed' ? 0.35 : 0.85, ...common })];
    case 'dashed':
      return [Plot.line(s.points, { stroke, strokeWidth: 1.6, strokeDasharray: DASH, ...common })];
    case 'dotted':
      return [Plot.line(s.points, { stroke, strokeWidth: 1.4, strokeDasharray: DOT, strokeOpacity: 0.85, ...common })];
    case 'step':
      return [Plot.line(s.points, { stroke, strokeWidth: 2, curve: 'step-after', ...common })];
    case 'dashed-step':
      return [Plot.line(s.points, { stroke, strokeWidth: 1.6, strokeDasharray: DASH, curve: 'step-after', ...common })];
    case 'dots': {
      const r = typeof extra.r === 'number' ? extra.r : 2.5;
      // A dot is a disc in the series' colour, as the legend's key for dots shows it, as wide as Plot's ring of radius r
      // with its 1.5 px stroke, whatever the count (a growing series keeps its look when it becomes a cloud). Per-seed
      // dots are light, so that a line over a dense cloud stays readable; others have a thin halo in the background's
      // colour, so that they stand out on a band or a line of their own colour. A builder may give its own fill.
      const perSeed = kind.role === 'per-seed';
      const disc = perSeed ? { fill: stroke, fillOpacity: 0.35, stroke: 'none' } : { fill: stroke, fillOpacity: 0.85, stroke: 'var(--ld-bg)', strokeWidth: 1 };
      const style = 'fill' in extra ? { stroke, strokeOpacity: perSeed ? 0.5 : 0.85, ...common } : { ...common, ...disc };
      const radius = 'fill' in extra ? r : r + 0.75;
      if (s.points.length <= CLOUD_MIN) return [Plot.dot(s.points, { ...style, r: radius })];
      const many = cloud(radius, s.points);
      // A log axis infers its domain from the sign of the first value: Plot gets every point there (charts/cloud.ts).
      const p = meta.panels.find((q) => q.name === panelOf(meta, s));
      const log = p?.x.scale === 'log' || p?.y.scale === 'log';
      return [Plot.dot(log ? s.points : many.data, { ...style, ...many.options })];
    }
    case 'area':
      return [Plot.areaY(s.points, { fill: stroke, fillOpacity: 0.25, ...common })];
    case 'markers':
      return [Plot.dot(s.points, { stroke, fill: 'var(--ld-bg)', r: 5, strokeWidth: 2, ...common })];
    case 'cells':
    case 'arrows':
    case 'rule':
      throw new Error(`${meta.id}: series "${s.name}" has style "${kind.style}": the builder draws it (cellMarks, kindClass).`);
  }
}

/** Heatmap rows: series i of a panel is row i + 1; each point is [column, value]. */
export function cellMarks(Plot: PlotLib, meta: FigureMeta, rows: readonly Series[]): PlotNS.Markish[] {
  if (!rows.length) return [];
  const kind = rows[0].kind;
  const cells = rows.flatMap((s, i) => s.points.map(([col, value]) => ({ row: i + 1, col, value })));
  kindOf(meta, rows[0]);
  return [Plot.cell(cells, { x: 'col', y: 'row', fill: 'value', inset: 0.5, className: `ld-k-${kind} ld-g-cells` })];
}

/** A line at zero (or another constant the axes are read against): not data, not in the legend. */
export function axisRule(Plot: PlotLib, axis: 'x' | 'y', value = 0): PlotNS.Markish {
  const opts = { stroke: 'var(--ld-border)', className: AXIS_CLASS };
  return axis === 'x' ? Plot.ruleX([value], opts) : Plot.ruleY([value], opts);
}

function axisOptions(a: AxisSpec): Record<string, unknown> {
  const type = a.scale ?? 'linear';
  return { label: a.label, type, grid: true, tickFormat: fmtTick, ...(type === 'symlog' ? { constant: 0.01 } : {}) };
}

export function panelSpec(meta: FigureMeta, name: string): PanelSpec {
  const p = meta.panels.find((q) => q.name === name);
  if (!p) throw new Error(`${meta.id}: no panel "${name}" (panels: ${meta.panels.map((q) => q.name).join(', ')}).`);
  return p;
}

/**
 * The common frame of a panel: its title and axes from the spec (ticks through the one formatter),
 * design size (width × height: the aspect and relative size; render.ts draws each panel at its real
 * on-screen size, scaling margins with the type), theme-following colours, no external fonts. `extra`
 * may refine an axis (domain, ticks) but not replace its label.
 */
export function panelOptions(meta: FigureMeta, name: string, extra: Partial<PlotNS.PlotOptions> & { x?: Record<string, unknown>; y?: Record<string, unknown> } = {}): PlotNS.PlotOptions {
  const p = panelSpec(meta, name);
  const { x: ex, y: ey, ...rest } = extra;
  return {
    width: 640,
    height: 360,
    marginLeft: 60,
    marginBottom: 42,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px', fontFamily: 'inherit' },
    ...rest,
    x: { ...axisOptions(p.x), ...(ex ?? {}), label: p.x.label },
    y: { ...axisOptions(p.y), ...(ey ?? {}), label: p.y.label },
  };
}

/** A panel built from the spec: title from the spec, options from panelOptions. */
export function panel(meta: FigureMeta, name: string, extra: Parameters<typeof panelOptions>[2] = {}, title?: string): Panel {
  return { name, title: title ?? panelSpec(meta, name).title, options: panelOptions(meta, name, extra) };
}

/** The series of a panel that have points (series without a panel belong to the first panel). */
/** The panel a series is drawn in: its own, or the figure's first. */
function panelOf(meta: FigureMeta, s: Series): string | undefined {
  return s.panel ?? meta.panels[0]?.name;
}

export function seriesOf(frame: Frame, meta: FigureMeta, name: string): Series[] {
  return frame.series.filter((s) => panelOf(meta, s) === name && s.points.length > 0);
}

/** Every series of the panel, drawn by kind: the usual body of a panel's marks. */
export function allSeriesMarks(Plot: PlotLib, frame: Frame, meta: FigureMeta, name: string, colours = groupColours(meta, frame.series)): PlotNS.Markish[] {
  return seriesOf(frame, meta, name).flatMap((s) => seriesMarks(Plot, meta, s, colours));
}

/**
 * The class for a mark a builder draws itself (a vector field, start markers, a threshold rule) so that
 * it is in the legend under its declared kind; throws on an undeclared kind.
 */
export function kindClass(meta: FigureMeta, kind: string, groupClass = 'ld-g-guide'): string {
  kindOf(meta, { kind, name: kind });
  return `ld-k-${kind} ${groupClass}`;
}
