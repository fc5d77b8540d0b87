import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { figureById } from '../../engine/registry.ts';
import type { Frame } from '../../engine/spec.ts';
import { toMeta } from '../../engine/spec.ts';
import { CLOUD_MIN, cloud } from './cloud.ts';
import { collectLater, later } from './later.ts';
import { renderChart, renderChartSlices, SLICE_MS } from './render.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('work for later (charts/later.ts)', () => {
  it('runs at once when nobody collects it', () => {
    const log: string[] = [];
    later(() => log.push('a'));
    expect(log).toEqual(['a']);
  });

  it('is collected, in order and not done, while collectLater runs; the innermost collector gets it', () => {
    const log: string[] = [];
    const [result, outer] = collectLater(() => {
      later(() => log.push('1'));
      const [, inner] = collectLater(() => later(() => log.push('inner')));
      later(() => log.push('2'));
      expect(inner).toHaveLength(1);
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual([]);
    for (const w of outer) w();
    expect(log).toEqual(['1', '2']);
    // After the collector, work runs at once again.
    later(() => log.push('after'));
    expect(log).toEqual(['1', '2', 'after']);
  });

  it('stops collecting when the call throws', () => {
    expect(() => collectLater(() => { throw new Error('boom'); })).toThrow('boom');
    const log: string[] = [];
    later(() => log.push('now'));
    expect(log).toEqual(['now']);
  });
});

/** A saxe-mode-delay frame with `seeds` dots per mode, on the figure's own chart and kinds. */
function delayFrame(seeds: number): Frame {
  const K = 32;
  const perSeed: [number, number][] = [];
  for (let s = 0; s < seeds; s++) for (let k = 1; k <= K; k++) perSeed.push([k + ((s % 7) - 3) / 20, Math.sin(s * 1.3 + k) * 0.1]);
  const mean: [number, number][] = Array.from({ length: K }, (_, i) => [i + 1, 0.01 * i]);
  const series = [
    { name: 'per seed', kind: 'perSeed', group: 'delay', points: perSeed },
    { name: 'mean', kind: 'mean', group: 'delay', points: mean },
    { name: 'zero', kind: 'zero', group: 'delay', points: [[0.5, 0], [K + 0.5, 0]] as [number, number][] },
  ];
  return { id: 'saxe-mode-delay', params: {}, series, summary: {}, checks: [], progress: 1, step: 0, status: 'done', notes: [] } as unknown as Frame;
}

describe('renderChartSlices: a panel’s cloud is drawn in slices of its own', () => {
  afterEach(() => vi.restoreAllMocks());
  const meta = toMeta(figureById.get('saxe-mode-delay')!);

  /** Step the generator to its end: how many times it yielded, and the chart. */
  function run(frame: Frame): { yields: number; html: string } {
    const g = renderChartSlices(frame, meta, Plot, doc());
    let yields = 0;
    for (;;) {
      const r = g.next();
      if (r.done) return { yields, html: r.value.outerHTML };
      yields++;
    }
  }

  // renderChart runs the same generator to its end at once; the goldens (saxe-mode-delay, saxe-random-spectra) and the
  // test after this one check that leaving a cloud's work for later changes nothing.
  it('yields after Plot.plot and between layers once a slice has run SLICE_MS, and draws what renderChart draws', () => {
    const frame = delayFrame(Math.ceil((4 * CLOUD_MIN) / 32));
    const whole = renderChart(frame, meta, Plot, doc()).outerHTML;
    expect(whole.match(/<path/g)!.length).toBeGreaterThan(8);
    // A clock that moves SLICE_MS at every reading: each of the cloud's 8 layers gets a slice of its own.
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += SLICE_MS));
    const sliced = run(frame);
    expect(sliced.yields).toBe(8);
    expect(sliced.html).toBe(whole);
    // A clock that stands still: Plot.plot, then all the layers in one slice.
    vi.spyOn(performance, 'now').mockImplementation(() => 0);
    expect(run(frame)).toEqual({ yields: 1, html: whole });
  });

  it('a cloud drawn with its work left for later, then done, is the cloud drawn at once', () => {
    const many = cloud(2, delayFrame(10).series[0].points);
    const draw = () => Plot.plot({ document: doc(), width: 400, height: 300, marks: [Plot.dot(many.data, { x: '0', y: '1', stroke: 'red', ...many.options })] }) as unknown as Element;
    const atOnce = draw().outerHTML;
    const [svg, work] = collectLater(draw);
    expect(work.length).toBe(8);
    expect(svg.outerHTML).not.toBe(atOnce); // the layers are not drawn yet
    for (const w of work) w();
    expect(svg.outerHTML).toBe(atOnce);
  });

  it('a panel without a cloud is one slice', () => {
    const frame = delayFrame(2); // 64 dots: circles, not a cloud
    expect(frame.series[0].points.length).toBeLessThan(CLOUD_MIN);
    const sliced = run(frame);
    expect(sliced.yields).toBe(0);
    expect(sliced.html).toBe(renderChart(frame, meta, Plot, doc()).outerHTML);
  });
});
