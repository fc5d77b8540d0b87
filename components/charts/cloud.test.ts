import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CLOUD_MIN, cloud } from './cloud.ts';

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

/** Each dot's centre, from circles or from the cloud's "M x−R,y a…" subpaths (R: the ring's outer radius). */
function centres(svg: Element, R: number): string[] {
  const g = svg.querySelector('g.ld-k-perSeed')!;
  const circles = [...g.querySelectorAll('circle')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
  const fromPaths = [...g.querySelectorAll('path')].flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]) + R, Number(m[2])]));
  return [...circles, ...fromPaths].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).sort();
}

describe('dot clouds drawn as a few paths (charts/cloud.ts)', () => {
  it('puts every dot where Plot puts its circle, once, in at most 8 paths', () => {
    const data = points(3 * CLOUD_MIN);
    const plain = draw(data, { r: 2.5 });
    const many = drawCloud(data, 2.5);
    const want = centres(plain, 2.5);
    expect(want.length).toBe(data.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).length);
    // Plot's dots have a 1.5 px stroke: the ring's outer radius is 2.5 + 0.75, written to 0.1 px.
    expect(centres(many, 3.3)).toEqual(want); // to 0.1 px
    const g = many.querySelector('g.ld-k-perSeed')!;
    expect(g.querySelectorAll('circle').length).toBe(0);
    expect(g.querySelectorAll('path').length).toBe(8);
    // The group keeps what Plot gives the mark: the legend reads the class, the colours and aria stay.
    const plainG = plain.querySelector('g.ld-k-perSeed')!;
    for (const a of ['class', 'stroke', 'stroke-opacity', 'fill', 'aria-description', 'transform']) expect(g.getAttribute(a), a).toBe(plainG.getAttribute(a));
    expect(g.getAttribute('stroke')).toBe('var(--ld-series-1)');
    // The rings are filled with the stroke's colour and opacity.
    for (const p of g.querySelectorAll('path')) {
      expect([p.getAttribute('fill'), p.getAttribute('fill-opacity'), p.getAttribute('stroke')]).toEqual(['var(--ld-series-1)', '0.5', 'none']);
    }
  });

  it('gives Plot the domains the whole cloud gives it: axes, grid and place of every dot as with Plot’s own dots', () => {
    // Points spread over several decades on y, with NaN, null and missing values on either axis.
    const data = points(3 * CLOUD_MIN).map(([x, y], i) => [i === 7 ? NaN : x * 10 + 3, i % 41 === 0 ? -y * 50 : y * 2] as [number, number]);
    data.push([null, 1] as unknown as [number, number], [-50, undefined] as unknown as [number, number], [120, 900]);
    const plain = draw(data, { r: 2.5 }, false);
    const many = drawCloud(data, 2.5, {}, false);
    expect(centres(many, 3.3)).toEqual(centres(plain, 2.5));
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
  });

  it('draws each dot as a ring: a circle of radius r + w/2 and one of r − w/2 the other way round', () => {
    const g = drawCloud([[0, 0]], 1.6).querySelector('g.ld-k-perSeed')!;
    expect(g.querySelector('path')!.getAttribute('d')).toMatch(/^M-?[\d.]+,-?[\d.]+a2\.4,2\.4 0 1,0 4\.8,0a2\.4,2\.4 0 1,0 -4\.8,0m1\.5,0a0\.9,0\.9 0 1,1 1\.8,0a0\.9,0\.9 0 1,1 -1\.8,0$/);
  });

  it('covers, under the nonzero rule, exactly what a stroke of width w round each dot covers (overlaps included)', () => {
    // Pixels are about 0.024 data units here: the first four rings overlap, the last stands alone.
    const data: [number, number][] = [[0, 0], [0.02, 0.01], [0.05, -0.03], [0.1, 0.08], [-1, 1]];
    const svg = drawCloud(data, 3, { strokeWidth: 2 });
    // Each subpath "M x,y a q,q 0 1,s 2q,0 a q,q 0 1,s −2q,0" (or "m dx,0 …" from where the last one ended) is a circle
    // of radius q centred at (x + q, y), turning one way (sweep 0) or the other (sweep 1).
    const rings: { cx: number; cy: number; q: number; turn: number }[] = [];
    for (const p of svg.querySelectorAll('g.ld-k-perSeed path')) {
      let at = [0, 0];
      for (const m of (p.getAttribute('d') ?? '').matchAll(/([Mm])(-?[\d.]+),(-?[\d.]+)a([\d.]+),[\d.]+ 0 1,([01]) (-?[\d.]+),0a[\d.]+,[\d.]+ 0 1,[01] -?[\d.]+,0/g)) {
        at = m[1] === 'M' ? [Number(m[2]), Number(m[3])] : [at[0] + Number(m[2]), at[1] + Number(m[3])];
        const q = Number(m[4]);
        expect(Number(m[6])).toBeCloseTo(2 * q, 9);
        rings.push({ cx: at[0] + q, cy: at[1], q, turn: m[5] === '0' ? 1 : -1 });
      }
    }
    expect(rings.length).toBe(2 * data.length);
    const centresDrawn = rings.filter((c) => c.turn === 1).map((c) => [c.cx, c.cy]);
    let inside = 0;
    const xs = centresDrawn.map(([cx]) => cx);
    const ys = centresDrawn.map(([, cy]) => cy);
    for (let x = Math.min(...xs) - 5; x <= Math.max(...xs) + 5; x += 0.37) {
      for (let y = Math.min(...ys) - 5; y <= Math.max(...ys) + 5; y += 0.41) {
        // A point 0.15 px or less from a ring's edge is left out: coordinates are written to 0.1 px.
        const d = centresDrawn.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
        if (d.some((di) => Math.abs(Math.abs(di - 3) - 1) < 0.15)) continue;
        const stroked = d.some((di) => Math.abs(di - 3) < 1);
        const winding = rings.reduce((w, c) => w + (Math.hypot(x - c.cx, y - c.cy) < c.q ? c.turn : 0), 0);
        expect(winding !== 0, `(${x}, ${y})`).toBe(stroked);
        if (stroked) inside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
  });

  it('clipped to the frame, the rings go in the mark’s own group inside the clipping one', () => {
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
    expect(centres(many, 1.6)).toEqual(centres(plain, 1.6));
    const g = many.querySelector('g.ld-k-perSeed')!;
    expect([g.getAttribute('fill'), g.getAttribute('fill-opacity'), g.getAttribute('stroke')]).toEqual(['var(--ld-series-3)', '0.55', null]);
    const paths = [...g.querySelectorAll('path')];
    expect(paths.length).toBe(8);
    for (const p of paths) {
      // No fill of its own (the group's colour and opacity), no stroke, one circle of radius r per dot.
      expect([p.getAttribute('fill'), p.getAttribute('fill-opacity'), p.getAttribute('stroke')]).toEqual([null, null, 'none']);
      expect(p.getAttribute('d')).toMatch(/^(M-?[\d.]+,-?[\d.]+a1\.6,1\.6 0 1,0 3\.2,0a1\.6,1\.6 0 1,0 -3\.2,0)+$/);
    }
  });

  it('dots with a fill and a stroke: each layer’s discs, then its rings over them', () => {
    const svg = drawCloud(points(3 * CLOUD_MIN), 3, { fill: 'var(--ld-bg)', strokeOpacity: undefined });
    const paths = [...svg.querySelectorAll('g.ld-k-perSeed path')];
    expect(paths.length).toBe(16);
    paths.forEach((p, i) => {
      const ring = i % 2 === 1;
      expect(p.getAttribute('fill')).toBe(ring ? 'var(--ld-series-1)' : null);
      // Without a stroke opacity the ring is opaque, whatever the fill's opacity.
      expect(p.getAttribute('fill-opacity')).toBe(ring ? '1' : null);
      expect((p.getAttribute('d') ?? '').includes('m')).toBe(ring);
    });
  });

  it('a stroke wider than the dot leaves no hole: one circle of radius r + w/2', () => {
    const g = drawCloud([[0, 0]], 0.5, { strokeWidth: 2 }).querySelector('g.ld-k-perSeed')!;
    expect(g.querySelector('path')!.getAttribute('d')).toMatch(/^M-?[\d.]+,-?[\d.]+a1\.5,1\.5 0 1,0 3,0a1\.5,1\.5 0 1,0 -3,0$/);
  });

  it('an empty series draws an empty group, not an error', () => {
    const svg = drawCloud([], 2);
    expect(svg.querySelectorAll('g.ld-k-perSeed path').length).toBe(0);
  });
});
