/** Saxe Fig. 3 right: relative delay of the half-learning time, one dot per seed, mean line, zero line. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, dotMark, groupColours, lineMark, seriesOf } from './common.ts';

export const saxeModeDelay: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const all = seriesOf(frame, 'main');
  const marks = all.map((s) => (/per seed/i.test(s.name) ? dotMark(Plot, s, colours, 2) : lineMark(Plot, s, colours)));
  return [{ name: 'main', title: spec.title, options: baseOptions(spec, { marks }) }];
};
