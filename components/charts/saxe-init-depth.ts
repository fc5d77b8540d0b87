/** Saxe Fig. 6A left and middle: learning time and fastest learning rate against depth, per initialisation (dots mark the depths trained). */
import type { FigureMeta, Frame } from '../../engine/spec.ts';
import type { ChartBuilder, PlotLib } from './common.ts';
import { colourOf, groupColours, kindClass, panel, seriesMarks, seriesOf } from './common.ts';

function marks(Plot: PlotLib, frame: Frame, meta: FigureMeta, name: string, colours: Map<string, string>) {
  return seriesOf(frame, meta, name).flatMap((s) => {
    const lines = seriesMarks(Plot, meta, s, colours);
    if (meta.kinds[s.kind].role !== 'simulation') return lines;
    // A dot at each depth that was trained, under the same kind and colour as the line.
    const { stroke, groupClass } = colourOf(meta, s, colours);
    return [...lines, Plot.dot(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], r: 3, fill: stroke, className: kindClass(meta, s.kind, groupClass), ariaDescription: s.name })];
  });
}

export const saxeInitDepth: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  return [panel(meta, 'time', { marks: marks(Plot, frame, meta, 'time', colours) }), panel(meta, 'rate', { height: 280, marks: marks(Plot, frame, meta, 'rate', colours) })];
};
