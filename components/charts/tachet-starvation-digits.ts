/** Gradient starvation on 8×8 digits (ours): clean and contradicting-patch test accuracy over training; control, chance and oracle in grey. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const tachetStarvationDigits: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const all = seriesOf(frame, 'main');
  const marks = all.map((s) =>
    /contradicting/.test(s.name) && s.role === 'reference'
      ? Plot.line(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], stroke: 'var(--ld-muted)', strokeWidth: 1.2, strokeDasharray: '2,3', ariaDescription: s.name })
      : lineMark(Plot, s, colours),
  );
  return [{ name: 'main', title: spec.title, options: baseOptions(spec, { y: { label: 'test accuracy', domain: [0, 1.02], grid: true }, marks }) }];
};
