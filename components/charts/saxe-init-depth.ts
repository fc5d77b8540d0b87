/** Saxe Fig. 6A left and middle: learning time and fastest learning rate against depth, per initialisation. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, dotMark, groupColours, lineMark, seriesOf } from './common.ts';

export const saxeInitDepth: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const time = seriesOf(frame, 'time');
  const rate = seriesOf(frame, 'rate');
  const withDots = (list: typeof time) => list.flatMap((s) => (s.role === 'simulation' ? [lineMark(Plot, s, colours), dotMark(Plot, s, colours, 3)] : [lineMark(Plot, s, colours)]));
  return [
    {
      name: 'time',
      title: 'Learning time against depth',
      options: baseOptions(spec, {
        y: { label: 'learning time (iterations)', type: 'log', grid: true },
        marks: withDots(time),
      }),
    },
    {
      name: 'rate',
      title: 'Fastest learning rate tried, against depth',
      options: baseOptions(spec, {
        height: 280,
        y: { label: 'learning rate λ', type: 'log', grid: true },
        marks: withDots(rate),
      }),
    },
  ];
};
