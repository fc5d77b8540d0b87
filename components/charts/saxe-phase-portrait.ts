/**
 * Saxe Fig. 2: the (a, b) phase plane of eq. (8) and the mode strength u = ab over time. The vector
 * field, the start points and the current points are drawn here, tagged with their kinds in the spec.
 */
import { fieldGrid } from '../../engine/analytic/saxe.ts';
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, colourOf, groupColours, kindClass, panel, seriesOf } from './common.ts';

export const PHASE_EXTENT = 2.2;

/** Arrows of the flow of eq. (8), with length growing slowly with speed. */
function field(s: number) {
  return fieldGrid(s, 1, 2, 14)
    .filter((p) => Math.hypot(p.da, p.db) > 1e-12)
    .map((p) => ({
      a: p.a,
      b: p.b,
      // Plot's vector rotation is clockwise from north; the panel has equal aspect.
      rotate: (Math.atan2(p.da, p.db) * 180) / Math.PI,
      length: Math.min(1, Math.sqrt(Math.hypot(p.da, p.db))),
    }));
}

export const saxePhasePortrait: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const s = Number(frame.params.s);
  const trajectories = seriesOf(frame, meta, 'phase').filter((x) => x.kind === 'descent');
  const points = (at: 'first' | 'last') =>
    trajectories.flatMap((x) => {
      const { stroke, groupClass } = colourOf(meta, x, colours);
      const [a, b] = at === 'first' ? x.points[0] : x.points[x.points.length - 1];
      return [{ a, b, stroke, groupClass, name: x.name }];
    });
  const starts = points('first');
  const ends = points('last');
  const domain = [-PHASE_EXTENT, PHASE_EXTENT];
  const size = { width: 420, height: 420 };
  return [
    panel(meta, 'phase', {
      ...size,
      marginLeft: 44,
      x: { domain },
      y: { domain },
      length: { range: [0, 11] },
      clip: true,
      marks: [
        Plot.vector(field(s), {
          x: 'a',
          y: 'b',
          rotate: 'rotate',
          length: 'length',
          stroke: 'var(--ld-muted)',
          strokeOpacity: 0.55,
          ariaHidden: 'true',
          className: kindClass(meta, 'flow'),
        }),
        axisRule(Plot, 'x'),
        axisRule(Plot, 'y'),
        ...allSeriesMarks(Plot, frame, meta, 'phase', colours),
        // One mark per start (and per current point), so each carries its trajectory's colour class.
        ...starts.map((p) =>
          Plot.dot([p], { x: 'a', y: 'b', r: 5, fill: 'var(--ld-bg)', stroke: p.stroke, strokeWidth: 2, ariaDescription: `${p.name}: start`, className: kindClass(meta, 'start', p.groupClass) }),
        ),
        ...ends.map((p) =>
          Plot.dot([p], { x: 'a', y: 'b', r: 3.5, fill: p.stroke, ariaDescription: `${p.name}: current point`, className: kindClass(meta, 'current', p.groupClass) }),
        ),
      ],
    }),
    panel(meta, 'time', { ...size, marks: allSeriesMarks(Plot, frame, meta, 'time', colours) }),
  ];
};
