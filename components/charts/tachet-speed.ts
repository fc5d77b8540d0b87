/** Tachet C4/C5 (our minimal model): learning time against 1/(n r), measured (dots) in their predicted circles, and the margins over time. */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, colourOf, groupColours, panel, seriesMarks, seriesOf } from './common.ts';

export const tachetSpeed: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const scatter = seriesOf(frame, meta, 'scatter').flatMap((s) =>
    // Measured times as filled dots, inside the open circle of their prediction.
    s.kind === 'measured' ? seriesMarks(Plot, meta, s, colours, { r: 3, fill: colourOf(meta, s, colours).stroke }) : seriesMarks(Plot, meta, s, colours),
  );
  return [
    panel(meta, 'scatter', { width: 420, height: 360, x: { zero: true }, y: { zero: true }, marks: scatter }),
    panel(meta, 'margins', { width: 420, height: 360, marks: allSeriesMarks(Plot, frame, meta, 'margins', colours) }),
  ];
};
