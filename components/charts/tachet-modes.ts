/** Claims C1 and C2 in the site's model: per-cluster margins over time (simulation and prediction), and the classification error. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const tachetModes: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series.filter((s) => s.panel === 'margins'));
  const errColours = new Map([
    ['error', 'var(--ld-series-1)'],
    ['soft error', 'var(--ld-series-2)'],
  ]);
  return [
    {
      name: 'margins',
      title: 'Margin of each cluster over time',
      options: baseOptions(spec, {
        width: 440,
        height: 360,
        x: { label: 't (iterations)', grid: true },
        y: { label: 'margin y·f(x) of each cluster (symlog scale)', type: 'symlog', constant: 0.01, ticks: [-0.02, 0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], tickFormat: (d: number) => String(d), grid: true },
        marks: [Plot.ruleY([0], { stroke: 'var(--ld-muted)' }), ...seriesOf(frame, 'margins').map((s) => lineMark(Plot, s, colours))],
      }),
    },
    {
      name: 'error',
      title: 'Classification error and soft error over time',
      options: baseOptions(spec, {
        width: 440,
        height: 360,
        x: { label: 't (iterations)', grid: true },
        y: { label: 'fraction of examples', domain: [0, 1], grid: true },
        marks: seriesOf(frame, 'error').map((s) =>
          s.name.startsWith('classification')
            ? Plot.line(s.points, {
                x: (d: [number, number]) => d[0],
                y: (d: [number, number]) => d[1],
                curve: 'step-after',
                stroke: errColours.get(s.group),
                strokeWidth: s.role === 'analytic' ? 1.6 : 2,
                strokeDasharray: s.role === 'analytic' ? '6,4' : undefined,
                ariaDescription: s.name,
              })
            : lineMark(Plot, s, errColours),
        ),
      }),
    },
  ];
};
