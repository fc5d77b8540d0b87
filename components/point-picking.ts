/**
 * Click (or tap) in a phase-plane panel to move the nearest start point there. Figures opt in by
 * having a panel named 'phase' and parameter pairs a1/b1, a2/b2, … (keyboard users have the sliders).
 */
import type { FigureMeta, NumberParam, Params } from '../engine/spec.ts';

type Scale = { invert?: (v: number) => number };
type PlotElement = SVGSVGElement & { scale?: (name: string) => Scale | undefined };

export function startPairs(meta: FigureMeta): [NumberParam, NumberParam][] {
  const pairs: [NumberParam, NumberParam][] = [];
  for (let k = 1; k < 10; k++) {
    const a = meta.params.find((d) => d.name === `a${k}`);
    const b = meta.params.find((d) => d.name === `b${k}`);
    if (a?.kind !== 'number' || b?.kind !== 'number') break;
    pairs.push([a, b]);
  }
  return pairs;
}

export function attachPointPicking(chart: HTMLElement, meta: FigureMeta, params: Params, apply: (changes: Params) => void) {
  const pairs = startPairs(meta);
  const svg = chart.querySelector<PlotElement>('svg[data-panel="phase"]');
  if (!pairs.length || !svg?.scale) return;
  const sx = svg.scale('x')?.invert;
  const sy = svg.scale('y')?.invert;
  if (!sx || !sy) return;
  svg.style.cursor = 'crosshair';
  svg.addEventListener('click', (ev) => {
    const box = svg.getBoundingClientRect();
    const w = Number(svg.getAttribute('width')) || box.width;
    const h = Number(svg.getAttribute('height')) || box.height;
    const a = sx(((ev.clientX - box.left) * w) / box.width);
    const b = sy(((ev.clientY - box.top) * h) / box.height);
    let best = 0;
    let bestDist = Infinity;
    pairs.forEach(([pa, pb], i) => {
      const d = Math.hypot(Number(params[pa.name]) - a, Number(params[pb.name]) - b);
      if (d < bestDist) [best, bestDist] = [i, d];
    });
    const round = (v: number) => Math.round(v * 100) / 100;
    apply({ [pairs[best][0].name]: round(a), [pairs[best][1].name]: round(b) });
  });
}
