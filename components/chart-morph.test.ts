import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { figureById } from '../engine/registry.ts';
import type { Frame } from '../engine/spec.ts';
import { toMeta } from '../engine/spec.ts';
import { defaultFrame } from './build/static-figure.ts';
import { commitChart } from './chart-morph.ts';
import { renderChart } from './charts/render.ts';
import { hoistPlotStyles } from './plot-styles.ts';
import { attachPointPicking, markPickable } from './point-picking.ts';

const doc = () => parseHTML('<!doctype html><html><body><div class="ld-chart"></div></body></html>').document as unknown as Document;

/** The frame as a run streams it earlier on: each series' first `fraction` of its points. */
const earlier = (f: Frame, fraction: number): Frame => ({ ...f, series: f.series.map((s) => ({ ...s, points: s.points.slice(0, Math.max(2, Math.ceil(s.points.length * fraction))) })) });

describe('commitChart: a redraw changes the chart on the page in place', () => {
  // morphdom reads the HTMLElement global, which a page has and Node does not.
  beforeEach(() => vi.stubGlobal('HTMLElement', parseHTML('<!doctype html><html></html>').HTMLElement));
  afterEach(() => vi.unstubAllGlobals());

  it('leaves the page showing exactly the new drawing, in the same elements, with the new scales', async () => {
    const meta = toMeta(figureById.get('tachet-losses')!);
    const last = await defaultFrame('tachet-losses');
    const d = doc();
    const chart = d.querySelector<HTMLElement>('.ld-chart')!;
    let kept: Element[] | null = null;
    // Frames that grow, then a jump back (a reader scrubbing), then a narrower chart (a resize).
    for (const [frame, width] of [[earlier(last, 0.2), 900], [earlier(last, 0.6), 900], [last, 900], [earlier(last, 0.1), 900], [last, 500]] as const) {
      const next = renderChart(frame, meta, Plot, d, { width });
      const want = next.outerHTML;
      const scales = [...next.children].map((svg) => (svg as Element & { scale: unknown }).scale);
      const shown = commitChart(chart, next);
      expect(chart.children.length).toBe(1);
      expect(chart.firstElementChild).toBe(shown);
      expect(shown.outerHTML).toBe(want);
      const svgs = [...shown.children];
      expect(svgs.map((svg) => (svg as Element & { scale: unknown }).scale)).toEqual(scales);
      svgs.forEach((svg, i) => expect((svg as Element & { scale: unknown }).scale).toBe(scales[i]));
      // After the first draw, the panels are the elements that were already there.
      if (kept) svgs.forEach((svg, i) => expect(svg).toBe(kept![i]));
      kept = svgs;
    }
  }, 60_000);

  it('starts from the build-time chart; a panel with draggable points listens once, with the style of every drawing', async () => {
    const meta = toMeta(figureById.get('saxe-phase-portrait')!);
    expect(meta.handles?.length).toBeGreaterThan(0);
    const last = await defaultFrame('saxe-phase-portrait');
    // The page as built: the build-time chart (with Plot's <style> in each panel) in the figure. Drawn, not parsed
    // from its markup: linkedom's HTML parser lower-cases SVG's clipPath (a browser's does not).
    const d = doc();
    vi.stubGlobal('document', d);
    vi.stubGlobal('CSS', { escape: (s: string) => s });
    const chart = d.querySelector<HTMLElement>('.ld-chart')!;
    chart.append(renderChart(last, meta, Plot, d));
    expect(chart.querySelectorAll('style').length).toBeGreaterThan(0);
    const built = [...chart.querySelectorAll('svg')];
    let clickListeners = 0;
    for (const frame of [earlier(last, 0.3), earlier(last, 0.7), last]) {
      const next = renderChart(frame, meta, Plot, d, { width: 900 });
      // What the page does with a drawing (figure-controller.ts, drawChartSlices).
      hoistPlotStyles(next, d);
      markPickable(next, meta);
      const want = next.outerHTML;
      expect(want).toMatch(/cursor: ?crosshair/);
      const shown = commitChart(chart, next);
      expect(shown.outerHTML).toBe(want);
      expect(chart.querySelectorAll('style').length).toBe(0);
      const svgs = [...shown.querySelectorAll('svg')];
      svgs.forEach((svg, i) => expect(svg).toBe(built[i]));
      for (const svg of svgs) {
        const add = svg.addEventListener.bind(svg);
        svg.addEventListener = ((type: string, ...rest: [EventListener]) => {
          if (type === 'click') clickListeners++;
          add(type, ...rest);
        }) as typeof svg.addEventListener;
      }
      attachPointPicking(chart, meta, () => ({}), () => {});
    }
    // One panel with points, one listener, however many frames were drawn.
    expect(clickListeners).toBe(1);
  }, 60_000);

  it('replaces what is not a chart of as many panels', () => {
    const d = doc();
    const chart = d.querySelector<HTMLElement>('.ld-chart')!;
    const notice = d.createElement('p');
    chart.append(notice);
    const one = d.createElement('div');
    one.append(d.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    expect(commitChart(chart, one)).toBe(one);
    expect(chart.firstElementChild).toBe(one);
    const two = d.createElement('div');
    two.append(d.createElementNS('http://www.w3.org/2000/svg', 'svg'), d.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    expect(commitChart(chart, two)).toBe(two);
    expect(chart.firstElementChild).toBe(two);
  });
});
