/** This site's addition to Saxe §2: drift of a_i² − a_j² (log scale) and u = Π a_i over time. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const saxeDepthBalance: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const s = Number(frame.params.s);
  return [
    {
      name: 'drift',
      title: 'Largest change of any a_i² − a_j² since the start',
      options: baseOptions(spec, {
        width: 460,
        height: 380,
        x: { label: spec.axes.x, grid: true },
        y: { label: spec.axes.y, type: 'log', grid: true },
        marks: seriesOf(frame, 'drift').map((x) => lineMark(Plot, x, colours)),
      }),
    },
    {
      name: 'u',
      title: 'Mode strength u = Π a_i over time',
      options: baseOptions(spec, {
        width: 460,
        height: 380,
        x: { label: spec.axes.x, grid: true },
        y: { label: 'u = Π a_i', grid: true },
        marks: [Plot.ruleY([s], { stroke: 'var(--ld-muted)', strokeDasharray: '2,3' }), ...seriesOf(frame, 'u').map((x) => lineMark(Plot, x, colours))],
      }),
    },
  ];
};
