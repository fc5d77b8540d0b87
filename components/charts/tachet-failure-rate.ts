/** Failure rate of random initialisations against κ = σ_w/σ_v, per width: simulation (dots) and q(κ)^H (dashed). */
import type { ChartBuilder } from './common.ts';
import { baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';

export const tachetFailureRate: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const all = seriesOf(frame, 'main');
  return [
    {
      name: 'main',
      title: 'Fraction of failed runs against the scale ratio κ',
      options: baseOptions(spec, {
        width: 640,
        height: 380,
        x: { label: spec.axes.x, type: 'log', domain: [0.09, 11], ticks: [0.1, 0.2, 0.5, 1, 2, 5, 10], tickFormat: (d: number) => String(d), grid: true },
        y: { label: spec.axes.y, domain: [0, 0.8], grid: true },
        marks: [
          ...all.filter((s) => s.role === 'analytic').map((s) => lineMark(Plot, s, colours)),
          ...all
            .filter((s) => s.role === 'simulation')
            .flatMap((s) => [
              Plot.line(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], stroke: colourOf(s, colours), strokeWidth: 1, strokeOpacity: 0.5, ariaHidden: 'true' }),
              Plot.dot(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], fill: colourOf(s, colours), r: 3.5, ariaDescription: s.name }),
            ]),
          Plot.text(
            all.filter((s) => s.role === 'analytic').map((s) => ({ x: 10.5, y: s.points.at(-1)![1], label: s.group.replace('width ', 'H = '), stroke: colourOf(s, colours) })),
            { x: 'x', y: 'y', text: 'label', fill: 'stroke', textAnchor: 'end', dy: -7, ariaHidden: 'true' },
          ),
        ],
      }),
    },
  ];
};
