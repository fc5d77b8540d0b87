/** Tachet C6 (our minimal model): margin and weight norm over time under three losses, closed forms dashed, t* marked. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const tachetLosses: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const margin = seriesOf(frame, 'margin');
  const norm = seriesOf(frame, 'norm');
  const x = { label: 'training step (log scale)', type: 'log' as const, grid: true };
  return [
    {
      name: 'margin',
      title: 'Margin m = y f(x)',
      options: baseOptions(spec, { width: 420, height: 360, x, y: { label: 'margin m', grid: true }, marks: margin.map((s) => lineMark(Plot, s, colours)) }),
    },
    {
      name: 'norm',
      title: 'Weight norm √(a² + b²)',
      options: baseOptions(spec, { width: 420, height: 360, x, y: { label: 'weight norm √(a² + b²)', grid: true }, marks: norm.map((s) => lineMark(Plot, s, colours)) }),
    },
  ];
};
