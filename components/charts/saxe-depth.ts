/**
 * Saxe Fig. 4: learning time against depth (left) and the learning rate against depth (right).
 * Simulations solid with dots at the simulated depths, eq. (15) dashed, the large-depth limit
 * eq. (17) dotted, the stability limit grey.
 */
import type { Series } from '../../engine/spec.ts';
import type { ChartBuilder, PlotLib } from './common.ts';
import { baseOptions, colourOf, dotMark, groupColours, lineMark, seriesOf } from './common.ts';

const x = (d: [number, number]) => d[0];
const y = (d: [number, number]) => d[1];

function marks(Plot: PlotLib, list: Series[], colours: Map<string, string>) {
  return list.flatMap((s) => {
    if (/eq\. \(17\)/.test(s.name)) {
      return [Plot.line(s.points, { x, y, stroke: colourOf(s, colours), strokeWidth: 1.2, strokeDasharray: '1,3', ariaDescription: s.name })];
    }
    if (s.role === 'simulation') return [lineMark(Plot, s, colours), dotMark(Plot, s, colours, 3)];
    return [lineMark(Plot, s, colours)];
  });
}

export const saxeDepth: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const eps = Number(frame.params.epsilon);
  const time = seriesOf(frame, 'time');
  const rate = seriesOf(frame, 'rate');
  const depthAxis = { label: spec.axes.x, grid: true };
  return [
    {
      name: 'time',
      title: `Learning time against depth (learned: |s − u| ≤ εs, ε = ${eps})`,
      options: baseOptions(spec, {
        width: 460,
        height: 400,
        x: depthAxis,
        y: { label: `iterations until |s − u| ≤ εs (ε = ${eps})`, type: 'log', grid: true },
        marks: marks(Plot, time, colours),
      }),
    },
    {
      name: 'rate',
      title: 'Learning rate against depth: the best of the sweep, the two rules and the stability limit',
      options: baseOptions(spec, {
        width: 460,
        height: 400,
        x: depthAxis,
        y: { label: 'learning rate λ', type: 'log', grid: true },
        marks: marks(Plot, rate, colours),
      }),
    },
  ];
};
