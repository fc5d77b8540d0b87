import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CLOUD_MIN, cloud } from './cloud.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

/** A deterministic scatter with some missing values. */
function points(n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [Math.sin(i * 1.7) * 3, i % 97 === 5 ? NaN : Math.cos(i * 0.61) * 2 + i / n]);
}

function draw(data: [number, number][], extra: Record<string, unknown>): Element {
  const opts = { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], stroke: 'var(--ld-series-1)', strokeOpacity: 0.5, className: 'ld-k-perSeed ld-g-0', ariaDescription: 'per seed' };
  return Plot.plot({ document: doc(), width: 400, height: 300, x: { domain: [-4, 4] }, y: { domain: [-3, 4] }, marks: [Plot.dot(data, { ...opts, ...extra })] }) as unknown as Element;
}

/** Each dot's centre, from circles or from the cloud's "M x−r,y a…" subpaths. */
function centres(svg: Element, r: number): string[] {
  const g = svg.querySelector('g.ld-k-perSeed')!;
  const circles = [...g.querySelectorAll('circle')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
  const fromPaths = [...g.querySelectorAll('path')].flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]) + r, Number(m[2])]));
  return [...circles, ...fromPaths].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).sort();
}

describe('dot clouds drawn as a few paths (charts/cloud.ts)', () => {
  it('puts every dot where Plot puts its circle, once, in at most 8 paths', () => {
    const data = points(3 * CLOUD_MIN);
    const plain = draw(data, { r: 2.5 });
    const many = draw(data, cloud(2.5));
    const want = centres(plain, 2.5);
    expect(want.length).toBe(data.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).length);
    expect(centres(many, 2.5)).toEqual(want); // to 0.1 px
    const g = many.querySelector('g.ld-k-perSeed')!;
    expect(g.querySelectorAll('circle').length).toBe(0);
    expect(g.querySelectorAll('path').length).toBe(8);
    // The group keeps what Plot gives the mark: the legend reads the class, the colours and aria stay.
    const plainG = plain.querySelector('g.ld-k-perSeed')!;
    for (const a of ['class', 'stroke', 'stroke-opacity', 'fill', 'aria-description', 'transform']) expect(g.getAttribute(a), a).toBe(plainG.getAttribute(a));
    expect(g.getAttribute('stroke')).toBe('var(--ld-series-1)');
  });

  it('draws full circles of radius r (two half arcs from x − r to x + r and back)', () => {
    const g = draw([[0, 0]], cloud(1.6)).querySelector('g.ld-k-perSeed')!;
    expect(g.querySelector('path')!.getAttribute('d')).toMatch(/^M-?[\d.]+,-?[\d.]+a1\.6,1\.6 0 1,0 3\.2,0a1\.6,1\.6 0 1,0 -3\.2,0$/);
  });

  it('an empty series draws an empty group, not an error', () => {
    const svg = draw([], cloud(2));
    expect(svg.querySelectorAll('g.ld-k-perSeed path').length).toBe(0);
  });
});
