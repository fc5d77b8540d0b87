/** Saxe Fig. 3 left: mode strengths over time, simulation solid, eq. (12) dashed. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const saxeModeCurves: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const all = seriesOf(frame, 'main');
  // tanh curves share the mode's colour but are thinner and translucent, so the three kinds stay apart.
  const marks = all.map((s) =>
    s.role === 'simulation' && /tanh/i.test(s.name)
      ? Plot.line(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], stroke: colours.get(s.group), strokeWidth: 1.2, strokeOpacity: 0.6, strokeDasharray: '1,2', ariaDescription: s.name })
      : lineMark(Plot, s, colours),
  );
  return [{ name: 'main', title: spec.title, options: baseOptions(spec, { marks: [Plot.ruleY([0], { stroke: 'var(--ld-border)' }), ...marks] }) }];
};
