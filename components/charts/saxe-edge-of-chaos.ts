/** Saxe Fig. 7: the Jacobian's singular values (density over log10 σ) and the activity variance q^l across layers. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';

export const saxeEdgeOfChaos: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const spectrum = seriesOf(frame, 'spectrum');
  const variance = seriesOf(frame, 'variance');
  return [
    {
      name: 'spectrum',
      title: 'Singular values of the end-to-end Jacobian',
      options: baseOptions(spec, {
        x: { label: 'log10 σ (singular value of the Jacobian)', grid: true },
        y: { label: 'density per unit of log10 σ', grid: true },
        marks: [
          Plot.ruleX([0], { stroke: 'var(--ld-border)', strokeDasharray: '2,3' }),
          Plot.ruleY([0], { stroke: 'var(--ld-border)' }),
          ...spectrum.map((s) =>
            Plot.line(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], curve: 'step-after', stroke: colourOf(s, colours), strokeWidth: 1.8, ariaDescription: s.name }),
          ),
        ],
      }),
    },
    {
      name: 'variance',
      title: 'Activity variance q^l across layers',
      options: baseOptions(spec, {
        height: 300,
        x: { label: 'layer l', grid: true },
        y: { label: 'q^l (population variance of x^l)', type: 'log', grid: true },
        marks: variance.map((s) => lineMark(Plot, s, colours)),
      }),
    },
  ];
};
