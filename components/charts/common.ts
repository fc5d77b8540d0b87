/**
 * Shared pieces of the chart builders. Builders are pure: (frame, spec) => Plot options per panel.
 * Colours are CSS variables so that charts follow the light and dark themes without re-rendering.
 */
import type * as PlotNS from '@observablehq/plot';
import type { FigureMeta, Frame, Series } from '../../engine/spec.ts';

export type PlotLib = typeof PlotNS;

export interface Panel {
  /** Matches Series.panel; 'main' for single-panel figures. */
  name: string;
  title: string;
  options: PlotNS.PlotOptions;
}

export type ChartBuilder = (frame: Frame, spec: FigureMeta, Plot: PlotLib) => Panel[];

export const PALETTE_SIZE = 8;
export const ANALYTIC_DASH = '6,4';

/** Stable colour per group, in order of first appearance; guides use the muted colour. */
export function groupColours(series: readonly Series[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of series) {
    if (s.role === 'reference' || m.has(s.group)) continue;
    m.set(s.group, `var(--ld-series-${(m.size % PALETTE_SIZE) + 1})`);
  }
  return m;
}

export function colourOf(s: Series, colours: Map<string, string>): string {
  return s.role === 'reference' ? 'var(--ld-muted)' : (colours.get(s.group) ?? 'currentColor');
}

const x = (d: [number, number]) => d[0];
const y = (d: [number, number]) => d[1];

/** Simulation solid, analytic dashed, reference thin: the convention on every chart. */
export function lineMark(Plot: PlotLib, s: Series, colours: Map<string, string>) {
  const stroke = colourOf(s, colours);
  if (s.role === 'analytic') {
    return Plot.line(s.points, { x, y, stroke, strokeWidth: 1.6, strokeDasharray: ANALYTIC_DASH, ariaDescription: s.name });
  }
  if (s.role === 'reference') {
    return Plot.line(s.points, { x, y, stroke, strokeWidth: 1, strokeOpacity: 0.8, ariaDescription: s.name });
  }
  return Plot.line(s.points, { x, y, stroke, strokeWidth: 2, ariaDescription: s.name });
}

export function dotMark(Plot: PlotLib, s: Series, colours: Map<string, string>, r = 2.5) {
  return Plot.dot(s.points, { x, y, stroke: colourOf(s, colours), r, strokeOpacity: 0.7, ariaDescription: s.name });
}

/** Common frame of every panel: fixed size (scaled by CSS), theme-following axes, no external fonts. */
export function baseOptions(spec: FigureMeta, extra: Partial<PlotNS.PlotOptions> = {}): PlotNS.PlotOptions {
  return {
    width: 640,
    height: 360,
    marginLeft: 56,
    marginBottom: 40,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px', fontFamily: 'inherit' },
    x: { label: spec.axes.x, type: spec.axes.xScale ?? 'linear', grid: true },
    y: { label: spec.axes.y, type: spec.axes.yScale ?? 'linear', grid: true },
    ...extra,
  };
}

export function seriesOf(frame: Frame, panel: string): Series[] {
  return frame.series.filter((s) => (s.panel ?? 'main') === panel && s.points.length > 0);
}
