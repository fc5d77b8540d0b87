/** Tachet C4/C5 (our minimal model): learning time against 1/(n r) with the predicted law, and the margins over time. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';

const x = (d: [number, number]) => d[0];
const y = (d: [number, number]) => d[1];

export const tachetSpeed: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const scatter = seriesOf(frame, 'scatter');
  const margins = seriesOf(frame, 'margins');
  const marks = scatter.map((s) => {
    if (s.role === 'simulation') return Plot.dot(s.points, { x, y, r: 4, fill: colourOf(s, colours), stroke: colourOf(s, colours), ariaDescription: s.name });
    if (s.points.length === 2 && s.points[0][0] === 0) return lineMark(Plot, s, colours);
    return Plot.dot(s.points, { x, y, r: 5, symbol: 'times', stroke: colourOf(s, colours), strokeWidth: 1.5, ariaDescription: s.name });
  });
  return [
    {
      name: 'scatter',
      title: 'Learning time against 1/(n r)',
      options: baseOptions(spec, { width: 420, height: 360, x: { label: '1/(n r)', grid: true, zero: true }, y: { label: 'learning time (steps)', grid: true, zero: true }, marks }),
    },
    {
      name: 'margins',
      title: 'Margin of each cluster over time',
      options: baseOptions(spec, {
        width: 420,
        height: 360,
        x: { label: 'training step', grid: true },
        y: { label: 'margin m (log scale)', type: 'log', grid: true },
        marks: margins.map((s) => lineMark(Plot, s, colours)),
      }),
    },
  ];
};
