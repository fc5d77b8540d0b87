import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type * as PlotNS from '@observablehq/plot';
import type { FigureMeta, Series } from '../../engine/spec.ts';
import { CLOUD_MIN, cloud } from './cloud.ts';
import { seriesMarks } from './common.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

/** A deterministic scatter with some missing values. */
function points(n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [Math.sin(i * 1.7) * 3, i % 97 === 5 ? NaN : Math.cos(i * 0.61) * 2 + i / n]);
}

/** Plot's dots over `data`; with `fixed`, in fixed domains, otherwise in the domains Plot finds. */
function draw(data: readonly (readonly [number, number])[], extra: Record<string, unknown>, fixed = true): Element {
  const opts = { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], stroke: 'var(--ld-series-1)', strokeOpacity: 0.5, className: 'ld-k-perSeed ld-g-0', ariaDescription: 'per seed' };
  const domains = fixed ? { x: { domain: [-4, 4] }, y: { domain: [-3, 4] } } : { x: { nice: true }, y: { type: 'symlog' as const } };
  return Plot.plot({ document: doc(), width: 400, height: 300, ...domains, marks: [Plot.dot(data, { ...opts, ...extra })] }) as unknown as Element;
}

/** The same points drawn as a cloud of radius r (`extra` first, as the charts spread their style before it). */
function drawCloud(data: [number, number][], r: number, extra: Record<string, unknown> = {}, fixed = true): Element {
  const many = cloud(r, data);
  return draw(many.data, { ...extra, ...many.options }, fixed);
}

/** Each dot's centre, from circles or from the cloud's "M x,y h0" subpaths (of its first path per layer). */
function centres(svg: Element): string[] {
  const g = svg.querySelector('g.ld-k-perSeed')!;
  const circles = [...g.querySelectorAll('circle')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
  const paths = [...g.querySelectorAll('path')].filter((p, i, all) => i === 0 || p.getAttribute('d') !== all[i - 1].getAttribute('d'));
  const fromPaths = paths.flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M(-?[\d.]+),(-?[\d.]+)h0/g)].map((m) => [Number(m[1]), Number(m[2])]));
  return [...circles, ...fromPaths].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).sort();
}

/** What a cloud path draws: its discs' width (the round caps' diameter), colour and opacity, and whether it fills. */
const look = (p: Element) => ['stroke-width', 'stroke-linecap', 'stroke', 'stroke-opacity', 'fill'].map((a) => p.getAttribute(a));

