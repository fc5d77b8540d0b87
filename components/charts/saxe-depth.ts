/**
 * Saxe Fig. 4: learning time against depth (left) and the learning rate against depth (right).
 * Every series is drawn by its kind (simulation solid, eq. (15) dashed, eq. (17) dotted, the rules'
 * rates thin, the stability limit grey); simulated results also get a dot at each simulated depth.
 */
import { fmt } from '../../engine/format.ts';
import type { ChartBuilder, PlotLib } from './common.ts';
import { colourOf, groupColours, kindClass, panel, seriesMarks, seriesOf } from './common.ts';
import type { FigureMeta, Frame } from '../../engine/spec.ts';

function marks(Plot: PlotLib, frame: Frame, meta: FigureMeta, name: string, colours: Map<string, string>) {
  return seriesOf(frame, meta, name).flatMap((s) => {
    const drawn = seriesMarks(Plot, meta, s, colours);
    if (s.kind !== 'sim') return drawn;
    const { stroke, groupClass } = colourOf(meta, s, colours);
    return [...drawn, Plot.dot(s.points, { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1], r: 3, stroke, className: kindClass(meta, 'sim', groupClass), ariaDescription: s.name })];
  });
}

export const saxeDepth: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const eps = Number(frame.params.epsilon);
  const size = { width: 460, height: 400 };
  return [
    panel(meta, 'time', { ...size, marks: marks(Plot, frame, meta, 'time', colours) }, `Learning time against depth (learned: |s − u| ≤ εs, ε = ${fmt(eps)})`),
    panel(meta, 'rate', { ...size, marks: marks(Plot, frame, meta, 'rate', colours) }),
  ];
};
