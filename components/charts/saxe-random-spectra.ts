/** Saxe Fig. 6B–C: singular values (density over log10 σ), eigenvalues in the complex plane, and the radial CDF of |λ|. */
import type { ChartBuilder } from './common.ts';
import { ANALYTIC_DASH, baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';

const x = (d: [number, number]) => d[0];
const y = (d: [number, number]) => d[1];

export const saxeRandomSpectra: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const singular = seriesOf(frame, 'singular');
  const eigen = seriesOf(frame, 'eigen');
  const radial = seriesOf(frame, 'radial');
  const stepMark = (s: (typeof singular)[number]) =>
    Plot.line(s.points, {
      x,
      y,
      curve: s.role === 'analytic' ? 'linear' : 'step-after',
      stroke: colourOf(s, colours),
      strokeWidth: s.role === 'analytic' ? 1.6 : 1.8,
      strokeDasharray: s.role === 'analytic' ? ANALYTIC_DASH : undefined,
      ariaDescription: s.name,
    });
  let extent = 1.15;
  for (const s of eigen) for (const p of s.points) extent = Math.max(extent, Math.abs(p[0]) * 1.05, Math.abs(p[1]) * 1.05);
  const domain = [-extent, extent];
  return [
    {
      name: 'singular',
      title: 'Singular values of the product',
      options: baseOptions(spec, {
        x: { label: 'log10 σ (singular value)', grid: true },
        y: { label: 'density per unit of log10 σ', grid: true },
        marks: [Plot.ruleX([0], { stroke: 'var(--ld-border)', strokeDasharray: '2,3' }), Plot.ruleY([0], { stroke: 'var(--ld-border)' }), ...singular.map(stepMark)],
      }),
    },
    {
      name: 'eigen',
      title: 'Eigenvalues in the complex plane',
      options: baseOptions(spec, {
        width: 400,
        height: 400,
        marginLeft: 48,
        x: { label: 'Re λ', domain, grid: true },
        y: { label: 'Im λ', domain, grid: true },
        marks: eigen.map((s) =>
          s.role === 'simulation'
            ? Plot.dot(s.points, { x, y, r: 1.6, fill: colourOf(s, colours), fillOpacity: 0.55, ariaDescription: s.name })
            : lineMark(Plot, s, colours),
        ),
      }),
    },
    {
      name: 'radial',
      title: 'Fraction of eigenvalues with |λ| ≤ r',
      options: baseOptions(spec, {
        height: 300,
        x: { label: 'r', grid: true, domain: [0, Math.max(1.05, extent)] },
        y: { label: 'fraction of eigenvalues with |λ| ≤ r', grid: true, domain: [0, 1] },
        marks: radial.map((s) => lineMark(Plot, s, colours)),
      }),
    },
  ];
};