describe('dot clouds drawn as a few paths (charts/cloud.ts)', () => {
  it('puts every dot where Plot puts its circle, once, in at most 8 paths', () => {
    const data = points(3 * CLOUD_MIN);
    const plain = draw(data, { r: 2.5 });
    const many = drawCloud(data, 2.5);
    const want = centres(plain);
    expect(want.length).toBe(data.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).length);
    expect(centres(many)).toEqual(want); // to 0.1 px
    const g = many.querySelector('g.ld-k-perSeed')!;
    expect(g.querySelectorAll('circle').length).toBe(0);
    expect(g.querySelectorAll('path').length).toBe(8);
    // The group keeps what Plot gives the mark: the legend reads the class, the colours and aria stay.
    const plainG = plain.querySelector('g.ld-k-perSeed')!;
    for (const a of ['class', 'stroke', 'stroke-opacity', 'fill', 'aria-description', 'transform']) expect(g.getAttribute(a), a).toBe(plainG.getAttribute(a));
    expect(g.getAttribute('stroke')).toBe('var(--ld-series-1)');
    // Each path: discs as wide as the ring round Plot's dot (r = 2.5 with a 1.5 px stroke: 2 × 2.5 + 1.5), in the
    // group's stroke colour (inherited), with no fill, and the ring's ink: the stroke opacity 0.5 times the ring's
    // share of the disc, 1 − 1.75² / 3.25².
    for (const p of g.querySelectorAll('path')) {
      expect(look(p)).toEqual(['6.5', 'round', null, String(Math.round(500 * (1 - 1.75 ** 2 / 3.25 ** 2)) / 1000), 'none']);
      expect(p.getAttribute('d')).toMatch(/^(M-?[\d.]+,-?[\d.]+h0)+$/);
    }
  });

  it('gives Plot the domains the whole cloud gives it: axes, grid and place of every dot as with Plot’s own dots', () => {
    // Points spread over several decades on y, with NaN, null and missing values on either axis.
    const data = points(3 * CLOUD_MIN).map(([x, y], i) => [i === 7 ? NaN : x * 10 + 3, i % 41 === 0 ? -y * 50 : y * 2] as [number, number]);
    data.push([null, 1] as unknown as [number, number], [-50, undefined] as unknown as [number, number], [120, 900], [Infinity, 2], [3, -Infinity]);
    const plain = draw(data, { r: 2.5 }, false);
    const many = drawCloud(data, 2.5, {}, false);
    expect(centres(many)).toEqual(centres(plain));
    // Everything but the dots is the same markup: the axes, ticks and grid come from the same domains.
    const rest = (svg: Element) => {
      svg.querySelector('g.ld-k-perSeed')!.remove();
      return svg.outerHTML;
    };
    const axes = rest(many);
    expect(axes).toBe(rest(plain));
    expect(axes).toContain('>900<');
  });

  it('a cloud with no value on an axis gives Plot no more than its own dots would', () => {
    const noY = points(3 * CLOUD_MIN).map(([x]) => [x, NaN] as [number, number]);
    expect(cloud(2, noY).data.every(([, y]) => Number.isNaN(y))).toBe(true);
    expect(cloud(2, noY).data).toHaveLength(2);
    expect(cloud(2, [[NaN, NaN]]).data).toEqual([]);
    // Plot skips infinite values when it infers a domain, and so do the extremes.
    expect(cloud(2, [[1, 2], [Infinity, 5], [3, -Infinity]]).data).toEqual([[1, 2], [3, 5]]);
  });

  it('draws each dot as a subpath of zero length, a disc of the ring’s outer radius by its round caps', () => {
    const g = drawCloud([[0, 0]], 1.6).querySelector('g.ld-k-perSeed')!;
    const [p, ...more] = g.querySelectorAll('path');
    expect(more).toEqual([]);
    expect(p.getAttribute('d')).toMatch(/^M-?[\d.]+,-?[\d.]+h0$/);
    // r + w/2 = 1.6 + 0.75: a cap 4.7 px across, at 0.5 × (1 − 0.85² / 2.35²) opacity.
    expect(look(p)).toEqual(['4.7', 'round', null, '0.435', 'none']);
  });

  it('clipped to the frame, the discs go in the mark’s own group inside the clipping one', () => {
    const svg = drawCloud(points(3 * CLOUD_MIN), 2.5, { clip: true });
    const g = svg.querySelector('g.ld-k-perSeed')!;
    expect(g.parentElement!.hasAttribute('clip-path')).toBe(true);
    expect(g.querySelectorAll('path').length).toBe(8);
    expect(g.parentElement!.children.length).toBe(1);
  });

  it('filled dots without a stroke (eigenvalue clouds) are discs of radius r in the group’s fill', () => {
    const data = points(3 * CLOUD_MIN);
    const extra = { r: 1.6, fill: 'var(--ld-series-3)', fillOpacity: 0.55, stroke: 'none' };
    const plain = draw(data, extra);
    const many = drawCloud(data, 1.6, extra);
    expect(centres(many)).toEqual(centres(plain));
    const g = many.querySelector('g.ld-k-perSeed')!;
    expect([g.getAttribute('fill'), g.getAttribute('fill-opacity'), g.getAttribute('stroke')]).toEqual(['var(--ld-series-3)', '0.55', null]);
    const paths = [...g.querySelectorAll('path')];
    expect(paths.length).toBe(8);
    // Discs of radius r (as Plot's circles, which have no stroke) in the group's fill colour and opacity.
    for (const p of paths) expect(look(p)).toEqual(['3.2', 'round', 'var(--ld-series-3)', '0.55', 'none']);
  });

  it('dots with a fill and a stroke: each layer’s disc of the ring, then the fill inside the ring over it', () => {
    const svg = drawCloud(points(3 * CLOUD_MIN), 3, { fill: 'var(--ld-bg)', strokeOpacity: undefined });
    const paths = [...svg.querySelectorAll('g.ld-k-perSeed path')];
    expect(paths.length).toBe(16);
    paths.forEach((p, i) => {
      // r = 3, w = 1.5: the ring's disc is 7.5 px across in the stroke (inherited, its ink not spread: the fill covers
      // the middle); the fill inside it 4.5 px across.
      expect(look(p)).toEqual(i % 2 === 0 ? ['7.5', 'round', null, null, 'none'] : ['4.5', 'round', 'var(--ld-bg)', '1', 'none']);
      if (i % 2 === 1) expect(p.getAttribute('d')).toBe(paths[i - 1].getAttribute('d'));
    });
  });

  it('a stroke wider than the dot: one disc of radius r + w/2 at the stroke’s opacity, and no fill inside', () => {
    const g = drawCloud([[0, 0]], 0.5, { strokeWidth: 2, fill: 'red' }).querySelector('g.ld-k-perSeed')!;
    const paths = [...g.querySelectorAll('path')];
    expect(paths.map(look)).toEqual([['3', 'round', null, null, 'none']]);
    expect(g.getAttribute('stroke-opacity')).toBe('0.5');
  });

  it('an empty series draws an empty group, not an error', () => {
    const svg = drawCloud([], 2);
    expect(svg.querySelectorAll('g.ld-k-perSeed path').length).toBe(0);
  });
});

describe('seriesMarks: a cloud on a log axis', () => {
  it('gives Plot every point (a log domain depends on the sign of the first value), and only the extremes on a linear axis', () => {
    const meta = {
      id: 't',
      kinds: { s: { role: 'simulation', style: 'dots', label: 's' } },
      panels: [{ name: 'main', title: 't', x: { label: 'x' }, y: { label: 'y', scale: 'log' } }],
    } as unknown as FigureMeta;
    // Mixed signs on y: Plot's log domain keeps the sign of the first non-zero value (3, then −1 is dropped).
    const pts = points(3 * CLOUD_MIN).map(([x, y], i) => [x, i === 1 ? -1 : Math.abs(y) + 0.1] as [number, number]);
    const series = { name: 's', kind: 's', group: 'g', points: pts } as Series;
    const [mark] = seriesMarks(Plot, meta, series, new Map([['g', 'red']])) as PlotNS.Dot[];
    expect((mark as unknown as { data: unknown }).data).toBe(pts);
    const linear = { ...meta, panels: [{ ...meta.panels[0], y: { label: 'y' } }] } as FigureMeta;
    const [flat] = seriesMarks(Plot, linear, series, new Map([['g', 'red']])) as PlotNS.Dot[];
    expect((flat as unknown as { data: unknown[] }).data).toHaveLength(2);
  });
});
